package dev.platform.genai.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.plan.finops.CostReading;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An evaluation that finds OpenCost absent or Prometheus unreachable (the operator started first,
 * say) is tried again soon, with backoff, not a whole interval later (black-box finding: 10 minutes
 * by default). Faults from the fake Prometheus; the queries themselves are tested on a real one.
 */
class CostRetryTest {
  static final Instant NOW = Instant.parse("2026-11-04T00:00:00Z");
  FakePrometheus prometheus;
  CostEvaluator evaluator;
  GenAIProject project = CostSchedulerTest.project("early");
  ProjectModel model = CostSchedulerTest.model(project);

  @BeforeEach
  void start() throws Exception {
    prometheus = new FakePrometheus();
    evaluator =
        new CostEvaluator(new PrometheusApi(URI.create(prometheus.url())), Duration.ofMinutes(10));
  }

  @AfterEach
  void stop() {
    prometheus.close();
  }

  CostReading read(Instant at) {
    return evaluator.read(project, model.namespace(), model, at);
  }

  @Test
  void openCostAbsentIsTriedAgainIn30sThenLaterUpToTheIntervalAndAtTheIntervalOnceItWorks() {
    prometheus.openCostInstalled(false);
    Instant t = NOW;
    CostReading first = read(t);
    assertThat(first.state()).isEqualTo(CostReading.State.FAILED);
    assertThat(first.reason()).hasToString("OpenCostNotFound");
    assertThat(first.nextDue()).isEqualTo(t.plusSeconds(30));
    assertThat(read(t.plusSeconds(10)).state())
        .as("not before the retry is due")
        .isEqualTo(CostReading.State.NOT_DUE);

    long[] pauses = {60, 120, 240, 480, 600, 600};
    for (long pause : pauses) {
      t = read(t).nextDue();
      CostReading again = read(t);
      assertThat(again.state()).isEqualTo(CostReading.State.FAILED);
      assertThat(Duration.between(t, again.nextDue())).isEqualTo(Duration.ofSeconds(pause));
    }

    prometheus.openCostInstalled(true);
    prometheus.spend(model.namespace(), "12.5", "0.5");
    t = read(t).nextDue();
    CostReading works = read(t);
    assertThat(works.state()).isEqualTo(CostReading.State.EVALUATED);
    assertThat(works.nextDue()).isEqualTo(t.plus(Duration.ofMinutes(10)));
  }

  @Test
  void anUnreachablePrometheusIsTriedAgainSoonToo() {
    prometheus.down(true);
    CostReading r = read(NOW);
    assertThat(r.reason()).hasToString("PrometheusUnavailable");
    assertThat(r.nextDue()).isEqualTo(NOW.plusSeconds(30));
  }
}
