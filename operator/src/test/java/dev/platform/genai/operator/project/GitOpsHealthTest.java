package dev.platform.genai.operator.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.Samples;
import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.GcpAccess;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.api.KpiStatus;
import dev.platform.genai.api.MonthSpend;
import dev.platform.genai.chart.ArgoHealthCheckTest;
import dev.platform.genai.gitops.KstatusPort;
import dev.platform.genai.model.GovernanceDigest;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Observed;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.plan.Planner;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every phase, as the status factory writes it, through a port of kstatus' generic rules (what Flux
 * and kpt decide) and through the Argo CD health check itself (Lua under luaj): the table of {@code
 * docs/gitops.md}.
 */
class GitOpsHealthTest {
  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  static final KubernetesSerialization JSON = new KubernetesSerialization();

  @ParameterizedTest(name = "{0}: kstatus {2}, Argo CD {3}")
  @CsvSource({
    "Provisioning, Provisioning, InProgress, Progressing",
    "Ready, Ready, Current, Healthy",
    "InvalidPolicy, Failed, Failed, Degraded",
    "RoleNotAllowed, Failed, Failed, Degraded",
    "PendingApproval, PendingApproval, Failed, Suspended",
    "Throttled, Throttled, Current, Suspended",
    "Suspended, Suspended, Current, Suspended",
    "Expired, Expired, Current, Suspended",
    "Terminating, Terminating, Terminating, Progressing",
    "PromotionEvidencePending, PromotionPending, InProgress, Suspended",
    "PromotionBlocked, PromotionPending, Failed, Suspended",
    "OlderGeneration, Ready, InProgress, Progressing"
  })
  void everyPhaseHasTheDocumentedHealth(String scenario, String phase, String kstatus, String argo)
      throws Exception {
    GenAIProject p = scenario(scenario);
    assertThat(p.getStatus().phase).isEqualTo(phase);
    JsonNode obj = JSON.convertValue(p, JsonNode.class);
    assertThat(KstatusPort.compute(obj)).as("kstatus").isEqualTo(kstatus);
    assertThat(ArgoHealthCheckTest.run(JSON.asJson(p)).split("\\|")[0])
        .as("Argo CD")
        .isEqualTo(argo);
    assertThat(p.getStatus().conditions)
        .extracting(c -> c.type)
        .as("Ready first, kstatus' two conditions beside it")
        .startsWith("Ready")
        .contains("Reconciling", "Stalled");
  }

  /** A project after one reconcile (two for the older generation) in the given situation. */
  static GenAIProject scenario(String name) {
    GenAIProject p =
        Samples.project(
            name.equals("PendingApproval") ? "contract-assistant.yaml" : "public-pilot.yaml");
    p.getMetadata().setGeneration(1L);
    p.getMetadata().setUid("uid-1");
    Resolution policy = new Resolution(Samples.policy(), List.of());
    CostReading cost = CostReading.OFF;
    Applied applied = ProjectStatusFactoryTest.ALL_APPLIED;
    switch (name) {
      case "Provisioning" ->
          applied = new Applied(Map.of(), Set.of(), null, CloudAccessStep.Result.NONE);
      case "InvalidPolicy" ->
          policy = new Resolution(Samples.policy(), List.of("spec.caps: broken"));
      case "RoleNotAllowed" ->
          applied =
              new Applied(
                  Map.of(),
                  applied.reconciled(),
                  null,
                  new CloudAccessStep.Result(
                      PartOutcome.failed(
                          ConditionType.CloudAccessReady,
                          Reason.RoleNotAllowed,
                          "roles/owner is never granted"),
                      null));
      case "PendingApproval" ->
          applied =
              new Applied(
                  Map.of(),
                  applied.reconciled(),
                  new EndpointReport(
                      List.of(),
                      "0/2",
                      PartOutcome.failed(
                          ConditionType.EndpointsReady, Reason.PendingApproval, "waiting")),
                  CloudAccessStep.Result.NONE);
      case "Throttled", "Suspended" -> {
        p.getSpec().budget.onExceeded = name.equals("Throttled") ? "Throttle" : "Suspend";
        cost =
            CostReading.evaluated(
                new BigDecimal("5000"), BigDecimal.ONE, NOW, null, NOW.plusSeconds(600));
      }
      case "Expired" -> p.getSpec().expiresAt = "2026-11-01T00:00:00Z";
      case "Terminating" -> p.getMetadata().setDeletionTimestamp("2026-11-25T09:00:00Z");
      case "PromotionEvidencePending", "PromotionBlocked" -> {
        // a pilot asks for Production: its KPI is measured but short of the way (evidence accrues)
        // ...
        p.getSpec().stage = "Production";
        p.getSpec().kpis.get(0).query = "avg(ticket_minutes)";
        p.setStatus(new GenAIProjectStatus());
        p.getStatus().pilotExpiresAt = p.getSpec().expiresAt;
        var k = new KpiStatus();
        k.name = p.getSpec().kpis.get(0).name;
        k.progressPercent = 20;
        k.queryDigest = GovernanceDigest.sha256("avg(ticket_minutes)");
        p.getStatus().kpis = List.of(k);
        p.getStatus().budget = new BudgetStatus();
        p.getStatus().budget.month = "2026-11";
        p.getStatus().budget.monthlyLimit = "3000.00";
        p.getStatus().budget.history.add(new MonthSpend("2026-10", "900.00", "3000.00"));
        cost = CostReading.notDue(NOW.plusSeconds(600));
        if (name.equals("PromotionBlocked")) {
          p.getSpec().budget.monthlyLimit =
              "500"; // ... or its budget cannot pay for production: a person acts
        }
      }
      default -> {}
    }
    if (name.equals("RoleNotAllowed")) {
      p.getSpec().gcp = new GcpAccess();
      p.getSpec().gcp.projectId = "acme-genai";
      p.getSpec().gcp.roles = List.of("roles/aiplatform.user");
    }
    reconcile(p, policy, cost, applied);
    if (name.equals("OlderGeneration")) {
      p.getMetadata().setGeneration(2L); // the spec changed; the operator has not looked yet
    }
    return p;
  }

  static void reconcile(GenAIProject p, Resolution policy, CostReading cost, Applied applied) {
    Observed observed = Observed.at(NOW, InstalledApis.NONE).cost(cost).build();
    Plan plan = Planner.plan(p, policy, observed);
    p.setStatus(
        new ProjectStatusFactory(Clock.fixed(NOW, ZoneOffset.UTC))
            .build(plan, plan.applies() ? applied : null));
  }
}
