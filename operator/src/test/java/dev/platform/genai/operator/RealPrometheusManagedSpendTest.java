package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.cost.CostEvaluator;
import dev.platform.genai.cost.PrometheusApi;
import dev.platform.genai.cost.RealPrometheus;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Observed;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.plan.Planner;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import dev.platform.genai.vocabulary.ConditionStatus;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The managed-model and per-endpoint spend evaluated by a real Prometheus (2.42): Vertex AI's token
 * counter under the name Cloud Monitoring's PromQL gives it ({@code
 * aiplatform_googleapis_com:publisher_online_serving_token_count}, labels resource_container,
 * model_user_id, type), vLLM's own counters of a self-hosted endpoint, and OpenCost's allocations
 * of its pods. The same Prometheus stands in for Cloud Monitoring's Prometheus-compatible API (the
 * query language is the same; Google's DELTA-metric handling is not tested here). Figures by hand
 * from the history, at Nov 4 00:00: 72 hours of November.
 */
class RealPrometheusManagedSpendTest {
  static final Instant OCT_25 = Instant.parse("2026-10-25T00:00:00Z");
  static final Instant OCT_31_23 = Instant.parse("2026-10-31T23:00:00Z");
  static final Instant NOV_10 = Instant.parse("2026-11-10T00:00:00Z");
  static final Instant NOV_4 = Instant.parse("2026-11-04T00:00:00Z");
  static final double GIB = 1073741824d;
  static final String NS = "genai-contract-assistant";
  static final String VERTEX = "aiplatform_googleapis_com:publisher_online_serving_token_count";
  static RealPrometheus prometheus;
  static CostEvaluator evaluator;

