package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.cost.CostEvaluator;
import dev.platform.genai.cost.PrometheusApi;
import dev.platform.genai.cost.RealPrometheus;
import dev.platform.genai.model.AiGatewayPlan;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Observed;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.plan.Planner;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.plan.finops.GatewayMetering;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import dev.platform.genai.vocabulary.ConditionStatus;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Managed-model spend measured at Envoy AI Gateway, evaluated by a real Prometheus (2.42) over the
 * series AI Gateway's extproc exposes: the histogram {@code gen_ai_client_token_usage} with the
 * labels of its Prometheus endpoint (cmd/extproc/mainlib/admin_test.go at envoyproxy/ai-gateway
 * c217da8: gen_ai_operation_name, gen_ai_original_model, gen_ai_provider_name,
 * gen_ai_request_model, gen_ai_response_model, gen_ai_token_type, otel_scope_*) plus {@code
 * genai_caller}, the attribute AI Gateway adds from the x-genai-caller header when installed with
 * {@code controller.metricsRequestHeaderAttributes=x-genai-caller:genai.caller} (the exporter turns
 * the dot into an underscore). Only the {@code _sum} series is read: a counter of tokens. Vertex
 * AI's own counter (as Cloud Monitoring's PromQL names it) stands in for Cloud Monitoring, the
 * check. Figures by hand, at Nov 4 00:00 (72 hours of November) and Dec 20 00:00 (after Envoy's
 * Year window restarted on Dec 18).
 */
class RealPrometheusGatewaySpendTest {
  static final Instant OCT_31_23 = Instant.parse("2026-10-31T23:00:00Z");
  static final Instant NOV_10 = Instant.parse("2026-11-10T00:00:00Z");
  static final Instant NOV_4 = Instant.parse("2026-11-04T00:00:00Z");
  static final Instant NOV_30_23 = Instant.parse("2026-11-30T23:00:00Z");
  static final Instant DEC_21 = Instant.parse("2026-12-21T00:00:00Z");
  static final Instant DEC_20 = Instant.parse("2026-12-20T00:00:00Z");
  static final String NS = "genai-contract-assistant";
  static final String ME = "system:serviceaccount:" + NS + ":workload";
  static final String OTHER = "system:serviceaccount:genai-legal-search:workload";
  static final String USAGE = "gen_ai_client_token_usage_sum";
  static final String VERTEX = "aiplatform_googleapis_com:publisher_online_serving_token_count";
  static RealPrometheus prometheus;
  static CostEvaluator evaluator;
  static PlatformPolicy policy;

  /**
   * A series of AI Gateway's token histogram, its labels as the extproc's Prometheus endpoint
   * writes them.
   */
  static String gateway(String caller, String endpoint, String model, String type) {
    return "gen_ai_operation_name=\"chat\",gen_ai_original_model=\""
        + endpoint
        + "\",gen_ai_provider_name="
        + "\"gcp.vertex_ai\",gen_ai_request_model=\""
        + model
        + "\",gen_ai_response_model=\""
        + model
        + "-001\","
        + "gen_ai_token_type=\""
        + type
        + "\",genai_caller=\""
        + caller
        + "\",otel_scope_name=\"envoyproxy/ai-gateway\","
        + "otel_scope_schema_url=\"\",otel_scope_version=\"\"";
  }

