package dev.platform.genai.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.api.KpiStatus;
import dev.platform.genai.api.MonthSpend;
import dev.platform.genai.api.PromotionItem;
import dev.platform.genai.api.PromotionStatus;
import dev.platform.genai.model.GovernanceDigest;
import dev.platform.genai.model.build.ProjectModels;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import dev.platform.genai.values.Classification;
import dev.platform.genai.values.Stage;
import dev.platform.genai.vocabulary.Phase;
import dev.platform.genai.vocabulary.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The Pilot→Production gate, item by item, as the plan decides it. */
class PromotionGateTest {
  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  static final String QUERY = "avg(ticket_handling_minutes)";

  /**
   * support-copilot, a Pilot for a while: KPI measured at 60 %, October and November within budget.
   */
  static GenAIProject provenPilot() {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setGeneration(3L);
    p.getMetadata().setUid("uid-1");
    p.getSpec().kpis.get(0).query = QUERY;
    GenAIProjectStatus s = new GenAIProjectStatus();
    s.pilotExpiresAt = p.getSpec().expiresAt;
    KpiStatus k = new KpiStatus();
    k.name = "handling-time-minutes";
    k.progressPercent = 60;
    k.queryDigest = GovernanceDigest.sha256(QUERY);
    k.measuredSince = "2026-09-01T00:00:00Z";
    s.kpis = new ArrayList<>(List.of(k));
    BudgetStatus b = new BudgetStatus();
    b.month = "2026-11";
    b.monthlyLimit = "3000.00";
    b.monthToDate = "1200.00";
    b.history = new ArrayList<>(List.of(new MonthSpend("2026-10", "2800.00", "3000.00")));
    s.budget = b;
    p.setStatus(s);
    return p;
  }

  static GenAIProject promoting(GenAIProject p) {
    p.getSpec().stage = "Production";
    return p;
  }

  static Plan plan(
      GenAIProject p,
      PlatformPolicy policy,
      List<GenAIProjectApproval> approvals,
      String namespaceStage) {
    Observed observed =
        Observed.at(NOW, InstalledApis.NONE)
            .approvals(approvals)
            .namespaceStage(namespaceStage)
            .cost(CostReading.notDue(NOW.plusSeconds(60)))
            .build();
    return Planner.plan(p, new Resolution(policy, List.of()), observed);
  }

  static Plan plan(GenAIProject p) {
    return plan(p, Samples.policy(), List.of(), Stage.Pilot.name());
  }

  static GenAIProjectApproval approval(GenAIProject p, String digest) {
    return Samples.approval(
        p.getMetadata().getName() + "-promotion", p.getMetadata().getName(), digest);
  }

