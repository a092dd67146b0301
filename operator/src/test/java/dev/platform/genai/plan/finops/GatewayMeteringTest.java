package dev.platform.genai.plan.finops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.GatewaySpend;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.build.ProjectModels;
import dev.platform.genai.plan.finops.BudgetDecision.Enforcement;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.values.TokenPrice;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the gateway's metrics are read with (the caller, each endpoint's models and prices, the
 * query), and Envoy's Year window restart: where it falls and how the budget after it is lowered.
 * (The figures on a real Prometheus: RealPrometheusGatewaySpendTest.)
 */
class GatewayMeteringTest {
  static final PlatformPolicy POLICY = Samples.policy();

  static PlatformPolicy withFallback(String model, String fallback) {
    PlatformPolicy.AiGateway g = POLICY.aiGateway();
    PlatformPolicy.AiGateway gw =
        new PlatformPolicy.AiGateway(
            g.gatewayName(),
            g.gatewayNamespace(),
            g.hostnameTemplate(),
            g.issuer(),
            g.audience(),
            g.jwksUri(),
            g.jwks(),
            Map.of(model, fallback),
            g.serviceAccount(),
            g.usageQuery());
    return new PlatformPolicy(
        POLICY.namespacePrefix(),
        POLICY.caps(),
        POLICY.projectCpu(),
        POLICY.projectMemory(),
        POLICY.containerDefaults(),
        POLICY.podSecurity(),
        POLICY.monitoringNamespace(),
        POLICY.ingressNamespaces(),
        POLICY.egressCidrs(),
        POLICY.cloud(),
        POLICY.prices(),
        POLICY.models(),
        POLICY.promotion(),
        POLICY.gpuTypes(),
        POLICY.kueue(),
        POLICY.residency(),
        gw,
        POLICY.idleReclaim(),
        POLICY.source());
  }

  static ProjectModel model() {
    return ProjectModels.build(Samples.project("contract-assistant.yaml"), POLICY);
  }

  @Test
  void onlyManagedEndpointsBehindAServedGatewayAreMetered() {
    assertThat(GatewayMetering.of(model(), POLICY, false)).as("the CRDs not served").isNull();
    assertThat(GatewayMetering.of(model(), PlatformPolicy.DEFAULTS, true))
        .as("no gateway in the policy")
        .isNull();
    GatewayMetering m = GatewayMetering.of(model(), POLICY, true);
    assertThat(m.caller()).isEqualTo("system:serviceaccount:genai-contract-assistant:workload");
    assertThat(m.endpoints())
        .extracting(GatewayMetering.Metered::endpoint)
        .as("llama-8b is self-hosted: its GPUs")
        .containsExactly("gemini-flash");
    assertThat(m.endpoints().get(0).models())
        .containsExactly(
            new GatewayMetering.PricedModel(
                "gemini-2.5-flash",
                new TokenPrice(new BigDecimal("0.28"), new BigDecimal("2.30"))));
    assertThat(m.query("gemini-flash", "gemini-2.5-flash", "output", Duration.ofHours(72)))
        .isEqualTo(
            "sum(increase(gen_ai_client_token_usage_sum{genai_caller=\"system:serviceaccount:genai-contract-assistant:"
                + "workload\",gen_ai_original_model=\"gemini-flash\",gen_ai_request_model=\"gemini-2.5-flash\","
                + "gen_ai_token_type=\"output\"}[259200s]))");
  }

  /**
   * The throttle fallback is metered too, at the policy's price for it (its own, else the
   * provider's default).
   */
  @Test
  void theFallbackModelIsMeteredAtItsPolicyPrice() {
    GatewayMetering m =
        GatewayMetering.of(
            model(), withFallback("gemini-2.5-flash", "gemini-2.5-flash-lite"), true);
    assertThat(m.endpoints().get(0).models())
        .extracting(GatewayMetering.PricedModel::model)
        .containsExactly("gemini-2.5-flash", "gemini-2.5-flash-lite");
    assertThat(m.endpoints().get(0).models().get(1).price())
        .as("no price of its own: the provider's default")
        .isEqualTo(new TokenPrice(new BigDecimal("1.15"), new BigDecimal("9.20")));
  }

  /**
   * envoyproxy/ratelimit's Year is 365 days from the Unix epoch: in 2026 it restarts on Dec 18
   * 00:00 UTC, in 2028 (after Feb 29) on Dec 17; no other month of those years has a restart.
   */
  @Test
  void envoysYearWindowRestartsOnceAYearOnAnEpochAlignedDay() {
    assertThat(GatewayMetering.windowReset(YearMonth.of(2026, 12)))
        .contains(Instant.parse("2026-12-18T00:00:00Z"));
    assertThat(GatewayMetering.windowReset(YearMonth.of(2027, 12)))
        .contains(Instant.parse("2027-12-18T00:00:00Z"));
    assertThat(GatewayMetering.windowReset(YearMonth.of(2028, 12)))
        .contains(Instant.parse("2028-12-17T00:00:00Z"));
    for (int month = 1; month <= 11; month++) {
      assertThat(GatewayMetering.windowReset(YearMonth.of(2026, month)))
          .as("2026-%02d", month)
          .isEmpty();
    }
    assertThat(
            Instant.parse("2026-12-18T00:00:00Z").getEpochSecond() % GatewayMetering.YEAR_SECONDS)
        .isZero();
  }

  static BudgetDecision decision(String managedSource, String managed, String beforeReset) {
    BudgetStatus b = new BudgetStatus();
    b.month = "2026-12";
    b.inCluster = "1000.00";
    b.managedSource = managedSource;
    b.managed = managed;
    if (beforeReset != null) {
      b.gateway = new GatewaySpend();
      b.gateway.spendBeforeWindowReset = beforeReset;
    }
    return new BudgetDecision(List.of(), b, List.of(), Enforcement.NONE, null, List.of(), Map.of());
  }

  static BigDecimal amount(BudgetDecision d, String now) {
    return TokenBudgets.of(model(), POLICY.aiGateway(), d, Instant.parse(now)).budget().amount();
  }

  /**
   * After the restart the budget is the cap less in-cluster spend less what the gateway counted
   * before the restart (read at the restart; until then, the last month-to-date read before it);
   * before it, nothing is subtracted.
   */
  @Test
  void afterTheRestartTheBudgetIsLoweredByTheSpendBeforeIt() {
    assertThat(amount(decision("Gateway", "700.00", null), "2026-12-17T23:59:59Z"))
        .isEqualByComparingTo("5000.00");
    assertThat(amount(decision("Gateway", "700.00", "650.00"), "2026-12-18T00:00:00Z"))
        .isEqualByComparingTo("4350.00");
    assertThat(amount(decision("Gateway", "600.00", null), "2026-12-18T00:05:00Z"))
        .as("not read since the restart: the last figure before it")
        .isEqualByComparingTo("4400.00");
    assertThat(amount(decision("CloudMonitoring", "600.00", null), "2026-12-20T00:00:00Z"))
        .as("not metered at the gateway: nothing known of its bucket")
        .isEqualByComparingTo("5000.00");
  }
}