  @BeforeAll
  static void start() throws Exception {
    RealPrometheus.assumeInstalled();
    RealPrometheus.History h = new RealPrometheus.History();
    // OpenCost's prices, and no allocation in the namespace: in-cluster spend reads 0, not unknown
    h.constant(
        "node_cpu_hourly_cost",
        "node=\"n1\"",
        0.033,
        Instant.parse("2026-10-25T00:00:00Z"),
        DEC_21);
    // this project's workload through the gateway: its endpoint's model, and the cheaper fallback
    // while throttled
    h.counter(
        USAGE,
        gateway(ME, "gemini-flash", "gemini-2.5-flash", "input"),
        600_000,
        OCT_31_23,
        NOV_10);
    h.counter(
        USAGE,
        gateway(ME, "gemini-flash", "gemini-2.5-flash", "output"),
        100_000,
        OCT_31_23,
        NOV_10);
    h.counter(
        USAGE,
        gateway(ME, "gemini-flash", "gemini-2.5-flash-lite", "input"),
        200_000,
        OCT_31_23,
        NOV_10);
    h.counter(
        USAGE,
        gateway(ME, "gemini-flash", "gemini-2.5-flash-lite", "output"),
        50_000,
        OCT_31_23,
        NOV_10);
    // cached input is part of input (AI Gateway records it besides): never counted twice
    h.counter(
        USAGE,
        gateway(ME, "gemini-flash", "gemini-2.5-flash", "cached_input"),
        300_000,
        OCT_31_23,
        NOV_10);
    // another project on the same Google project, the same endpoint name and model: not this
    // project's
    h.counter(
        USAGE,
        gateway(OTHER, "gemini-flash", "gemini-2.5-flash", "input"),
        5_000_000,
        OCT_31_23,
        NOV_10);
    h.counter(
        USAGE,
        gateway(OTHER, "gemini-flash", "gemini-2.5-flash", "output"),
        500_000,
        OCT_31_23,
        NOV_10);
    // Cloud Monitoring: the Google project's model, whoever called it (both projects)
    String vertex =
        "monitored_resource=\"aiplatform.googleapis.com/PublisherModel\",resource_container="
            + "\"acme-legal-ai\",location=\"europe-west4\",model_user_id=\"gemini-2.5-flash\",type=\"%s\"";
    h.counter(VERTEX, vertex.formatted("input"), 5_600_000, OCT_31_23, NOV_10);
    h.counter(VERTEX, vertex.formatted("output"), 600_000, OCT_31_23, NOV_10);
    // December: 1M input tokens an hour, across Envoy's Year window restart (Dec 18 00:00)
    h.counter(
        USAGE,
        gateway(ME, "gemini-flash", "gemini-2.5-flash", "input"),
        1_000_000,
        NOV_30_23,
        DEC_21);
    prometheus = RealPrometheus.start(h);
    PrometheusApi api = new PrometheusApi(URI.create(prometheus.url()));
    evaluator = new CostEvaluator(api, api, Duration.ofMinutes(10));
    Path file = Files.createTempFile("policy", ".yaml");
    Files.writeString(
        file,
        Files.readString(TestFiles.samples().resolve("platform-policy.yaml"))
            .replace(
                "gemini-2.5-pro: gemini-2.5-flash\n",
                "gemini-2.5-pro: gemini-2.5-flash\n"
                    + "      gemini-2.5-flash: gemini-2.5-flash-lite\n")
            .replace(
                "          default: {inputPerMillion",
                "          gemini-2.5-flash-lite: {inputPerMillion: \"0.10\","
                    + " outputPerMillion: \"0.40\"}\n          default: {inputPerMillion")
            .replace("sharedGoogleProjects: Report", "sharedGoogleProjects: Refuse"));
    policy = Samples.policy(file);
    assertThat(policy.aiGateway().throttleFallbacks())
        .containsEntry("gemini-2.5-flash", "gemini-2.5-flash-lite");
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  static BigDecimal money(double v) {
    return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP);
  }

  static BigDecimal money(BigDecimal v) {
    return v.setScale(4, RoundingMode.HALF_UP);
  }

  static final InstalledApis GATEWAY = InstalledApis.of(List.of(InstalledApis.ENVOY_AI_GATEWAY));

