package dev.platform.genai.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.plan.Planner;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cost evaluation off the reconcile path: a reconcile starts a due evaluation and never waits for
 * it, quick or hung; a hung Prometheus holds the cost pool, not the reconcile threads, and each
 * result wakes its project when it comes.
 */
class CostSchedulerTest {
  static final Instant NOW = Instant.parse("2026-11-04T00:00:00Z");
  FakePrometheus prometheus;
  CostScheduler scheduler;
  final List<ResourceID> woken = new CopyOnWriteArrayList<>();
  final List<Duration> took = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    prometheus = new FakePrometheus();
  }

  @AfterEach
  void stop() {
    prometheus.release();
    if (scheduler != null) {
      scheduler.close();
    }
    prometheus.close();
  }

  CostScheduler scheduler() {
    scheduler =
        new CostScheduler(
            new CostEvaluator(
                new PrometheusApi(URI.create(prometheus.url())), Duration.ofMinutes(10)),
            4,
            took::add);
    scheduler.onWake(woken::add);
    return scheduler;
  }

  static GenAIProject project(String name) {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName(name);
    p.getMetadata().setUid("uid-" + name);
    return p;
  }

  static ProjectModel model(GenAIProject p) {
    return Planner.admit(p, new Resolution(Samples.policy(), List.of())).model();
  }

  CostReading read(GenAIProject p) {
    ProjectModel m = model(p);
    return scheduler.read(p, m.namespace(), m, NOW);
  }

  @Test
  void aReconcileNeverWaitsEvenForAQuickPrometheusItsResultWakesTheProject() {
    scheduler();
    GenAIProject p = project("quick");
    prometheus.spend(model(p).namespace(), "12.5", "0.5");
    CostReading first = read(p);
    assertThat(first.state())
        .as("started, not awaited (unless it already reported)")
        .isIn(CostReading.State.PENDING, CostReading.State.EVALUATED);
    if (first.state() == CostReading.State.PENDING) {
      await().atMost(Duration.ofSeconds(20)).until(() -> woken.size() == 1);
      assertThat(woken).containsExactly(new ResourceID("quick"));
      first = read(p);
    }
    assertThat(first.state())
        .as("the result, taken by the reconcile it woke")
        .isEqualTo(CostReading.State.EVALUATED);
    assertThat(first.monthToDate()).isEqualByComparingTo("12.5");
    assertThat(took).as("one evaluation").hasSize(1);
  }

  @Test
  void aHungPrometheusHoldsTheCostPoolNotTheReconciles() {
    scheduler();
    GenAIProject a = project("a");
    GenAIProject b = project("b");
    prometheus.hold();
    // each read returns while Prometheus holds every query: were a reconcile to wait, this test
    // would hang
    assertThat(read(a).state()).isEqualTo(CostReading.State.PENDING);
    assertThat(read(b).state()).isEqualTo(CostReading.State.PENDING);
    assertThat(read(a).state())
        .as("still in flight: not started twice")
        .isEqualTo(CostReading.State.PENDING);
    assertThat(woken).isEmpty();

    prometheus.release();
    await().atMost(Duration.ofSeconds(20)).until(() -> woken.size() == 2);
    assertThat(woken).containsExactlyInAnyOrder(new ResourceID("a"), new ResourceID("b"));
    assertThat(took).as("one evaluation each").hasSize(2);
    CostReading late = read(a);
    assertThat(late.state())
        .as("the result, taken by the reconcile it woke")
        .isEqualTo(CostReading.State.EVALUATED);
    assertThat(late.at()).isEqualTo(NOW);
  }

  @Test
  void aDeletedProjectsEvaluationIsDropped() {
    scheduler();
    GenAIProject a = project("gone");
    prometheus.hold();
    assertThat(read(a).state()).isEqualTo(CostReading.State.PENDING);
    scheduler.forget(a);
    prometheus.release();
    assertThat(read(a).state())
        .as("a new evaluation, not the dropped one")
        .isIn(CostReading.State.PENDING, CostReading.State.EVALUATED);
  }
}
