package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.cost.CostEvaluator;
import dev.platform.genai.cost.PrometheusApi;
import dev.platform.genai.cost.RealPrometheus;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Observed;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.plan.Planner;
import dev.platform.genai.plan.finops.BudgetDecision.Enforcement;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Managed-model spend stands on its own (black-box finding: with GENAI_MANAGED_METRICS_URL set it
 * was read only when in-cluster spend was, so with Prometheus unset, OpenCost absent, nodes
 * unpriced or Prometheus down, ManagedSpendTracked stayed Unknown Pending for ever and token spend
 * was never enforced). A real Prometheus (2.42) stands in for Cloud Monitoring's Prometheus API
 * with Vertex AI's token counter, as in {@link RealPrometheusManagedSpendTest}: 53.28 EUR of
 * gemini-2.5-flash by Nov 4 00:00. For each way in-cluster spend can be unknown, the managed figure
 * is read, counted, enforced, and the total says which part is missing.
 */
class ManagedSpendOnItsOwnTest {
  static final Instant OCT_25 = Instant.parse("2026-10-25T00:00:00Z");
  static final Instant OCT_31_23 = Instant.parse("2026-10-31T23:00:00Z");
  static final Instant NOV_4 = Instant.parse("2026-11-04T00:00:00Z");
  static final Instant NOV_10 = Instant.parse("2026-11-10T00:00:00Z");
  static final String NS = "genai-contract-assistant";

  /** Cloud Monitoring's stand-in: Vertex AI's counters and nothing of OpenCost's. */
  static RealPrometheus cloudMonitoring;

  /**
   * An in-cluster Prometheus with OpenCost, where the project's pod runs on a node OpenCost has no
   * price for.
   */
  static RealPrometheus unpriced;

  @BeforeAll
  static void start() throws Exception {
    RealPrometheus.assumeInstalled();
    String vertex =
        "monitored_resource=\"aiplatform.googleapis.com/PublisherModel\",resource_container=\"acme-legal-ai\","
            + "location=\"europe-west4\",model_user_id=\"gemini-2.5-flash\",type=\"%s\"";
    String metric = RealPrometheusManagedSpendTest.VERTEX;
    cloudMonitoring =
        RealPrometheus.start(
            new RealPrometheus.History()
                .counter(metric, vertex.formatted("input"), 1_000_000, OCT_31_23, NOV_10)
                .counter(metric, vertex.formatted("output"), 200_000, OCT_31_23, NOV_10));
    unpriced =
        RealPrometheus.start(
            new RealPrometheus.History()
                .constant("node_cpu_hourly_cost", "node=\"n1\"", 0.033, OCT_25, NOV_10)
                .constant("node_ram_hourly_cost", "node=\"n1\"", 0.0045, OCT_25, NOV_10)
                .constant(
                    "container_cpu_allocation",
                    "namespace=\"" + NS + "\",pod=\"a-0\",container=\"a\",node=\"x9\"",
                    2,
                    OCT_31_23,
                    NOV_10));
  }

  @AfterAll
  static void stop() {
    for (RealPrometheus p : new RealPrometheus[] {cloudMonitoring, unpriced}) {
      if (p != null) {
        p.close();
      }
    }
  }

  @Test
  void prometheusUnset() {
    CostEvaluator e = new CostEvaluator(null, api(cloudMonitoring), Duration.ofMinutes(10));
    CostReading r = e.read(project(), NS, model(project()), NOV_4);
    assertThat(r.state()).isEqualTo(CostReading.State.OFF);
    Plan plan = counted(r, "GENAI_PROMETHEUS_URL is unset");
    assertThat(plan.budget().budget().inCluster).isNull();
    assertThat(part(plan, ConditionType.CostTrackingReady).message())
        .contains("Managed-model spend is read on its own (ManagedSpendTracked)");
    // its own schedule: due again an interval after the managed figure was read
    GenAIProject evaluated = project();
    evaluated.setStatus(new GenAIProjectStatus());
    evaluated.getStatus().budget = plan.budget().budget();
    assertThat(e.read(evaluated, NS, model(evaluated), NOV_4.plusSeconds(60)).state())
        .isEqualTo(CostReading.State.NOT_DUE);
    assertThat(e.read(evaluated, NS, model(evaluated), NOV_4.plusSeconds(601)).state())
        .isEqualTo(CostReading.State.OFF);
    // and nothing to do for a project without managed endpoints
    GenAIProject none = Samples.project("public-pilot.yaml");
    assertThat(e.read(none, "genai-support-copilot", model(none), NOV_4)).isSameAs(CostReading.OFF);
  }