  static PromotionItem item(Plan plan, String name) {
    return plan.promotion().record().checklist.stream()
        .filter(i -> i.item.equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aProvenPilotIsPromotedAndTheRecordStays() {
    Plan plan = plan(promoting(provenPilot()));
    assertThat(plan.promotion().effective()).isEqualTo(Stage.Production);
    assertThat(plan.model().quota().gpus()).isEqualTo(1);
    PromotionStatus r = plan.promotion().record();
    assertThat(r.state).isEqualTo("Promoted");
    assertThat(r.promotedAt).isEqualTo("2026-11-25T10:00:00Z");
    assertThat(r.checklist)
        .extracting(i -> i.item + "=" + i.met)
        .containsExactly(
            "KpiEvidence=true",
            "BudgetHistory=true",
            "NotExpired=true",
            "ProductionBudget=true",
            "Sponsor=true");
    assertThat(item(plan, "KpiEvidence").detail).contains("handling-time-minutes 60 %");
    assertThat(item(plan, "BudgetHistory").detail)
        .isEqualTo("2026-10: 2800.00 of 3000.00; this month so far" + " 1200.00 of 3000.00");
    assertThat(plan.notices()).extracting(Notice::reason).contains(Reason.Promoted);
    assertThat(plan.gatedPhase()).isEmpty();
  }

  @Test
  void eachMissingItemHoldsThePromotionAsAPilotUnderPilotCaps() {
    Map<String, Consumer<GenAIProject>> missing =
        Map.of(
            "KpiEvidence", p -> p.getStatus().kpis.get(0).progressPercent = 30,
            "BudgetHistory", p -> p.getStatus().budget.history.clear(),
            "NotExpired", p -> p.getSpec().expiresAt = "2026-11-01T00:00:00Z",
            "ProductionBudget", p -> p.getSpec().budget.monthlyLimit = "500");
    missing.forEach(
        (name, breakIt) -> {
          GenAIProject p = promoting(provenPilot());
          p.getSpec().resources.gpus =
              5; // above the pilot cap of 4, within production's 16 and the budget
          breakIt.accept(p);
          Plan plan = plan(p);
          assertThat(plan.promotion().held()).as(name).isTrue();
          assertThat(plan.promotion().effective()).as(name).isEqualTo(Stage.Pilot);
          boolean expired = name.equals("NotExpired");
          assertThat(plan.model().quota().gpus())
              .as(name + ": pilot cap (zero once the pilot expired)")
              .isEqualTo(expired ? 0 : 4);
          assertThat(plan.gatedPhase())
              .as(name)
              .contains(expired ? Phase.Expired : Phase.PromotionPending);
          assertThat(item(plan, name).met).as(name).isFalse();
          assertThat(
                  plan.promotion().record().checklist.stream().filter(i -> !i.met).map(i -> i.item))
              .as(name + " alone is missing")
              .containsExactly(name);
          assertThat(plan.promotion().part().message()).as(name).contains("Missing: " + name);
        });
    GenAIProject p = promoting(provenPilot());
    p.getStatus().kpis.get(0).progressPercent = 30;
    assertThat(plan(p).promotion().part().reason())
        .as("evidence accrues by itself")
        .isEqualTo(Reason.PromotionPending);
    p = promoting(provenPilot());
    p.getSpec().budget.monthlyLimit = "500";
    assertThat(plan(p).promotion().part().reason())
        .as("a person must raise the budget")
        .isEqualTo(Reason.PromotionBlocked);
  }

  @Test
  void anEditedKpiQueryRestartsItsEvidence() {
    GenAIProject p = promoting(provenPilot());
    p.getSpec().kpis.get(0).query = "avg(ticket_handling_minutes{team=\"a\"})";
    Plan plan = plan(p);
    assertThat(plan.promotion().held()).isTrue();
    assertThat(item(plan, "KpiEvidence").detail)
        .contains("its query changed since it was measured");
  }

  @Test
  void aPilotWithoutAMeasuredKpiHasNoEvidence() {
    GenAIProject p = promoting(provenPilot());
    p.getSpec().kpis.get(0).query = null;
    Plan plan = plan(p);
    assertThat(item(plan, "KpiEvidence").detail).contains("no KPI is measured by a query");
    assertThat(plan.promotion().part().reason()).isEqualTo(Reason.PromotionBlocked);
  }

  @Test
  void sensitiveDataNeedsComplianceToApproveThePromotionDigestNotTheEndpointOne() {
    GenAIProject p = promoting(provenPilot());
    p.getSpec().dataClassification = "Confidential";
    p.getSpec().compliance = new dev.platform.genai.api.Compliance();
    p.getSpec().compliance.owner = "dpo@example.com";
    p.getSpec().compliance.dpiaRef = "DPIA-1";
    Plan held = plan(p);
    assertThat(item(held, "Approval").met).isFalse();
    String digest = held.promotion().record().requiredDigest;
    assertThat(digest)
        .isNotEqualTo(
            GovernanceDigest.of(dev.platform.genai.model.build.ProjectModels.specDocument(p)));
    GenAIProjectApproval endpointApproval =
        approval(p, GovernanceDigest.of(ProjectModels.specDocument(p)));
    assertThat(plan(p, Samples.policy(), List.of(endpointApproval), "Pilot").promotion().held())
        .as("an approval of the endpoints (digest version 1) does not approve a promotion")
        .isTrue();
    Plan granted = plan(p, Samples.policy(), List.of(approval(p, digest)), "Pilot");
    assertThat(granted.promotion().record().state).isEqualTo("Promoted");
    assertThat(granted.promotion().record().approvedBy).isEqualTo("dpo@example.com");
  }

  @Test
  void aProjectCreatedAsProductionNeedsWhatPolicyNamesForDirectProduction() {
    GenAIProject p = promoting(Samples.project("public-pilot.yaml"));
    p.getMetadata().setUid("uid-2");
    Plan held = plan(p, Samples.policy(), List.of(), null);
    assertThat(held.promotion().record().direct).isTrue();
    assertThat(held.promotion().record().checklist)
        .extracting(i -> i.item)
        .containsExactly("DirectProduction", "ProductionBudget", "Sponsor");
    assertThat(item(held, "DirectProduction").detail).contains("requires a GenAIProjectApproval");
    assertThat(held.promotion().part().reason()).isEqualTo(Reason.PromotionBlocked);
    String digest = held.promotion().record().requiredDigest;
    assertThat(
            plan(p, Samples.policy(), List.of(approval(p, digest)), null).promotion().effective())
        .isEqualTo(Stage.Production);
    PlatformPolicy allowed =
        withPromotion(new PlatformPolicy.Promotion(50, Set.of(Classification.Public), Map.of()));
    assertThat(plan(p, allowed, List.of(), null).promotion().record().state).isEqualTo("Promoted");
  }

  @Test
  void deletingAndRecreatingDoesNotResetEvidenceIntoAPass() {
    GenAIProject recreated = promoting(provenPilot());
    recreated.setStatus(null); // a new object: no status, no history
    Plan plan = plan(recreated, Samples.policy(), List.of(), null);
    assertThat(plan.promotion().held()).isTrue();
    assertThat(plan.promotion().record().direct).as("never seen as a Pilot").isTrue();
    GenAIProject asPilot = provenPilot();
    asPilot.setStatus(new GenAIProjectStatus());
    asPilot.getStatus().pilotExpiresAt = asPilot.getSpec().expiresAt;
    assertThat(item(plan(promoting(asPilot)), "BudgetHistory").met)
        .as("a fresh pilot has no full month")
        .isFalse();
  }

  @Test
  void aHeldPromotionCanBeWithdrawnAndTheRecordStays() {
    GenAIProject p = promoting(provenPilot());
    p.getStatus().kpis.get(0).progressPercent = 10;
    p.getStatus().promotion = plan(p).promotion().record();
    assertThat(p.getStatus().promotion.state).isEqualTo("Held");
    p.getSpec().stage = "Pilot";
    Plan back = plan(p);
    assertThat(back.promotion().record().state).isEqualTo("Withdrawn");
    assertThat(back.promotion().part()).isNull();
    assertThat(back.gatedPhase()).isEmpty();
  }

  @Test
  void aWaiverIsRecorded() {
    GenAIProject p = promoting(provenPilot());
    p.getStatus().budget.history.clear();
    PlatformPolicy waiving =
        withPromotion(
            new PlatformPolicy.Promotion(
                50, Set.of(), Map.of(Classification.Public, Set.of("BudgetHistory"))));
    Plan plan = plan(p, waiving, List.of(), "Pilot");
    assertThat(plan.promotion().record().state).isEqualTo("Promoted");
    PromotionItem waived = item(plan, "BudgetHistory");
    assertThat(waived.met).isTrue();
    assertThat(waived.waived).isTrue();
    assertThat(waived.detail)
        .startsWith("waived by GenAIPlatformPolicy default spec.promotion.waivers.publicData");
  }

  @Test
  void projectsAlreadyInProductionWhenTheGateShipsAreGrandfatheredAndNothingDrops() {
    GenAIProject p = Samples.project("restricted-production.yaml");
    p.getMetadata().setUid("uid-3");
    p.setStatus(
        new GenAIProjectStatus()); // written by the operator before the gate: no promotion record
    p.getStatus().observedGeneration = 1L;
    Plan plan = plan(p, Samples.policy(), List.of(), "Production");
    assertThat(plan.promotion().record().state).isEqualTo("Grandfathered");
    assertThat(plan.promotion().effective()).isEqualTo(Stage.Production);
    assertThat(plan.model().stage()).isEqualTo(Stage.Production);
    assertThat(plan.model().quota().gpus()).isEqualTo(Math.min(p.getSpec().resources.gpus, 16));
  }

  static PlatformPolicy withPromotion(PlatformPolicy.Promotion promotion) {
    PlatformPolicy d = Samples.policy();
    return new PlatformPolicy(
        d.namespacePrefix(),
        d.caps(),
        d.projectCpu(),
        d.projectMemory(),
        d.containerDefaults(),
        d.podSecurity(),
        d.monitoringNamespace(),
        d.ingressNamespaces(),
        d.egressCidrs(),
        d.cloud(),
        d.prices(),
        d.models(),
        promotion,
        d.gpuTypes(),
        d.kueue(),
        d.residency(),
        d.aiGateway(),
        d.idleReclaim(),
        d.source());
  }
}
