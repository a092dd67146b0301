package dev.platform.genai.plan.finops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.api.KpiStatus;
import dev.platform.genai.plan.CloudIdentity;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Notice;
import dev.platform.genai.plan.Observed;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.plan.Planner;
import dev.platform.genai.plan.finops.BudgetDecision.Enforcement;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spend read into status: cost per KPI unit (ROI), and the forecast warning once a month. */
class BudgetDecisionTest {
  static final Instant NOW = Instant.parse("2026-11-15T00:00:00Z");

  /**
   * support-copilot (handling time, baseline 14 minutes, target 9: lower is better) with spend just
   * read.
   */
  static BudgetDecision decide(GenAIProject p, String monthToDate, String hourly, String kpiValue) {
    KpiStatus k = new KpiStatus();
    k.name = "handling-time-minutes";
    k.value = kpiValue;
    CostReading reading =
        CostReading.evaluated(
            new BigDecimal(monthToDate),
            new BigDecimal(hourly),
            NOW,
            kpiValue == null ? null : List.of(k),
            NOW.plusSeconds(600));
    Observed observed = Observed.at(NOW, InstalledApis.NONE).cost(reading).build();
    return Planner.plan(p, new Resolution(Samples.policy(), List.of()), observed).budget();
  }

  static GenAIProject project() {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setGeneration(1L);
    return p;
  }

  @Test
  void costPerKpiUnitIsSpendOverTheGainInTheBetterDirection() {
    KpiStatus k = decide(project(), "600", "1", "11").kpis().get(0); // 3 minutes saved for 600 EUR
    assertThat(k.gain).isEqualTo("3");
    assertThat(k.costPerUnit).isEqualTo("200.00");
    assertThat(k.costPerUnitOf).isEqualTo("EUR per minutes gained (lower is better)");
  }

  @Test
  void noGainYetHasNoCostPerUnitButSaysSo() {
    KpiStatus worse = decide(project(), "600", "1", "15").kpis().get(0);
    assertThat(worse.gain).isEqualTo("-1");
    assertThat(worse.costPerUnit).isNull();
    KpiStatus same = decide(project(), "600", "1", "14").kpis().get(0);
    assertThat(same.gain).isEqualTo("0");
    assertThat(same.costPerUnit).isNull();
  }

  @Test
  void higherIsBetterWhenTheTargetIsAboveTheBaseline() {
    GenAIProject p = project();
    p.getSpec().kpis.get(0).baseline = "40";
    p.getSpec().kpis.get(0).target = "80";
    p.getSpec().kpis.get(0).unit = "tickets per day";
    KpiStatus k = decide(p, "1000", "1", "50").kpis().get(0);
    assertThat(k.costPerUnit).isEqualTo("100.00");
    assertThat(k.costPerUnitOf).isEqualTo("EUR per tickets per day gained (higher is better)");
  }