  @Test
  void openCostAbsent() {
    CostReading r =
        new CostEvaluator(api(cloudMonitoring), api(cloudMonitoring), Duration.ofMinutes(10))
            .evaluate(project(), NS, model(project()), NOV_4);
    assertThat(r.reason()).isEqualTo(Reason.OpenCostNotFound);
    counted(r, "in-cluster spend could not be read (OpenCostNotFound), so none is counted");
  }

  @Test
  void nodesWithoutPrices() {
    CostReading r =
        new CostEvaluator(api(unpriced), api(cloudMonitoring), Duration.ofMinutes(10))
            .evaluate(project(), NS, model(project()), NOV_4);
    assertThat(r.reason()).isEqualTo(Reason.MissingPrices);
    counted(r, "in-cluster spend could not be read (MissingPrices), so none is counted");
  }

  @Test
  void prometheusDown() throws IOException {
    CostEvaluator e =
        new CostEvaluator(api(closedPort()), api(cloudMonitoring), Duration.ofMinutes(10));
    CostReading r = e.evaluate(project(), NS, model(project()), NOV_4);
    assertThat(r.reason()).isEqualTo(Reason.PrometheusUnavailable);
    assertThat(Duration.between(NOV_4, r.nextDue()))
        .as("retried soon")
        .isEqualTo(Duration.ofSeconds(30));
    counted(r, "in-cluster spend could not be read (PrometheusUnavailable), so none is counted");

    // with an in-cluster figure from earlier this month, that figure stands and the managed one is
    // added to it
    GenAIProject before = project();
    before.setStatus(new GenAIProjectStatus());
    BudgetStatus b = new BudgetStatus();
    b.month = "2026-11";
    b.inCluster = "100.00";
    b.monthToDate = "100.00";
    b.forecast = "900.00";
    b.lastEvaluated = "2026-11-03T00:00:00Z";
    before.getStatus().budget = b;
    Plan plan = plan(before, r);
    assertThat(plan.budget().budget().monthToDate).isEqualTo("153.28");
    assertThat(plan.budget().budget().incomplete)
        .isEqualTo(
            "In-cluster spend could not be read"
                + " (PrometheusUnavailable), so its figure of 2026-11-03T00:00:00Z (100.00) is counted.");
    assertThat(plan.budget().budget().forecast)
        .as("the rate is unknown: the last forecast stands")
        .isEqualTo("900.00");
  }

  /**
   * The managed figure read, counted against the cap, enforced at a limit below it (the total is a
   * floor: what is unknown only adds to it), and the total naming the part it lacks.
   */
  private static Plan counted(CostReading r, String missing) {
    assertThat(r.managed().state()).isEqualTo(CostReading.ManagedState.EVALUATED);
    Plan plan = plan(project(), r);
    BudgetStatus b = plan.budget().budget();
    assertThat(b.managed).isEqualTo("53.28");
    assertThat(b.managedAttribution).isEqualTo("Exact");
    assertThat(b.managedEvaluated).isEqualTo("2026-11-04T00:00:00Z");
    assertThat(b.monthToDate)
        .as("managed spend alone, never zero for the unknown part")
        .isEqualTo("53.28");
    assertThat(b.incomplete).containsIgnoringCase(missing);
    PartOutcome managed = part(plan, ConditionType.ManagedSpendTracked);
    assertThat(managed.isTrue()).as(managed.message()).isTrue();
    assertThat(part(plan, ConditionType.WithinBudget).message())
        .contains("Not all of it is known: ");

    GenAIProject tight = project();
    tight.getSpec().budget.monthlyLimit = "50";
    Plan enforced = plan(tight, r);
    assertThat(enforced.budget().enforcement()).isEqualTo(Enforcement.SUSPENDED);
    assertThat(part(enforced, ConditionType.WithinBudget).reason())
        .isEqualTo(Reason.BudgetExceeded);
    assertThat(part(enforced, ConditionType.WithinBudget).message())
        .contains("the real figure is higher still");
    return plan;
  }

  private static GenAIProject project() {
    return Samples.project("contract-assistant.yaml");
  }

  private static dev.platform.genai.model.ProjectModel model(GenAIProject p) {
    return Planner.admit(p, new Resolution(Samples.policy(), List.of())).model();
  }

  private static Plan plan(GenAIProject p, CostReading r) {
    return Planner.plan(
        Planner.admit(p, new Resolution(Samples.policy(), List.of())),
        Observed.at(NOV_4, InstalledApis.NONE).cost(r).build());
  }

  private static PartOutcome part(Plan plan, ConditionType type) {
    return plan.budget().parts().stream()
        .filter(p -> p.type() == type)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + plan.budget().parts()));
  }

  private static PrometheusApi api(RealPrometheus p) {
    return new PrometheusApi(URI.create(p.url()));
  }

  private static PrometheusApi api(URI uri) {
    return new PrometheusApi(uri);
  }

  private static URI closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + s.getLocalPort());
    }
  }
}
