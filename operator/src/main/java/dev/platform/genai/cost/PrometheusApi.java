package dev.platform.genai.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Prometheus' HTTP API, {@code GET /api/v1/query}: one instant query, summed to one number. */
public final class PrometheusApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public PrometheusApi(URI base) {
    this.base = base;
  }

  /** The query's value at {@code time}: the sum of a vector, a scalar, or empty when there is no data. */
  public Optional<BigDecimal> query(String promql, Instant time) throws PrometheusException {
    String url = base.toString().replaceFirst("/$", "") + "/api/v1/query?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + time.getEpochSecond();
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new PrometheusException(true, "Prometheus at " + base + " cannot be reached: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException(true, "interrupted", e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new PrometheusException(response.statusCode() >= 500, "Prometheus answered HTTP "
          + response.statusCode() + " with a body that is not JSON", e);
    }
    if (!"success".equals(body.path("status").asText())) {
      boolean retry = response.statusCode() >= 500 || "timeout".equals(body.path("errorType").asText())
          || "unavailable".equals(body.path("errorType").asText());
      throw new PrometheusException(retry, "Prometheus refused the query (" + body.path("errorType").asText()
          + "): " + body.path("error").asText(), null);
    }
    JsonNode data = body.path("data");
    String type = data.path("resultType").asText();
    if ("scalar".equals(type)) {
      return Optional.of(new BigDecimal(data.path("result").get(1).asText()));
    }
    BigDecimal sum = null;
    for (JsonNode sample : data.path("result")) {
      String v = sample.path("value").get(1).asText();
      if (v.equals("NaN") || v.contains("Inf")) {
        continue;
      }
      sum = (sum == null ? BigDecimal.ZERO : sum).add(new BigDecimal(v));
    }
    return Optional.ofNullable(sum);
  }
}