  static CostReading read(Instant at) {
    GenAIProject p = Samples.project("contract-assistant.yaml");
    var model = Planner.admit(p, new Resolution(policy, List.of())).model();
    GatewayMetering metering = GatewayMetering.of(model, policy, true);
    assertThat(metering.caller()).isEqualTo(ME);
    CostReading r = evaluator.evaluate(p, NS, model, metering, at);
    assertThat(r.state())
        .as(r.reason() + ": " + r.message())
        .isEqualTo(CostReading.State.EVALUATED);
    return r;
  }

  static Plan plan(CostReading reading, Instant at, List<String> sharing) {
    GenAIProject p = Samples.project("contract-assistant.yaml");
    Planner.Admission admission = Planner.admit(p, new Resolution(policy, List.of()));
    // the endpoints approved: they are behind the gateway
    GenAIProjectApproval a =
        Samples.approval(
            "contract-assistant-approved",
            "contract-assistant",
            admission.model().endpoints().digest());
    return Planner.plan(
        admission,
        Observed.at(at, GATEWAY)
            .approvals(List.of(a))
            .cost(reading)
            .sharingGoogleProject(sharing)
            .sharingDescribed(
                sharing.isEmpty()
                    ? ""
                    : "legal-search (VertexAI/gemini-2.5-flash); this project calls"
                        + " VertexAI/gemini-2.5-flash from it")
            .build());
  }

  static PartOutcome part(Plan plan, ConditionType type) {
    return plan.budget().parts().stream().filter(o -> o.type() == type).findFirst().orElseThrow();
  }

  @Test
  void theGatewayCountsThisProjectsCallsPerModelServedPricedByPolicy() {
    CostReading.ManagedReading m = read(NOV_4).managed();
    assertThat(m.source()).isEqualTo(CostReading.Source.GATEWAY);
    CostReading.ModelTokens flash = m.models().get(0);
    assertThat(flash.endpoint()).isEqualTo("gemini-flash");
    // 72 h: gemini-2.5-flash 43.2M in, 7.2M out; the fallback 14.4M in, 3.6M out; not the other
    // caller's, not the
    // cached input again
    assertThat(money(flash.inputTokens())).isEqualTo(money(72 * 800_000d));
    assertThat(money(flash.outputTokens())).isEqualTo(money(72 * 150_000d));
    // 43.2 x 0.28 + 7.2 x 2.30 = 28.656; 14.4 x 0.10 + 3.6 x 0.40 = 2.88
    assertThat(money(m.monthToDate())).isEqualTo(money(28.656 + 2.88));
    assertThat(money(m.hourly()))
        .isEqualTo(money(0.6 * 0.28 + 0.1 * 2.30 + 0.2 * 0.10 + 0.05 * 0.40));
    // Cloud Monitoring's figure for the Google project's gemini-2.5-flash: both projects, 72 x (5.6
    // x 0.28 + 0.6 x 2.3)
    assertThat(money(m.check())).isEqualTo(money(72 * (5.6 * 0.28 + 0.6 * 2.30)));
    assertThat(m.beforeReset()).as("no window restart in November").isNull();
  }

