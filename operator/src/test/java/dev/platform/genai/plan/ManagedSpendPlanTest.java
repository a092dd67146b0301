package dev.platform.genai.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.api.ProjectCondition;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import dev.platform.genai.vocabulary.ConditionStatus;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managed spend in the plan, from stated readings: what is kept when it cannot be read, and the
 * policy that refuses managed models on a shared Google project. (The figures themselves:
 * RealPrometheusManagedSpendTest.)
 */
class ManagedSpendPlanTest {
  static final Instant NOW = Instant.parse("2026-11-15T00:00:00Z");

  @TempDir Path dir;

  static Plan plan(
      GenAIProject p, PlatformPolicy policy, CostReading reading, List<String> sharing) {
    return Planner.plan(
        Planner.admit(p, new Resolution(policy, List.of())),
        Observed.at(NOW, InstalledApis.NONE).cost(reading).sharingGoogleProject(sharing).build());
  }

  static CostReading inCluster(String mtd) {
    return CostReading.evaluated(
        new BigDecimal(mtd), BigDecimal.ONE, NOW, null, NOW.plusSeconds(600));
  }

  static PartOutcome part(Plan plan, ConditionType type) {
    return plan.budget().parts().stream().filter(p -> p.type() == type).findFirst().orElseThrow();
  }

  /** A project whose status recorded exact managed spend of 100 this month. */
  static GenAIProject withManagedRecord() {
    GenAIProject p = Samples.project("contract-assistant.yaml");
    p.setStatus(new GenAIProjectStatus());
    BudgetStatus b = new BudgetStatus();
    b.month = "2026-11";
    b.inCluster = "400.00";
    b.managed = "100.00";
    b.managedAttribution = "Exact";
    b.monthToDate = "500.00";
    b.lastEvaluated = "2026-11-14T23:00:00Z";
    p.getStatus().budget = b;
    ProjectCondition c = new ProjectCondition();
    c.type = ConditionType.ManagedSpendTracked.type();
    c.status = ConditionStatus.True.name();
    c.reason = Reason.Evaluated.reason();
    c.message = "before";
    p.getStatus().conditions = new ArrayList<>(List.of(c));
    return p;
  }

  @Test
  void unreadableManagedSpendKeepsTheLastFigureAndStillCountsIt() {
    CostReading r =
        inCluster("420")
            .withManaged(
                CostReading.ManagedReading.failed(
                    Reason.PrometheusUnavailable,
                    "Cloud Monitoring (GENAI_MANAGED_METRICS_URL): unreachable"));
    Plan plan = plan(withManagedRecord(), Samples.policy(), r, List.of());
    assertThat(plan.budget().budget().inCluster).isEqualTo("420.00");
    assertThat(plan.budget().budget().managed).as("unknown is not zero").isEqualTo("100.00");
    assertThat(plan.budget().budget().monthToDate).isEqualTo("520.00");
    PartOutcome m = part(plan, ConditionType.ManagedSpendTracked);
    assertThat(m.reason()).isEqualTo(Reason.PrometheusUnavailable);
    assertThat(m.message())
        .contains("unreachable", "The managed figure of 2026-11-15T00:00:00Z (100.00 EUR) is kept");
  }

  @Test
  void aPendingEvaluationKeepsWhatStatusSaid() {
    Plan plan =
        plan(
            withManagedRecord(),
            Samples.policy(),
            CostReading.pending(NOW.plusSeconds(600)),
            List.of());
    assertThat(plan.budget().budget().managed).isEqualTo("100.00");
    assertThat(plan.budget().budget().monthToDate).isEqualTo("500.00");
    assertThat(part(plan, ConditionType.ManagedSpendTracked).message()).isEqualTo("before");
  }

  @Test
  void aModelWithoutAPriceIsMissingPricesNotFree() throws IOException {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(
        file,
        Files.readString(TestFiles.samples().resolve("platform-policy.yaml"))
            .replaceAll("(?m)^        tokenPrices:\\n.*\\n.*\\n", ""));
    PlatformPolicy noPrices = Samples.policy(file);
    var model =
        Planner.admit(
                Samples.project("contract-assistant.yaml"), new Resolution(noPrices, List.of()))
            .model();
    assertThat(model.endpoints().managed().get(0).price()).isNull();
    assertThat(model.endpoints().managed().get(0).usageQuery())
        .contains("publisher_online_serving_token_count");
  }

  @Test
  void thePolicyCanRefuseManagedModelsOnASharedGoogleProject() throws IOException {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(
        file,
        Files.readString(TestFiles.samples().resolve("platform-policy.yaml"))
            .replace("sharedGoogleProjects: Report", "sharedGoogleProjects: Refuse"));
    PlatformPolicy refuse = Samples.policy(file);
    GenAIProject p = Samples.project("contract-assistant.yaml");
    Plan alone = plan(p, refuse, CostReading.OFF, List.of());
    assertThat(alone.model().endpoints().managed()).hasSize(1);

    Plan shared = plan(p, refuse, CostReading.OFF, List.of("legal-search"));
    assertThat(shared.model().endpoints().managed()).isEmpty();
    assertThat(shared.model().endpoints().selfHosted())
        .as("self-hosted ones are not concerned")
        .hasSize(1);
    assertThat(shared.model().endpoints().notAllowed())
        .containsExactly(
            "spec.models[1].managed: Google project"
                + " acme-legal-ai is also used for managed models by legal-search, and the policy refuses managed models on"
                + " shared Google projects (spec.models.sharedGoogleProjects: Refuse): give this project a Google project of"
                + " its own (spec.gcp.projectId)");

    Plan reported = plan(p, Samples.policy(), CostReading.OFF, List.of("legal-search"));
    assertThat(reported.model().endpoints().managed())
        .as("Report (default): provisioned, spend reported")
        .hasSize(1);
  }