  @BeforeAll
  static void start() throws Exception {
    RealPrometheus.assumeInstalled();
    RealPrometheus.History h = new RealPrometheus.History();
    h.constant("node_cpu_hourly_cost", "node=\"n1\"", 0.033, OCT_25, NOV_10);
    h.constant("node_ram_hourly_cost", "node=\"n1\"", 0.0045, OCT_25, NOV_10);
    h.constant("node_cpu_hourly_cost", "node=\"g1\"", 0.05, OCT_25, NOV_10);
    h.constant("node_ram_hourly_cost", "node=\"g1\"", 0.006, OCT_25, NOV_10);
    h.constant("node_gpu_hourly_cost", "node=\"g1\"", 2.5, OCT_25, NOV_10);
    // the llama-8b endpoint's pod (a Deployment's): 1 GPU, 2 CPU, 8 GiB on g1, all month
    String llama =
        "namespace=\""
            + NS
            + "\",pod=\"model-llama-8b-7d9f8c6b5d-x2x4z\",container=\"server\",node=\"g1\"";
    h.constant("container_gpu_allocation", llama, 1, OCT_31_23, NOV_10);
    h.constant("container_cpu_allocation", llama, 2, OCT_31_23, NOV_10);
    h.constant("container_memory_allocation_bytes", llama, 8 * GIB, OCT_31_23, NOV_10);
    // vLLM's counters of that pod: 300k prompt and 100k generated tokens an hour
    String vllm =
        "namespace=\"" + NS + "\",pod=\"model-llama-8b-7d9f8c6b5d-x2x4z\",model_name=\"llama-8b\"";
    h.counter("vllm:prompt_tokens_total", vllm, 300_000, OCT_31_23, NOV_10);
    h.counter("vllm:generation_tokens_total", vllm, 100_000, OCT_31_23, NOV_10);
    // in the namespace, not the endpoint's: an app, and another endpoint whose name starts the same
    // way
    h.constant(
        "container_cpu_allocation",
        "namespace=\"" + NS + "\",pod=\"app-0\",container=\"app\",node=\"n1\"",
        1,
        OCT_31_23,
        NOV_10);
    String large =
        "namespace=\""
            + NS
            + "\",pod=\"model-llama-8b-large-6c7d8e9f0a-abcde\",container=\"s\",node=\"n1\"";
    h.constant("container_cpu_allocation", large, 4, OCT_31_23, NOV_10);
    h.counter(
        "vllm:prompt_tokens_total",
        large.replace(",container=\"s\",node=\"n1\"", ""),
        999_000,
        OCT_31_23,
        NOV_10);
    // Vertex AI: the project's model, another model of the same Google project, the same model
    // elsewhere
    String vertex =
        "monitored_resource=\"aiplatform.googleapis.com/PublisherModel\",resource_container=\"%s\","
            + "location=\"europe-west4\",model_user_id=\"%s\",type=\"%s\"";
    h.counter(
        VERTEX,
        vertex.formatted("acme-legal-ai", "gemini-2.5-flash", "input"),
        1_000_000,
        OCT_31_23,
        NOV_10);
    h.counter(
        VERTEX,
        vertex.formatted("acme-legal-ai", "gemini-2.5-flash", "output"),
        200_000,
        OCT_31_23,
        NOV_10);
    h.counter(
        VERTEX,
        vertex.formatted("acme-legal-ai", "gemini-2.5-pro", "input"),
        5_000_000,
        OCT_31_23,
        NOV_10);
    h.counter(
        VERTEX,
        vertex.formatted("acme-other-ai", "gemini-2.5-flash", "input"),
        9_000_000,
        OCT_31_23,
        NOV_10);
    // the same model of the same Google project served from another region (another endpoint of the
    // project)
    String west1 = vertex.replace("europe-west4", "europe-west1");
    h.counter(
        VERTEX,
        west1.formatted("acme-legal-ai", "gemini-2.5-flash", "input"),
        400_000,
        OCT_31_23,
        NOV_10);
    h.counter(
        VERTEX,
        west1.formatted("acme-legal-ai", "gemini-2.5-flash", "output"),
        50_000,
        OCT_31_23,
        NOV_10);
    prometheus = RealPrometheus.start(h);
    PrometheusApi api = new PrometheusApi(URI.create(prometheus.url()));
    evaluator = new CostEvaluator(api, api, Duration.ofMinutes(10));
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

  static Plan plan(CostReading reading, List<String> sharing) {
    GenAIProject p = Samples.project("contract-assistant.yaml");
    var admission = Planner.admit(p, new Resolution(Samples.policy(), List.of()));
    return Planner.plan(
        admission,
        Observed.at(reading.at() != null ? reading.at() : NOV_4, InstalledApis.NONE)
            .cost(reading)
            .sharingGoogleProject(sharing)
            .build());
  }

  static CostReading read() {
    GenAIProject p = Samples.project("contract-assistant.yaml");
    var model = Planner.admit(p, new Resolution(Samples.policy(), List.of())).model();
    assertThat(model.namespace()).isEqualTo(NS);
    CostReading r = evaluator.evaluate(p, NS, model, NOV_4);
    assertThat(r.state())
        .as(r.reason() + ": " + r.message())
        .isEqualTo(CostReading.State.EVALUATED);
    return r;
  }

  @Test
  void managedTokensOfTheProjectsModelAndGoogleProjectArePricedByPolicy() {
    CostReading r = read();
    assertThat(r.managed().state()).isEqualTo(CostReading.ManagedState.EVALUATED);
    CostReading.ModelTokens flash = r.managed().models().get(0);
    assertThat(flash.endpoint()).isEqualTo("gemini-flash");
    assertThat(money(flash.inputTokens())).isEqualTo(money(72 * 1_000_000d));
    assertThat(money(flash.outputTokens())).isEqualTo(money(72 * 200_000d));
    // policy: gemini-2.5-flash 0.28 / 2.30 per 1M; gemini-2.5-pro and acme-other-ai are not this
    // project's
    assertThat(money(r.managed().monthToDate())).isEqualTo(money(72 * 0.28 + 14.4 * 2.30)); // 53.28
    assertThat(money(r.managed().hourly())).isEqualTo(money(0.28 + 0.2 * 2.30)); // 0.74
  }

  /**
   * One model served from two regions: each endpoint reads its own location's tokens ({location} in
   * the usage query), and the endpoints add up to the project's managed total (black-box finding:
   * each reported the whole model's tokens, their sum above the total). Without {location} the two
   * cannot be told apart: they show the model's figures together (figuresOf), counted once.
   */
  @Test
  void oneModelInTwoRegionsIsCountedPerLocationAndOnce() throws Exception {
    GenAIProject p = twoRegions();
    var model = Planner.admit(p, new Resolution(Samples.policy(), List.of())).model();
    CostReading r = evaluator.evaluate(p, NS, model, NOV_4);
    Plan plan = plan(p, Samples.policy(), r);
    var figures = plan.budget().endpointFigures();
    assertThat(figures.get("gemini-flash").tokensThisMonth).isEqualTo("86400000"); // 72 h x 1.2M
    assertThat(figures.get("gemini-flash").spendThisMonth).isEqualTo("53.28");
    assertThat(figures.get("gemini-flash-west1").tokensThisMonth)
        .isEqualTo("32400000"); // 72 h x 450k
    assertThat(figures.get("gemini-flash-west1").spendThisMonth)
        .isEqualTo("16.34"); // 72 x (0.4 x 0.28 + 0.05 x 2.30)
    assertThat(figures.get("gemini-flash").figuresOf).isNull();
    assertThat(plan.budget().budget().managed)
        .as("each (model, location) once: 53.28 + 16.344")
        .isEqualTo("69.62");

    java.nio.file.Path noLocation = java.nio.file.Files.createTempFile("policy", ".yaml");
    java.nio.file.Files.writeString(
        noLocation,
        java.nio.file.Files.readString(
                dev.platform.genai.TestFiles.samples().resolve("platform-policy.yaml"))
            .replace("location=\"{location}\",", ""));
    var policy = Samples.policy(noLocation);
    CostReading together =
        evaluator.evaluate(
            p, NS, Planner.admit(p, new Resolution(policy, List.of())).model(), NOV_4);
    Plan plan2 = plan(p, policy, together);
    for (String e : List.of("gemini-flash", "gemini-flash-west1")) {
      assertThat(plan2.budget().endpointFigures().get(e).tokensThisMonth).isEqualTo("118800000");
      assertThat(plan2.budget().endpointFigures().get(e).figuresOf)
          .containsExactly("gemini-flash", "gemini-flash-west1");
    }
    assertThat(plan2.budget().budget().managed)
        .as("the model once, not once per endpoint")
        .isEqualTo("69.62");
  }

  /** contract-assistant with gemini-2.5-flash from europe-west1 as well. */
  static GenAIProject twoRegions() {
    GenAIProject p = Samples.project("contract-assistant.yaml");
    var west1 = Samples.project("contract-assistant.yaml").getSpec().models.get(1);
    west1.name = "gemini-flash-west1";
    west1.managed.region = "europe-west1";
    p.getSpec().models.add(west1);
    return p;
  }

  static Plan plan(
      GenAIProject p, dev.platform.genai.policy.PlatformPolicy policy, CostReading reading) {
    return Planner.plan(
        Planner.admit(p, new Resolution(policy, List.of())),
        Observed.at(NOV_4, InstalledApis.NONE).cost(reading).build());
  }

  @Test
  void aSelfHostedEndpointHasItsTokensItsPodsCostAndCostPerMillionTokens() {
    CostReading r = read();
    CostReading.EndpointUsage llama = r.endpoints().get(0);
    assertThat(llama.endpoint()).isEqualTo("llama-8b");
    assertThat(money(llama.tokens()))
        .as("vLLM's prompt + generated tokens, not llama-8b-large's")
        .isEqualTo(money(72 * 400_000d));
    double hourly = 1 * 2.5 + 2 * 0.05 + 8 * 0.006; // 2.648
    assertThat(money(llama.spend())).as("its pod only").isEqualTo(money(72 * hourly)); // 190.656
    // the namespace pays all its pods: the endpoint, the app, the other endpoint
    assertThat(money(r.monthToDate()))
        .isEqualTo(money(72 * (hourly + 0.033 + 4 * 0.033))); // 202.536

    Plan plan = plan(r, List.of());
    var figures = plan.budget().endpointFigures();
    assertThat(figures.get("llama-8b").tokensThisMonth).isEqualTo("28800000");
    assertThat(figures.get("llama-8b").spendThisMonth).isEqualTo("190.66");
    assertThat(figures.get("llama-8b").costPerMillionTokens).isEqualTo("6.62"); // 190.656 / 28.8
    assertThat(figures.get("gemini-flash").tokensThisMonth).isEqualTo("86400000");
    assertThat(figures.get("gemini-flash").costPerMillionTokens).isEqualTo("0.62"); // 53.28 / 86.4
  }

  @Test
  void exactManagedSpendCountsAgainstTheCapAndTheSplitIsShown() {
    Plan plan = plan(read(), List.of());
    var b = plan.budget().budget();
    assertThat(b.inCluster).isEqualTo("202.54");
    assertThat(b.managed).isEqualTo("53.28");
    assertThat(b.managedAttribution).isEqualTo("Exact");
    assertThat(b.monthToDate).isEqualTo("255.82"); // 202.536 + 53.28
    PartOutcome managed = part(plan, ConditionType.ManagedSpendTracked);
    assertThat(managed.isTrue()).isTrue();
    assertThat(managed.message())
        .contains("acme-legal-ai", "53.28 EUR this month, counted against the cap");
  }

  @Test
  void sharedGoogleProjectIsReportedNotCounted() {
    Plan plan = plan(read(), List.of("legal-search"));
    var b = plan.budget().budget();
    assertThat(b.managed).isEqualTo("53.28");
    assertThat(b.managedAttribution).isEqualTo("Shared");
    assertThat(b.sharedWith).containsExactly("legal-search");
    assertThat(b.monthToDate).as("in-cluster only").isEqualTo("202.54");
    PartOutcome managed = part(plan, ConditionType.ManagedSpendTracked);
    assertThat(managed.status()).isEqualTo(ConditionStatus.False);
    assertThat(managed.reason()).isEqualTo(Reason.SharedGoogleProject);
    assertThat(managed.message())
        .contains("also used for managed models by legal-search", "sharedGoogleProjects: Refuse");
  }

  @Test
  void withoutAManagedMetricsUrlManagedSpendIsNotCountedAndSaysSo() {
    GenAIProject p = Samples.project("contract-assistant.yaml");
    var model = Planner.admit(p, new Resolution(Samples.policy(), List.of())).model();
    CostReading r =
        new CostEvaluator(new PrometheusApi(URI.create(prometheus.url())), Duration.ofMinutes(10))
            .evaluate(p, NS, model, NOV_4);
    Plan plan = plan(r, List.of());
    assertThat(plan.budget().budget().managed).isNull();
    assertThat(plan.budget().budget().monthToDate).isEqualTo("202.54");
    PartOutcome managed = part(plan, ConditionType.ManagedSpendTracked);
    assertThat(managed.reason()).isEqualTo(Reason.NotInstalled);
    assertThat(managed.message()).contains("GENAI_MANAGED_METRICS_URL is unset");
  }

  /**
   * Prometheus started with --storage.tsdb.retention.time=5d deletes, at start, the blocks older
   * than 5 days before its newest sample: on Nov 10 the month's first days are gone. The flags API
   * says why.
   */
  @Test
  void aRetentionShorterThanTheMonthIsReadFromTheFlagsApiAndNamed() throws Exception {
    RealPrometheus.History h = new RealPrometheus.History();
    h.constant("node_cpu_hourly_cost", "node=\"n1\"", 0.033, OCT_25, NOV_10);
    h.constant(
        "container_cpu_allocation",
        "namespace=\"genai-kept\",pod=\"a-0\",container=\"a\",node=\"n1\"",
        2,
        OCT_31_23,
        NOV_10);
    try (RealPrometheus shortRetention = RealPrometheus.start(h, "5d")) {
      PrometheusApi api = new PrometheusApi(URI.create(shortRetention.url()));
      assertThat(api.retention()).contains(Duration.ofDays(5));
      CostReading r =
          new CostEvaluator(api, Duration.ofMinutes(10))
              .read(Samples.project("public-pilot.yaml"), "genai-kept", NOV_10);
      assertThat(r.retention()).isEqualTo(Duration.ofDays(5));
      // 216 marks in November until the 10th; about 5 days (120 marks, give or take a 2-hour block)
      // are kept
      BigDecimal covered = r.coverage().multiply(BigDecimal.valueOf(216));
      assertThat(covered.doubleValue()).isBetween(118.0, 124.0);
      assertThat(money(r.monthToDate()).doubleValue())
          .as("the kept marks, each 2 CPU at 0.033")
          .isCloseTo(covered.doubleValue() * 2 * 0.033, org.assertj.core.data.Offset.offset(0.07));
      Plan plan = plan(r, List.of());
      PartOutcome tracking = part(plan, ConditionType.CostTrackingReady);
      assertThat(tracking.reason()).isEqualTo(Reason.PartialData);
      assertThat(tracking.message())
          .contains(
              "the month so far is 9d", "Prometheus keeps 5d of data", "raise it to at least 32d");
    }
    assertThat(new PrometheusApi(URI.create(prometheus.url())).retention())
        .contains(Duration.ofDays(3650));
  }

  static PartOutcome part(Plan plan, ConditionType type) {
    return plan.budget().parts().stream().filter(p -> p.type() == type).findFirst().orElseThrow();
  }
}
