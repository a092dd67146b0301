package dev.platform.genai.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Cloud Monitoring's Prometheus API is called with Google's bearer token: the header reaches the
 * server on every request, and a token that cannot be had is a clear, retryable failure (the
 * condition says it), never a crash.
 */
class PrometheusApiAuthTest {
  @Test
  void theAuthorizationHeaderIsSentAndAMissingTokenIsAClearFailure() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", "application/json")
              .body("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}")
              .build());
      server.start(InetAddress.getLoopbackAddress(), 0);
      URI base =
          URI.create(
              "http://127.0.0.1:"
                  + server.getPort()
                  + "/v1/projects/acme-monitoring/location/global/prometheus");
      new PrometheusApi(base, () -> "Bearer ya29.token")
          .query("up", Instant.parse("2026-11-04T00:00:00Z"));
      RecordedRequest r = server.takeRequest();
      assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer ya29.token");
      assertThat(r.getUrl().encodedPath())
          .isEqualTo("/v1/projects/acme-monitoring/location/global/prometheus/api/v1/query");

      PrometheusApi noToken =
          new PrometheusApi(
              base,
              () -> {
                throw new UncheckedIOException(
                    new IOException("Error getting access token for service account: 403"));
              });
      assertThatThrownBy(() -> noToken.query("up", Instant.parse("2026-11-04T00:00:00Z")))
          .isInstanceOf(PrometheusException.class)
          .hasMessageContaining("no Google access token")
          .hasMessageContaining("403")
          .satisfies(e -> assertThat(((PrometheusException) e).unreachable()).isTrue());
    }
  }
}
