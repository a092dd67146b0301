package dev.platform.genai.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.build.ProjectModels;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.plan.finops.GatewayMetering;
import dev.platform.genai.vocabulary.Reason;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whether AI Gateway's token series are there to be read: none at all is "nothing passed the
 * gateway yet" (0, said), series without the caller's label are a configuration error (never a 0
 * for the project: its tokens are in them, under no caller).
 */
class GatewayMetricsPresenceTest {
  static final Instant NOW = Instant.parse("2026-11-15T00:00:00Z");
  FakePrometheus prometheus;
  CostEvaluator evaluator;

  @BeforeEach
  void start() throws Exception {
    prometheus = new FakePrometheus();
    prometheus.spend("genai-contract-assistant", "400", "1");
    prometheus.answerContaining("gen_ai_token_type=", "1000000");
    evaluator =
        new CostEvaluator(new PrometheusApi(URI.create(prometheus.url())), Duration.ofMinutes(10));
  }

  @AfterEach
  void stop() {
    prometheus.close();
  }

  CostReading.ManagedReading read() {
    GenAIProject p = Samples.project("contract-assistant.yaml");
    ProjectModel model = ProjectModels.build(p, Samples.policy());
    return evaluator
        .evaluate(
            p, model.namespace(), model, GatewayMetering.of(model, Samples.policy(), true), NOW)
        .managed();
  }

  @Test
  void noSeriesAtAllReadsZeroAndSaysSo() {
    prometheus.answerContaining("gen_ai_token_type=", "0");
    prometheus.answer(GatewayMetering.ANY_SERIES, "0");
    CostReading.ManagedReading m = read();
    assertThat(m.state()).isEqualTo(CostReading.ManagedState.EVALUATED);
    assertThat(m.monthToDate()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(m.message()).contains("no token series from AI Gateway yet");
  }

  @Test
  void seriesWithoutTheCallersLabelAreAConfigurationErrorNotAZero() {
    prometheus.answer(GatewayMetering.ANY_SERIES, "12");
    prometheus.answer(GatewayMetering.LABELLED_SERIES, "0");
    CostReading.ManagedReading m = read();
    assertThat(m.state()).isEqualTo(CostReading.ManagedState.FAILED);
    assertThat(m.reason()).isEqualTo(Reason.GatewayMetricsUnlabelled);
    assertThat(m.message())
        .contains("controller.metricsRequestHeaderAttributes=x-genai-caller:genai.caller");
  }

  @Test
  void labelledSeriesAreRead() {
    prometheus.answer(GatewayMetering.ANY_SERIES, "12");
    prometheus.answer(GatewayMetering.LABELLED_SERIES, "12");
    CostReading.ManagedReading m = read();
    assertThat(m.state()).isEqualTo(CostReading.ManagedState.EVALUATED);
    assertThat(m.message()).isNull();
    // 1M input and 1M output tokens of gemini-2.5-flash: 0.28 + 2.30
    assertThat(m.monthToDate()).isEqualByComparingTo("2.58");
  }
}
