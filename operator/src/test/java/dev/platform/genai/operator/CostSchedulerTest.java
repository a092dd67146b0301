package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.cost.FakePrometheus;
import dev.platform.genai.cost.PrometheusApi;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.plan.CostReading;
import dev.platform.genai.plan.Planner;
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
 * Cost evaluation off the reconcile path: a quick Prometheus answers within the reconcile that asked (its figures go
 * out with that reconcile's status write); a hung one holds the cost pool, not the reconcile threads — one reconcile
 * waits the inline wait once, the others not at all, and each result wakes its project when it comes.
 */
class CostSchedulerTest {
  static final Instant NOW = Instant.parse("2026-11-04T00:00:00Z");
  FakePrometheus prometheus;
  CostScheduler scheduler;
  final List<ResourceID> woken = new CopyOnWriteArrayList<>();
  final List<Boolean> late = new CopyOnWriteArrayList<>();

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

  CostScheduler scheduler(Duration inlineWait) {
    scheduler = new CostScheduler(new CostEvaluator(new PrometheusApi(URI.create(prometheus.url())),
        Duration.ofMinutes(10)), 4, inlineWait, (took, wasLate) -> late.add(wasLate));
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
  void aQuickEvaluationGoesOutWithTheReconcileThatAskedForIt() {
    scheduler(Duration.ofSeconds(30));
    GenAIProject p = project("quick");
    prometheus.spend(model(p).namespace(), "12.5", "0.5");
    CostReading r = read(p);
    assertThat(r.state()).isEqualTo(CostReading.State.EVALUATED);
    assertThat(r.monthToDate()).isEqualByComparingTo("12.5");
    assertThat(woken).as("nothing to wake: the reconcile took it").isEmpty();
    assertThat(late).containsExactly(false);
    assertThat(scheduler.slow()).isFalse();
  }

  @Test
  void aHungPrometheusHoldsTheCostPoolNotTheReconciles() {
    scheduler(Duration.ofMillis(200));
    GenAIProject a = project("a");
    GenAIProject b = project("b");
    prometheus.hold();
    assertThat(read(a).state()).as("waited 200 ms, then went on").isEqualTo(CostReading.State.PENDING);
    assertThat(scheduler.slow()).isTrue();
    assertThat(read(b).state()).isEqualTo(CostReading.State.PENDING);
    assertThat(read(a).state()).as("still in flight: not started twice").isEqualTo(CostReading.State.PENDING);
    assertThat(scheduler.inlineWaits()).as("only the first reconcile waited").isEqualTo(1);
    assertThat(woken).isEmpty();

    prometheus.release();
    await().atMost(Duration.ofSeconds(20)).until(() -> woken.size() == 2);
    assertThat(woken).containsExactlyInAnyOrder(new ResourceID("a"), new ResourceID("b"));
    assertThat(late).as("both reported after their reconciles went on").containsExactly(true, true);
    CostReading late = read(a);
    assertThat(late.state()).as("the late result, taken by the reconcile it woke").isEqualTo(CostReading.State.EVALUATED);
    assertThat(late.at()).isEqualTo(NOW);

    // a quick evaluation ends the slow spell: the next reconcile waits again, and gets its figures at once
    GenAIProject c = project("c");
    assertThat(read(c).state()).as("still slow: no wait").isEqualTo(CostReading.State.PENDING);
    await().atMost(Duration.ofSeconds(20)).until(() -> !scheduler.slow());
    assertThat(read(project("d")).state()).isEqualTo(CostReading.State.EVALUATED);
    assertThat(scheduler.inlineWaits()).isEqualTo(2);
  }

  @Test
  void aDeletedProjectsEvaluationIsDropped() {
    scheduler(Duration.ofMillis(50));
    GenAIProject a = project("gone");
    prometheus.hold();
    assertThat(read(a).state()).isEqualTo(CostReading.State.PENDING);
    scheduler.forget(a);
    prometheus.release();
    assertThat(read(a).state()).as("a new evaluation, not the dropped one").isIn(CostReading.State.PENDING,
        CostReading.State.EVALUATED);
  }
}
