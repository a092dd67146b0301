package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectRecord;
import dev.platform.genai.cost.FakePrometheus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the operator cannot observe again lives on the project's GenAIProjectRecord, not only in its
 * status: a status wiped (or a project restored from backup without it) keeps the notices already
 * sent, the monthly history and the promotion record, and no notice is sent twice.
 */
class ProjectRecordsTest {
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

  long events(String project, String reason) {
    return h.events(project).stream().filter(e -> reason.equals(e.getReason())).count();
  }

  void later(Duration d) {
    clock.advance(d);
    h.resyncAll(h.client.resources(GenAIProject.class).list().getItems().size());
  }

  GenAIProjectRecord record(String name) {
    return h.client.resources(GenAIProjectRecord.class).withName(name).get();
  }

  /**
   * The status wiped, then the spec changed (its display name): the next reconcile starts from no
   * status.
   */
  void wipeStatus(String name) {
    h.client
        .resources(GenAIProject.class)
        .withName(name)
        .editStatus(
            p -> {
              p.setStatus(null);
              return p;
            });
    h.client
        .resources(GenAIProject.class)
        .withName(name)
        .edit(
            p -> {
              p.getSpec().displayName = "Support copilot " + System.nanoTime();
              return p;
            });
  }

  @Test
  void aWipedStatusSendsNoNoticeTwiceAndKeepsTheMonthlyHistory() {
    prometheus.spend("genai-rec-wipe", "1600", "2.5");
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName("rec-wipe");
    h.client.resource(p).create();
    await().untilAsserted(() -> assertThat(events("rec-wipe", "BudgetThreshold")).isEqualTo(1));
    await()
        .until(
            () ->
                record("rec-wipe") != null
                    && record("rec-wipe").getSpec().notifiedThresholds.contains(50));
    assertThat(record("rec-wipe").getMetadata().getOwnerReferences())
        .as("no owner: a restore changes the UID")
        .isEmpty();

    wipeStatus("rec-wipe");
    later(Duration.ofMinutes(11)); // evaluated again, from a status that knows nothing
    GenAIProject rebuilt =
        h.awaitProject(
            "rec-wipe",
            x ->
                x.getStatus() != null
                    && x.getStatus().budget != null
                    && x.getStatus().budget.monthToDate != null
                    && x.getStatus().budget.monthToDate.startsWith("1600."));
    assertThat(rebuilt.getStatus().budget.notifiedThresholds).contains(50);
    assertThat(events("rec-wipe", "BudgetThreshold"))
        .as("the threshold was notified already")
        .isEqualTo(1);

    clock.advance(Duration.ofDays(6)); // December: November joins the history
    later(Duration.ofMinutes(11));
    await()
        .until(
            () ->
                record("rec-wipe").getSpec().history.stream()
                    .anyMatch(m -> "2026-11".equals(m.month)));
    wipeStatus("rec-wipe");
    later(Duration.ofMinutes(11));
    GenAIProject december =
        h.awaitProject(
            "rec-wipe",
            x ->
                x.getStatus() != null
                    && x.getStatus().budget != null
                    && "2026-12".equals(x.getStatus().budget.month)
                    && x.getStatus().budget.monthToDate != null);
    assertThat(december.getStatus().budget.history)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.month).isEqualTo("2026-11");
              assertThat(m.spent).startsWith("1600.");
            });

    h.client.resources(GenAIProject.class).withName("rec-wipe").delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> h.project("rec-wipe") == null);
    await("deleted with its project")
        .atMost(Duration.ofSeconds(10))
        .until(() -> record("rec-wipe") == null);
  }

  /**
   * A held promotion, restored from backup without status (the record restored with it): the
   * request keeps its time and stays held — it is not taken for a new request, nor for a project
   * that was never a pilot.
   */
  @Test
  void aHeldPromotionRestoredWithoutStatusKeepsItsRecord() {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName("rec-held");
    p.getSpec().resources.gpus = 4;
    h.client.resource(p).create();
    h.awaitPhase("rec-held", "Ready");
    String expires = h.project("rec-held").getStatus().pilotExpiresAt;
    h.editProject("rec-held", changed -> changed.getSpec().stage = "Production");
    GenAIProject held = h.awaitPhase("rec-held", "PromotionPending");
    String requestedAt = held.getStatus().promotion.requestedAt;
    await()
        .until(
            () ->
                record("rec-held") != null
                    && record("rec-held").getSpec().promotion != null
                    && "Held".equals(record("rec-held").getSpec().promotion.state));

    clock.advance(Duration.ofHours(3));
    GenAIProject backup = h.project("rec-held");
    h.operator.close(); // the cluster is lost, and restored from backup
    h.client
        .resources(GenAIProject.class)
        .withName("rec-held")
        .edit(
            x -> {
              x.getMetadata().setFinalizers(List.of());
              return x;
            });
    h.client.resources(GenAIProject.class).withName("rec-held").delete();
    await().until(() -> h.project("rec-held") == null);
    assertThat(record("rec-held"))
        .as("the record outlives a project deleted without the operator")
        .isNotNull();
    h.client.resource(GoogleIamPolicyControllerTest.restoredFrom(backup)).create();
    h.operator =
        dev.platform.genai.operator.GenAIOperator.create(
                h.client,
                dev.platform.genai.config.Settings.from(
                    Map.of("GENAI_PROMETHEUS_URL", prometheus.url())),
                GenAIOperator.Options.production()
                    .withClock(clock)
                    .fast()
                    .withOptionalApis(() -> dev.platform.genai.plan.InstalledApis.NONE))
            .start();

    GenAIProject restored =
        h.awaitProject(
            "rec-held",
            x ->
                x.getStatus() != null
                    && x.getStatus().promotion != null
                    && "PromotionPending".equals(x.getStatus().phase));
    assertThat(restored.getStatus().promotion.state).isEqualTo("Held");
    assertThat(restored.getStatus().promotion.requestedAt)
        .as("not a new request")
        .isEqualTo(requestedAt);
    assertThat(restored.getStatus().pilotExpiresAt).isEqualTo(expires);
  }
}