  @Test
  void figuresOnPartOfTheMonthAreKeptAndSayHowMuch() {
    CostReading half =
        CostReading.evaluated(
            new BigDecimal("600"),
            BigDecimal.ONE,
            NOW,
            null,
            NOW.plusSeconds(600),
            new BigDecimal("0.5"));
    Observed observed = Observed.at(NOW, InstalledApis.NONE).cost(half).build();
    BudgetDecision d =
        Planner.plan(project(), new Resolution(Samples.policy(), List.of()), observed).budget();
    assertThat(d.budget().monthToDate).isEqualTo("600.00");
    assertThat(d.parts())
        .filteredOn(p -> p.type().equals(ConditionType.CostTrackingReady))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.status()).hasToString("False");
              assertThat(p.reason()).isEqualTo(Reason.PartialData);
              assertThat(p.message()).contains("covering 50 % of this month's hours");
            });
  }

  /**
   * Suspend stops managed spend too: the roles the managed models are called with are withheld;
   * Throttle keeps them.
   */
  @Test
  void aSuspensionWithholdsTheManagedModelsRolesAndAThrottleDoesNot() {
    GenAIProject p =
        Samples.project(
            "contract-assistant.yaml"); // VertexAI gemini; roles aiplatform.user, objectViewer
    p.getMetadata().setGeneration(1L);
    p.getSpec().budget.onExceeded = "Suspend";
    CostReading over =
        CostReading.evaluated(
            new BigDecimal("999999"), BigDecimal.ONE, NOW, null, NOW.plusSeconds(600));
    Observed observed =
        Observed.at(NOW, InstalledApis.NONE)
            .cost(over)
            .cloud(CloudIdentity.of("acme-gke", 123L))
            .build();
    Plan suspended = Planner.plan(p, new Resolution(Samples.policy(), List.of()), observed);
    assertThat(suspended.budget().enforcement()).isEqualTo(Enforcement.SUSPENDED);
    assertThat(suspended.cloud().grants())
        .extracting(g -> g.role())
        .containsExactly("roles/storage.objectViewer");
    assertThat(suspended.cloud().withheld())
        .extracting(g -> g.role())
        .containsExactly("roles/aiplatform.user");
    p.getSpec().budget.onExceeded = "Throttle";
    Plan throttled = Planner.plan(p, new Resolution(Samples.policy(), List.of()), observed);
    assertThat(throttled.cloud().grants())
        .extracting(g -> g.role())
        .containsExactlyInAnyOrder("roles/storage.objectViewer", "roles/aiplatform.user");
    assertThat(throttled.cloud().withheld()).isEmpty();
  }

  @Test
  void aForecastAboveTheCapWarnsOnceAMonth() {
    GenAIProject p =
        project(); // limit 3000; 1,500 spent half way, 10 an hour: forecast 1500 + 10 x 360 = 5100
    BudgetDecision first = decide(p, "1500", "10", null);
    assertThat(first.enforcement()).isEqualTo(Enforcement.NONE);
    assertThat(first.notices()).extracting(Notice::reason).contains(Reason.BudgetForecastExceeded);
    assertThat(first.budget().forecastNotified).isTrue();
    p.setStatus(new GenAIProjectStatus());
    p.getStatus().budget = first.budget();
    assertThat(decide(p, "1600", "10", null).notices())
        .extracting(Notice::reason)
        .doesNotContain(Reason.BudgetForecastExceeded);
    assertThat(decide(project(), "100", "1", null).notices())
        .as("a forecast under the cap")
        .isEmpty();
  }

  /**
   * At rollover the month just ended joins the history with its split and what its KPIs bought, and
   * the sponsor gets it as one Event (MonthlySummary) — once: the next reconcile of the new month
   * sends nothing.
   */
  @Test
  void theMonthThatEndedIsSummarisedForTheSponsorOnce() {
    GenAIProject p = project();
    BudgetDecision october =
        decide(p, "600", "1", "11"); // Nov 15 here: stands in for the month that ends
    p.setStatus(new GenAIProjectStatus());
    p.getStatus().budget = october.budget();
    p.getStatus().budget.month = "2026-10";
    p.getStatus().kpis = october.kpis();
    Instant dec1 = Instant.parse("2026-11-01T00:05:00Z");
    Observed observed =
        Observed.at(dec1, InstalledApis.NONE)
            .cost(CostReading.notDue(dec1.plusSeconds(600)))
            .build();
    BudgetDecision rolled =
        Planner.plan(p, new Resolution(Samples.policy(), List.of()), observed).budget();

    var ended = rolled.budget().history.get(rolled.budget().history.size() - 1);
    assertThat(ended.month).isEqualTo("2026-10");
    assertThat(ended.spent).isEqualTo("600.00");
    assertThat(ended.inCluster).isEqualTo("600.00");
    assertThat(ended.currency).isEqualTo("EUR");
    assertThat(ended.kpis)
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.gain).isEqualTo("3");
              assertThat(k.costPerUnit).isEqualTo("200.00");
            });
    assertThat(rolled.notices())
        .filteredOn(n -> n.reason().is("MonthlySummary"))
        .singleElement()
        .satisfies(
            n ->
                assertThat(n.message())
                    .isEqualTo(
                        "2026-10: spent 600.00 EUR of the 3000.00 cap (20 %);"
                            + " in-cluster 600.00, managed models none. KPI handling-time-minutes: 11, gain 3, 200.00 EUR per"
                            + " minutes gained (lower is better)."));

    p.getStatus().budget = rolled.budget();
    BudgetDecision next =
        Planner.plan(p, new Resolution(Samples.policy(), List.of()), observed).budget();
    assertThat(next.notices()).noneMatch(n -> n.reason().is("MonthlySummary"));
    assertThat(next.budget().history).hasSameSizeAs(rolled.budget().history);
  }

  @Test
  void anOnExceededThisReleaseDoesNotKnowIsRefusedNeverReadAsAlert() {
    // stored before the CRD's rule, or written past it: "suspend" is not Suspend
    GenAIProject p = Samples.project("contract-assistant.yaml");
    p.getMetadata().setGeneration(1L);
    p.getSpec().budget.onExceeded = "suspend";
    Observed observed =
        Observed.at(NOW, InstalledApis.NONE)
            .cost(
                CostReading.evaluated(
                    new BigDecimal("7000"), BigDecimal.ONE, NOW, List.of(), NOW.plusSeconds(600)))
            .build();
    Plan plan = Planner.plan(p, new Resolution(Samples.policy(), List.of()), observed);
    assertThat(plan.blocker()).as("a blocker, not a plan that stops nothing").isNotNull();
    assertThat(plan.blocker().reason()).isEqualTo(Reason.InvalidSpec);
    assertThat(plan.blocker().message()).contains("onExceeded");
    assertThat(dev.platform.genai.values.OnExceeded.of(null))
        .isEqualTo(dev.platform.genai.values.OnExceeded.Alert);
  }
}
