package dev.platform.genai.plan.finops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.primitives.UnsignedLong;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.platform.genai.Samples;
import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.desired.DesiredAiGateway;
import dev.platform.genai.model.AiGatewayPlan;
import dev.platform.genai.model.AiGatewayPlan.TokenBudget;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.build.ProjectModels;
import dev.platform.genai.plan.finops.BudgetDecision.Enforcement;
import dev.platform.genai.policy.PlatformPolicy;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The token budget in the gateway's integers: the limit is the cap's share left for tokens at the
 * policy's prices, the CEL cost expression prices a request as managed spend does (rounded up to a
 * unit), Suspend and expiry deny rather than set a limit of zero, Throttle sends requests to the
 * cheaper model.
 */
class TokenBudgetsTest {
  static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * AI Gateway's own environment for llmRequestCosts (internal/llmcostcel/cel.go at
   * envoyproxy/ai-gateway c217da8): model, backend and route_name are strings, the token counts
   * unsigned integers; the result must be an integer.
   */
  static final CelCompiler AI_GATEWAY_CEL =
      CelCompilerFactory.standardCelCompilerBuilder()
          .addVar("model", SimpleType.STRING)
          .addVar("backend", SimpleType.STRING)
          .addVar("route_name", SimpleType.STRING)
          .addVar("input_tokens", SimpleType.UINT)
          .addVar("cached_input_tokens", SimpleType.UINT)
          .addVar("cache_creation_input_tokens", SimpleType.UINT)
          .addVar("output_tokens", SimpleType.UINT)
          .addVar("total_tokens", SimpleType.UINT)
          .addVar("reasoning_tokens", SimpleType.UINT)
          .build();

  static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  static ProjectModel model(String sample) {
    return ProjectModels.build(Samples.project(sample), Samples.policy());
  }

  static BudgetDecision decision(Enforcement e, String inCluster) {
    BudgetStatus b = new BudgetStatus();
    b.month = "2026-12";
    b.inCluster = inCluster;
    return new BudgetDecision(List.of(), b, List.of(), e, null, List.of(), Map.of());
  }

  static AiGatewayPlan plan(Enforcement e, String inCluster) {
    return TokenBudgets.of(
        model("contract-assistant.yaml"),
        Samples.policy().aiGateway(),
        decision(e, inCluster),
        NOW);
  }

  @Test
  void theLimitIsWhatTheCapLeavesAfterInClusterSpendInUnitsThatFitEnvoysInteger() {
    TokenBudget b = plan(Enforcement.NONE, "1234.56").budget();
    assertThat(b.month()).isEqualTo("2026-12");
    assertThat(b.amount()).isEqualByComparingTo("4765.44"); // 6000 EUR cap
    assertThat(b.digits()).as("4765.44 EUR in micro-euros would pass 4e9").isEqualTo(5);
    assertThat(b.limitUnits()).isEqualTo(476_544_000L);
    assertThat(b.state()).isEqualTo(TokenBudget.State.OPEN);
    assertThat(TokenBudgets.digits(new BigDecimal("999"))).isEqualTo(6);
    assertThat(TokenBudgets.digits(new BigDecimal("4000"))).isEqualTo(6);
    assertThat(TokenBudgets.digits(new BigDecimal("4000.01"))).isEqualTo(5);
    assertThat(TokenBudgets.digits(new BigDecimal("5000000000"))).isEqualTo(0);
    ProjectModel m = model("contract-assistant.yaml");
    ProjectModel.BudgetPlan huge =
        new ProjectModel.BudgetPlan(
            new BigDecimal("9000000000"),
            "EUR",
            m.budget().thresholds(),
            m.budget().onExceeded(),
            m.budget().quotaMonthlyCost(),
            m.budget().gpuMonthlyCost(),
            m.budget().affordableGpus(),
            m.budget().costCenter(),
            m.budget().alertRuleLabels());
    ProjectModel rich =
        new ProjectModel(
            m.name(),
            m.namespace(),
            m.stage(),
            m.classification(),
            m.labels(),
            m.namespaceLabels(),
            m.podSecurityLevel(),
            m.team(),
            m.quota(),
            m.gpu(),
            m.containerDefaults(),
            m.network(),
            m.cloud(),
            m.endpoints(),
            huge,
            m.residency(),
            m.readers());
    assertThat(TokenBudgets.budget(rich, decision(Enforcement.NONE, "0"), NOW).limitUnits())
        .as("a cap Envoy's uint32 cannot hold is counted at the most it can")
        .isEqualTo(TokenBudgets.MAX_LIMIT);
  }

  @Test
  void inClusterSpendNeverReadHoldsBackWhatTheQuotaCostsNotZero() {
    ProjectModel m = model("contract-assistant.yaml");
    TokenBudget b = plan(Enforcement.NONE, null).budget();
    assertThat(b.amount())
        .isEqualByComparingTo(m.budget().monthlyLimit().subtract(m.budget().quotaMonthlyCost()));
    BudgetDecision lastMonth = decision(Enforcement.NONE, "10");
    lastMonth.budget().month = "2026-11";
    assertThat(TokenBudgets.of(m, Samples.policy().aiGateway(), lastMonth, NOW).budget().amount())
        .as("a figure of another month is not this month's")
        .isEqualByComparingTo(b.amount());
  }

  @Test
  void suspendedExpiredOrNothingLeftIsDeniedNotALimitOfZero() {
    for (Enforcement e : List.of(Enforcement.SUSPENDED, Enforcement.EXPIRED)) {
      AiGatewayPlan g = plan(e, "100");
      assertThat(g.budget().state()).isEqualTo(TokenBudget.State.DENIED);
      assertThat(g.budget().why()).contains("contract-assistant", "spec.");
      assertThat(allowRules(g)).as("the SecurityPolicy allows nobody").isEmpty();
    }
    AiGatewayPlan spent = plan(Enforcement.NONE, "6000.00");
    assertThat(spent.budget().state()).isEqualTo(TokenBudget.State.DENIED);
    assertThat(spent.budget().why()).contains("nothing left", "raise spec.budget.monthlyLimit");
    assertThat(allowRules(plan(Enforcement.NONE, "100")))
        .singleElement()
        .satisfies(
            r ->
                assertThat(
                        r.path("principal")
                            .path("jwt")
                            .path("claims")
                            .path(0)
                            .path("values")
                            .path(0)
                            .asText())
                    .isEqualTo("system:serviceaccount:genai-contract-assistant:workload"));
  }

  @Test
  void throttledSendsAModelWithAFallbackToTheCheaperOne() {
    PlatformPolicy.AiGateway gw = Samples.policy().aiGateway();
    PlatformPolicy.AiGateway withFlash =
        new PlatformPolicy.AiGateway(
            gw.gatewayName(),
            gw.gatewayNamespace(),
            gw.hostnameTemplate(),
            gw.issuer(),
            gw.audience(),
            gw.jwksUri(),
            gw.jwks(),
            Map.of("gemini-2.5-flash", "gemini-2.5-flash-lite"),
            gw.serviceAccount());
    ProjectModel m = model("contract-assistant.yaml");
    AiGatewayPlan throttled =
        TokenBudgets.of(m, withFlash, decision(Enforcement.THROTTLED, "100"), NOW);
    assertThat(throttled.budget().state()).isEqualTo(TokenBudget.State.THROTTLED);
    assertThat(throttled.modelOverrides())
        .containsExactly(Map.entry("gemini-flash", "gemini-2.5-flash-lite"));
    assertThat(
            routeRule(throttled, m, "gemini-flash")
                .path("backendRefs")
                .path(0)
                .path("modelNameOverride")
                .asText())
        .isEqualTo("gemini-2.5-flash-lite");
    AiGatewayPlan open = TokenBudgets.of(m, withFlash, decision(Enforcement.NONE, "100"), NOW);
    assertThat(
            routeRule(open, m, "gemini-flash")
                .path("backendRefs")
                .path(0)
                .path("modelNameOverride")
                .asText())
        .isEqualTo("gemini-2.5-flash");
  }

  /**
   * Recorded OpenAI-shaped usage (a chat completion, and the last chunk of a stream with
   * stream_options.include_usage) run through AI Gateway's CEL environment: the cost is the tokens
   * at the managed-spend prices, rounded up to one budget unit, and a self-hosted model's tokens
   * cost nothing (its GPUs are the in-cluster spend).
   */
  @Test
  void theCostExpressionPricesARequestAsManagedSpendDoesRoundedUpToAUnit() throws Exception {
    ProjectModel m = model("contract-assistant.yaml");
    TokenBudget b = plan(Enforcement.NONE, "100").budget();
    var program = RUNTIME.createProgram(AI_GATEWAY_CEL.compile(b.costExpression()).getAst());
    ModelEndpoints.Managed flash = m.endpoints().managed().get(0);
    String[] recorded = {
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gemini-2.5-flash\",\"usage\":"
          + "{\"prompt_tokens\":1287,\"completion_tokens\":311,\"total_tokens\":1598}}",
      "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":"
          + "{\"prompt_tokens\":40213,\"completion_tokens\":2048,\"total_tokens\":42261}}"
    };
    for (String payload : recorded) {
      JsonNode usage = JSON.readTree(payload).path("usage");
      long in = usage.path("prompt_tokens").asLong();
      long out = usage.path("completion_tokens").asLong();
      for (String name : List.of(flash.name(), flash.model())) {
        Object cost = program.eval(vars(name, in, out));
        BigDecimal exact =
            BigDecimal.valueOf(in)
                .multiply(flash.price().inputPerMillion())
                .add(BigDecimal.valueOf(out).multiply(flash.price().outputPerMillion()))
                .movePointLeft(6);
        assertThat(
                flash
                    .price()
                    .cost(BigDecimal.valueOf(in), BigDecimal.valueOf(out))
                    .subtract(exact)
                    .abs())
            .as("managed spend is the same price, rounded to a millionth")
            .isLessThanOrEqualTo(new BigDecimal("0.0000005"));
        long expected =
            exact.movePointRight(b.digits()).setScale(0, RoundingMode.CEILING).longValueExact();
        assertThat(((UnsignedLong) cost).longValue()).as(name + " " + payload).isEqualTo(expected);
        assertThat(BigDecimal.valueOf(((UnsignedLong) cost).longValue()).multiply(b.unit()))
            .isGreaterThanOrEqualTo(exact)
            .isLessThan(exact.add(b.unit()));
      }
    }
    assertThat(program.eval(vars("llama-8b", 5000, 5000))).isEqualTo(UnsignedLong.ZERO);
    assertThat(((UnsignedLong) program.eval(vars("some-other-model", 1_000_000, 0))).longValue())
        .as("an unknown model is charged at the route's highest price, never free")
        .isPositive();
    assertThat(program.eval(vars(flash.name(), 0, 0))).isEqualTo(UnsignedLong.ZERO);
    assertThat(
            ((UnsignedLong) program.eval(vars(flash.name(), 4_294_967_295L, 4_294_967_295L)))
                .longValue())
        .as("the largest usage Envoy reports (uint32 counts) does not overflow")
        .isPositive();
  }

  private static Map<String, Object> vars(String model, long in, long out) {
    return Map.of(
        "model",
        model,
        "backend",
        "model-x.genai-contract-assistant",
        "route_name",
        "models",
        "input_tokens",
        UnsignedLong.valueOf(in),
        "cached_input_tokens",
        UnsignedLong.ZERO,
        "cache_creation_input_tokens",
        UnsignedLong.ZERO,
        "output_tokens",
        UnsignedLong.valueOf(out),
        "total_tokens",
        UnsignedLong.valueOf(in + out),
        "reasoning_tokens",
        UnsignedLong.ZERO);
  }

  private static JsonNode spec(AiGatewayPlan g, String kind) {
    ProjectModel m = model("contract-assistant.yaml");
    HasMetadata o =
        DesiredAiGateway.of(m, g).stream()
            .filter(x -> x.getKind().equals(kind))
            .findFirst()
            .orElseThrow();
    return JSON.valueToTree(((GenericKubernetesResource) o).getAdditionalProperties().get("spec"));
  }

  private static List<JsonNode> allowRules(AiGatewayPlan g) {
    List<JsonNode> out = new java.util.ArrayList<>();
    spec(g, "SecurityPolicy").path("authorization").path("rules").forEach(out::add);
    return out;
  }

  private static JsonNode routeRule(AiGatewayPlan g, ProjectModel m, String endpoint) {
    HasMetadata o =
        DesiredAiGateway.of(m, g).stream()
            .filter(x -> x.getKind().equals("AIGatewayRoute"))
            .findFirst()
            .orElseThrow();
    for (JsonNode r :
        JSON.valueToTree(((GenericKubernetesResource) o).getAdditionalProperties().get("spec"))
            .path("rules")) {
      if (r.path("name").asText().equals(endpoint)) {
        return r;
      }
    }
    throw new AssertionError("no rule " + endpoint);
  }
}