  static CostReading.ManagedReading atGateway(String mtd) {
    return CostReading.ManagedReading.atGateway(
        new BigDecimal(mtd),
        new BigDecimal("0.5"),
        List.of(
            new CostReading.ModelTokens(
                "gemini-flash",
                "VertexAI",
                "gemini-2.5-flash",
                new BigDecimal("3000000"),
                new BigDecimal("1000000"),
                new BigDecimal(mtd),
                List.of())),
        NOW,
        new BigDecimal(mtd),
        null,
        null);
  }

  /**
   * The gateway's figure, and Cloud Monitoring's a little lower (it reads minutes behind): they
   * agree.
   */
  @Test
  void behindTheGatewayALowerCheckAgreesAndTheGatewaysFigureCounts() {
    CostReading r =
        inCluster("400").withManaged(atGateway("100").withCheck(new BigDecimal("98.5"), null));
    Plan plan = plan(Samples.project("contract-assistant.yaml"), Samples.policy(), r, List.of());
    BudgetStatus b = plan.budget().budget();
    assertThat(b.managed).isEqualTo("100.00");
    assertThat(b.managedCheck).isEqualTo("98.50");
    assertThat(b.monthToDate).isEqualTo("500.00");
    assertThat(b.forecast)
        .as("the gateway's hourly rate in the forecast")
        .isEqualTo(
            new BigDecimal("500")
                .add(new BigDecimal("1.5").multiply(BigDecimal.valueOf(16 * 24)))
                .setScale(2)
                .toPlainString());
    PartOutcome m = part(plan, ConditionType.ManagedSpendTracked);
    assertThat(m.status()).isEqualTo(ConditionStatus.True);
    assertThat(m.message())
        .contains(
            "4000000 tokens",
            "100.00 EUR this month",
            "Cloud Monitoring reads 98.50",
            "minutes behind");
    // just above the tolerance (2 %, at least 0.01): Cloud Monitoring's figure counts, and it is
    // said
    CostReading above =
        inCluster("400").withManaged(atGateway("100").withCheck(new BigDecimal("102.01"), null));
    PartOutcome outside =
        part(
            plan(Samples.project("contract-assistant.yaml"), Samples.policy(), above, List.of()),
            ConditionType.ManagedSpendTracked);
    assertThat(outside.reason()).isEqualTo(Reason.SpendOutsideGateway);
    CostReading within =
        inCluster("400").withManaged(atGateway("100").withCheck(new BigDecimal("102.00"), null));
    assertThat(
            plan(Samples.project("contract-assistant.yaml"), Samples.policy(), within, List.of())
                .budget()
                .budget()
                .managed)
        .isEqualTo("100.00");
  }

  /**
   * No check to make (Cloud Monitoring not configured): the gateway's figure counts, and the status
   * says why.
   */
  @Test
  void behindTheGatewayWithoutCloudMonitoringTheFigureCountsUnchecked() {
    CostReading r =
        inCluster("400")
            .withManaged(
                atGateway("100")
                    .withCheck(
                        null,
                        "GENAI_MANAGED_METRICS_URL is unset, so the gateway's figure is not checked against Cloud Monitoring's."));
    Plan plan = plan(Samples.project("contract-assistant.yaml"), Samples.policy(), r, List.of());
    assertThat(plan.budget().budget().managedCheck).isNull();
    assertThat(plan.budget().budget().monthToDate).isEqualTo("500.00");
    PartOutcome m = part(plan, ConditionType.ManagedSpendTracked);
    assertThat(m.status()).isEqualTo(ConditionStatus.True);
    assertThat(m.message()).contains("not checked against Cloud Monitoring");
  }

  /**
   * The gateway's metrics unreadable: the last figure stands and counts (unknown is not zero), the
   * reason said.
   */
  @Test
  void behindTheGatewayAnUnreadableFigureKeepsTheLastOne() {
    CostReading r =
        inCluster("420")
            .withManaged(
                CostReading.ManagedReading.failed(
                    CostReading.Source.GATEWAY,
                    Reason.QueryFailed,
                    "The gateway's token metrics (GENAI_PROMETHEUS_URL): bad_data"));
    Plan plan = plan(withManagedRecord(), Samples.policy(), r, List.of());
    assertThat(plan.budget().budget().monthToDate).isEqualTo("520.00");
    PartOutcome m = part(plan, ConditionType.ManagedSpendTracked);
    assertThat(m.status()).isEqualTo(ConditionStatus.False);
    assertThat(m.reason()).isEqualTo(Reason.QueryFailed);
    assertThat(m.message()).contains("gateway's token metrics", "100.00 EUR) is kept");
  }
}