  /**
   * On a Google project another project calls too, Cloud Monitoring cannot tell the two apart
   * (reported, never counted, without the gateway); the gateway can: its figure is this project's
   * alone and counts against the cap, and the managed endpoints are not refused even where the
   * policy refuses shared Google projects.
   */
  @Test
  void onASharedGoogleProjectTheGatewaysFigureIsExactAndCounted() {
    Plan plan = plan(read(NOV_4), NOV_4, List.of("legal-search"));
    BudgetStatus b = plan.budget().budget();
    assertThat(b.managedSource).isEqualTo("Gateway");
    assertThat(b.managedAttribution).isEqualTo("Exact");
    assertThat(b.sharedWith).isNull();
    assertThat(b.managed).isEqualTo("31.54"); // 31.536
    assertThat(b.gateway.spend).isEqualTo("31.54");
    assertThat(b.gateway.tokens).isEqualTo("68400000");
    assertThat(b.managedCheck).isEqualTo("212.26");
    assertThat(b.monthToDate)
        .as("no in-cluster figure in this history: the gateway's alone")
        .isEqualTo("31.54");
    PartOutcome managed = part(plan, ConditionType.ManagedSpendTracked);
    assertThat(managed.status()).isEqualTo(ConditionStatus.True);
    assertThat(managed.message())
        .contains(
            "31.54 EUR this month",
            "68400000 tokens",
            "Cloud Monitoring reads 212.26",
            "also used by legal-search",
            "tells this project's calls apart");
    assertThat(plan.budget().endpointFigures().get("gemini-flash").spendThisMonth)
        .isEqualTo("31.54");
    assertThat(plan.model().endpoints().managed())
        .as("not refused behind the gateway (the policy: Refuse)")
        .hasSize(1);
    GenAIProject p = Samples.project("contract-assistant.yaml");
    Plan direct =
        Planner.plan(
            Planner.admit(p, new Resolution(policy, List.of())),
            Observed.at(NOV_4, InstalledApis.NONE)
                .cost(read(NOV_4))
                .sharingGoogleProject(List.of("legal-search"))
                .sharingDescribed("legal-search (VertexAI/gemini-2.5-flash)")
                .build());
    assertThat(direct.model().endpoints().managed()).as("refused without the gateway").isEmpty();
  }

  /**
   * On a Google project of its own, Cloud Monitoring reading clearly more than the gateway means
   * calls that did not pass it: said (SpendOutsideGateway, with where to look), and the higher
   * figure counted.
   */
  @Test
  void onItsOwnGoogleProjectMoreInCloudMonitoringIsSpendOutsideTheGatewayAndCounted() {
    Plan plan = plan(read(NOV_4), NOV_4, List.of());
    BudgetStatus b = plan.budget().budget();
    // the endpoint's own model as Cloud Monitoring reads it (212.256), the fallback as the gateway
    // does (2.88)
    assertThat(b.managed).isEqualTo("215.14");
    assertThat(b.gateway.spend).isEqualTo("31.54");
    assertThat(b.monthToDate).isEqualTo("215.14");
    PartOutcome managed = part(plan, ConditionType.ManagedSpendTracked);
    assertThat(managed.status()).isEqualTo(ConditionStatus.False);
    assertThat(managed.reason()).isEqualTo(Reason.SpendOutsideGateway);
    assertThat(managed.message())
        .contains(
            "183.60 EUR more than the gateway counted",
            "without the gateway",
            "acme-legal-ai",
            "Cloud Monitoring's figure for them is counted");
  }

  /**
   * Envoy's Year window restarts the month's bucket on Dec 18 00:00: the spend before it is read at
   * the restart, and the budget after it is lowered by it, so the month cannot spend its tokens
   * twice.
   */
  @Test
  void afterTheYearWindowRestartsTheBudgetIsLoweredByWhatWasSpentBeforeIt() {
    CostReading r = read(DEC_20);
    // 456 h x 1M x 0.28 = 127.68 this month; 408 h (Dec 1 to Dec 18) x 1M x 0.28 = 114.24 before
    // the restart
    assertThat(money(r.managed().monthToDate())).isEqualTo(money(127.68));
    assertThat(money(r.managed().beforeReset())).isEqualTo(money(114.24));
    Plan plan = plan(r, DEC_20, List.of());
    assertThat(plan.budget().budget().gateway.spendBeforeWindowReset).isEqualTo("114.24");
    AiGatewayPlan g = plan.gateway();
    assertThat(g).isNotNull();
    assertThat(plan.budget().budget().inCluster).isEqualTo("0.00");
    // contract-assistant's cap of 6,000 EUR, nothing spent in-cluster, 114.24 before the restart
    assertThat(g.budget().amount()).isEqualByComparingTo("5885.76");
    assertThat(g.budget().limitUnits())
        .isEqualTo(5_885_760_000L / 10); // 5885.76 in units of 10^-5 EUR
  }
}
