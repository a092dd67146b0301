package dev.platform.genai.operator;

import static dev.platform.genai.operator.OperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.cost.FakePrometheus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spend, thresholds, enforcement, month rollover, expiry and budget at risk, with a clock moved by
 * hand.
 */
class FinOpsOperatorTest {
  FakePrometheus prometheus;
  MutableClock clock;
  OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    prometheus = new FakePrometheus();
    clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    h = new OperatorHarness(Map.of("GENAI_PROMETHEUS_URL", prometheus.url()), clock);
  }

  @AfterEach
  void stop() {
    h.close();
    prometheus.close();
  }

  GenAIProject create(String name, Consumer<GenAIProject> edit) {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName(name);
    edit.accept(p);
    return h.client.resource(p).create();
  }

  /** Time passes beyond the evaluation interval and every project is reconciled again. */
  void later(Duration d) {
    clock.advance(d);
    h.resyncAll(h.client.resources(GenAIProject.class).list().getItems().size());
  }

  long events(String project, String reason) {
    return h.events(project).stream().filter(e -> reason.equals(e.getReason())).count();
  }

  String gpuQuota(String project) {
    return h.client
        .resourceQuotas()
        .inNamespace("genai-" + project)
        .withName("genai-quota")
        .get()
        .getSpec()
        .getHard()
        .get("requests.nvidia.com/gpu")
        .toString();
  }

  @Test
  void thresholdsNotifyOnceAMonthAndAlertOnlyAlerts() {
    prometheus.spend("genai-fin-alert", "1600", "2.5");
    create("fin-alert", p -> {});
    GenAIProject p =
        h.awaitProject(
            "fin-alert",
            x ->
                x.getStatus() != null
                    && x.getStatus().budget != null
                    && "1600.00".equals(x.getStatus().budget.monthToDate));
    assertThat(p.getStatus().budget.utilizationPercent).isEqualTo(53);
    assertThat(p.getStatus().budget.month).isEqualTo("2026-11");
    // 1600 so far + 2.5/h for the 134 h left of November
    assertThat(p.getStatus().budget.forecast).isEqualTo("1935.00");
    assertThat(p.getStatus().budget.lastEvaluated).isEqualTo("2026-11-25T10:00:00Z");
    assertThat(condition(p, "WithinBudget").orElseThrow().status).isEqualTo("True");
    assertThat(condition(p, "CostTrackingReady").orElseThrow().status).isEqualTo("True");
    await().untilAsserted(() -> assertThat(events("fin-alert", "BudgetThreshold")).isEqualTo(1));

    later(Duration.ofMinutes(11)); // evaluated again, same figures: no second notice
    assertThat(events("fin-alert", "BudgetThreshold")).isEqualTo(1);

    prometheus.spend("genai-fin-alert", "2500", "2.5");
    later(Duration.ofMinutes(11));
    h.awaitProject(
        "fin-alert", x -> Integer.valueOf(83).equals(x.getStatus().budget.utilizationPercent));
    await().untilAsserted(() -> assertThat(events("fin-alert", "BudgetThreshold")).isEqualTo(2));

    prometheus.spend("genai-fin-alert", "3100", "2.5");
    later(Duration.ofMinutes(11));
    // the completed hours' 3100, and 33 minutes of the hour in progress at 2.5 an hour (10:33)
    GenAIProject over =
        h.awaitProject("fin-alert", x -> "3101.38".equals(x.getStatus().budget.monthToDate));
    assertThat(over.getStatus().phase).isEqualTo("Ready"); // Alert: events and conditions only
    assertThat(condition(over, "WithinBudget").orElseThrow().reason).isEqualTo("BudgetExceeded");
    assertThat(gpuQuota("fin-alert")).isEqualTo("1");
    await().untilAsserted(() -> assertThat(events("fin-alert", "BudgetExceeded")).isEqualTo(1));
  }

  @Test
  void throttleAtTheLimitAndLiftItWhenTheMonthRollsOver() {
    prometheus.spend("genai-fin-throttle", "3000", "4");
    create(
        "fin-throttle",
        p -> {
          p.getSpec().budget.onExceeded = "Throttle";
          p.getSpec().resources.gpus = 2;
        });
    GenAIProject p = h.awaitPhase("fin-throttle", "Throttled");
    assertThat(gpuQuota("fin-throttle")).isEqualTo("0");
    assertThat(p.getStatus().quota.gpus).isZero();
    assertThat(condition(p, "WithinBudget").orElseThrow().message)
        .contains("GPU quota set to zero");

    clock.set(Instant.parse("2026-12-01T00:30:00Z"));
    prometheus.spend("genai-fin-throttle", "2", "4");
    h.resyncAll(1);
    GenAIProject december = h.awaitPhase("fin-throttle", "Ready");
    assertThat(gpuQuota("fin-throttle")).isEqualTo("2");
    assertThat(december.getStatus().budget.month).isEqualTo("2026-12");
    assertThat(december.getStatus().budget.notifiedThresholds).isEmpty();
  }

  @Test
  void suspendAndRaisingTheCapLiftsIt() {
    prometheus.spend("genai-fin-suspend", "3200", "4");
    create("fin-suspend", p -> p.getSpec().budget.onExceeded = "Suspend");
    h.awaitPhase("fin-suspend", "Suspended");
    assertThat(gpuQuota("fin-suspend")).isEqualTo("0");
    h.editProject("fin-suspend", changed -> changed.getSpec().budget.monthlyLimit = "5000");
    h.awaitPhase("fin-suspend", "Ready");
    assertThat(gpuQuota("fin-suspend")).isEqualTo("1");
  }

  @Test
  void aPilotIsWarnedAWeekAheadThenExpiresUntilExtended() {
    create("fin-expiry", p -> p.getSpec().expiresAt = "2026-11-28T10:00:00Z");
    h.awaitPhase("fin-expiry", "Ready");
    await().untilAsserted(() -> assertThat(events("fin-expiry", "PilotExpiresSoon")).isEqualTo(1));
    later(Duration.ofHours(1));
    assertThat(events("fin-expiry", "PilotExpiresSoon")).isEqualTo(1);

    clock.set(Instant.parse("2026-11-28T10:00:01Z"));
    h.resyncAll(1);
    h.awaitPhase("fin-expiry", "Expired");
    assertThat(gpuQuota("fin-expiry")).isEqualTo("0");
    await().untilAsserted(() -> assertThat(events("fin-expiry", "PilotExpired")).isEqualTo(1));

    h.editProject("fin-expiry", changed -> changed.getSpec().expiresAt = "2027-03-31T00:00:00Z");
    h.awaitPhase("fin-expiry", "Ready");
    assertThat(gpuQuota("fin-expiry")).isEqualTo("1");
  }

  @Test
  void aQuotaThatCostsMoreThanTheBudgetIsAtRiskWithExactFigures() {
    create(
        "fin-risk",
        p -> { // a Pilot: its cap (4 GPUs) allows the request; the quota is priced all the same
          p.getSpec().resources.gpus = 4;
          p.getSpec().resources.gpuType = "nvidia-h100-80gb";
        });
    GenAIProject p = h.awaitPhase("fin-risk", "Ready");
    // 4 x 9.80 x 730 = 28616; 8 CPU x 0.033 x 730 = 192.72; 32 GiB x 0.0045 x 730 = 105.12
    assertThat(condition(p, "BudgetAtRisk"))
        .get()
        .satisfies(
            c -> {
              assertThat(c.status).isEqualTo("True");
              assertThat(c.message)
                  .isEqualTo(
                      "The quota, priced for a month (730 h), costs 28913.84 EUR, above the"
                          + " monthly limit of 3000.00 EUR by 25913.84 EUR: lower spec.resources.gpus to at most 0 (one GPU costs"
                          + " 7154.00 EUR a month), or raise spec.budget.monthlyLimit to at least 28913.84.");
            });
    assertThat(p.getStatus().budget.quotaMonthlyCost).isEqualTo("28913.84");
    await().untilAsserted(() -> assertThat(events("fin-risk", "QuotaExceedsBudget")).isEqualTo(1));
  }

  /**
   * Prometheus accepts connections and never answers: the project is provisioned all the same
   * (Ready, spend Pending), and the figures arrive when Prometheus does — the late evaluation wakes
   * the project through the cost scheduler's event source, no resync needed.
   */
  @Test
  void aHungPrometheusDoesNotHoldProvisioningAndLateFiguresArriveByThemselves() {
    prometheus.spend("genai-fin-hung", "42", "1");
    prometheus.hold();
    create("fin-hung", p -> {});
    GenAIProject p =
        h.awaitProject(
            "fin-hung", x -> x.getStatus() != null && "Ready".equals(x.getStatus().phase));
    assertThat(condition(p, "CostTrackingReady").orElseThrow().reason).isEqualTo("Pending");
    assertThat(p.getStatus().budget.monthToDate).isNull();
    prometheus.release();
    p = h.awaitProject("fin-hung", x -> "42.00".equals(x.getStatus().budget.monthToDate));
    assertThat(condition(p, "CostTrackingReady").orElseThrow().reason).isEqualTo("Evaluated");
  }

  @Test
  void prometheusDownKeepsTheLastFiguresAndEnforcesNothingNew() {
    prometheus.spend("genai-fin-down", "1200", "1");
    create("fin-down", p -> p.getSpec().budget.onExceeded = "Throttle");
    h.awaitProject(
        "fin-down",
        x ->
            x.getStatus() != null
                && x.getStatus().budget != null
                && "1200.00".equals(x.getStatus().budget.monthToDate));
    prometheus.down(true);
    later(Duration.ofMinutes(11));
    GenAIProject p =
        h.awaitProject(
            "fin-down",
            x ->
                "PrometheusUnavailable"
                    .equals(condition(x, "CostTrackingReady").orElseThrow().reason));
    assertThat(p.getStatus().budget.monthToDate).isEqualTo("1200.00");
    assertThat(p.getStatus().budget.lastEvaluated).isEqualTo("2026-11-25T10:00:00Z");
    assertThat(condition(p, "CostTrackingReady").orElseThrow().message)
        .contains("figures of 2026-11-25T10:00:00Z" + " are kept");
    assertThat(p.getStatus().phase).isEqualTo("Ready");
    assertThat(gpuQuota("fin-down")).isEqualTo("1");
  }

  @Test
  void kpisWithAQueryAreTracked() {
    prometheus.answer("avg(support_ticket_handling_minutes)", "12");
    create("fin-kpi", p -> p.getSpec().kpis.get(0).query = "avg(support_ticket_handling_minutes)");
    GenAIProject p =
        h.awaitProject("fin-kpi", x -> x.getStatus() != null && x.getStatus().kpis != null);
    assertThat(p.getStatus().kpis)
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.name).isEqualTo("handling-time-minutes");
              assertThat(k.value).isEqualTo("12");
              assertThat(k.target).isEqualTo("9");
              assertThat(k.progressPercent).isEqualTo(40); // from 14 towards 9: 2 of 5
              assertThat(k.lastEvaluated).isEqualTo("2026-11-25T10:00:00Z");
            });
  }
}
