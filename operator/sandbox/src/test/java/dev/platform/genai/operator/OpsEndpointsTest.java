package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Probes and metrics, as the chart's probes and a Prometheus scrape see them. */
class OpsEndpointsTest {
  static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void probesAnswerAndMetricsCountProjectsByPhase() throws Exception {
    try (OperatorHarness h = new OperatorHarness();
        HealthServer ops = HealthServer.start(0, 0, h.operator.josdk(), h.operator.metrics())) {
      assertThat(get(ops.healthPort(), "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(ops.healthPort(), "/readyz").statusCode()).isEqualTo(200);
      h.apply("public-pilot.yaml");
      h.apply("restricted-production.yaml");
      h.awaitPhase("support-copilot", "Ready");
      h.awaitPhase("fraud-assistant", "Ready");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                String metrics = get(ops.metricsPort(), "/metrics").body();
                assertThat(metrics)
                    .contains("genai_projects{phase=\"Ready\"} 2.0")
                    .contains("genai_projects{phase=\"Failed\"} 0.0")
                    .containsPattern("genai_reconciles_total\\{result=\"ok\"} [1-9]")
                    .containsPattern("genai_cloud_iam_calls_total\\{method=\"setIamPolicy\"} [1-9]")
                    .contains("operator_sdk"); // JOSDK's own reconciliation metrics
              });
    }
  }
}
