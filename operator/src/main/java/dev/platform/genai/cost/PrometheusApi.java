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
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final java.util.function.Supplier<String> authorization;

  public PrometheusApi(URI base) {
    this(base, () -> null);
  }

  /**
   * @param authorization the Authorization header for each request (e.g. "Bearer ..." from Google's
   *     credentials for Cloud Monitoring), or a supplier of null for none
   */
  public PrometheusApi(URI base, java.util.function.Supplier<String> authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  private HttpRequest get(String url) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).GET();
    String auth = authorization.get();
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return b.build();
  }

  /**
   * How long this Prometheus keeps samples, from its own flags API ({@code GET
   * /api/v1/status/flags}): the time-based retention in force, or empty when it cannot say (no such
   * API, as on some Prometheus-compatible services, or a size-based retention only). The rule is
   * Prometheus' own (cmd/prometheus/main.go, 2.x): {@code storage.tsdb.retention.time}, else the
   * deprecated {@code storage.tsdb.retention}, else 15 days when no {@code
   * storage.tsdb.retention.size} is set either.
   */
  public Optional<Duration> retention() {
    try {
      HttpResponse<String> response =
          http.send(
              get(base.toString().replaceFirst("/$", "") + "/api/v1/status/flags"),
              HttpResponse.BodyHandlers.ofString());
      JsonNode flags =
          response.statusCode() == 200 ? JSON.readTree(response.body()).path("data") : null;
      if (flags == null || !flags.isObject()) {
        return Optional.empty();
      }
      Duration time = duration(flags.path("storage.tsdb.retention.time").asText("0s"));
      if (time.isZero()) {
        time = duration(flags.path("storage.tsdb.retention").asText("0s"));
      }
      if (time.isZero()) {
        String size = flags.path("storage.tsdb.retention.size").asText("0B");
        return size.matches("0[A-Za-z]*") ? Optional.of(Duration.ofDays(15)) : Optional.empty();
      }
      return Optional.of(time);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** A Prometheus duration such as 15d, 1y or 1d12h (units y=365d, w, d, h, m, s, ms). */
  static Duration duration(String text) {
    var m = java.util.regex.Pattern.compile("([0-9]+)(ms|y|w|d|h|m|s)").matcher(text);
    Duration d = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw new IllegalArgumentException("not a Prometheus duration: " + text);
      }
      long n = Long.parseLong(m.group(1));
      d =
          d.plus(
              switch (m.group(2)) {
                case "y" -> Duration.ofDays(365 * n);
                case "w" -> Duration.ofDays(7 * n);
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
              });
      end = m.end();
    }
    if (end != text.length()) {
      throw new IllegalArgumentException("not a Prometheus duration: " + text);
    }
    return d;
  }

  /**
   * A vector query's values at {@code time} by one label's value (series without it, or with NaN,
   * are left out; two series with the same value are summed).
   */
  public java.util.Map<String, BigDecimal> queryBy(String promql, String label, Instant time)
      throws PrometheusException {
    java.util.Map<String, BigDecimal> out = new java.util.TreeMap<>();
    for (JsonNode sample : data(promql, time).path("result")) {
      String key = sample.path("metric").path(label).asText(null);
      String v = sample.path("value").path(1).asText("NaN");
      if (key == null || v.equals("NaN") || v.contains("Inf")) {
        continue;
      }
      out.merge(key, new BigDecimal(v), BigDecimal::add);
    }
    return out;
  }

  /**
   * The query's value at {@code time}: the sum of a vector, a scalar, or empty when there is no
   * data.
   */
  public Optional<BigDecimal> query(String promql, Instant time) throws PrometheusException {
    JsonNode data = data(promql, time);
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

  /** The {@code data} of an instant query's answer; a refusal or an unreachable server throws. */
  private JsonNode data(String promql, Instant time) throws PrometheusException {
    String url =
        base.toString().replaceFirst("/$", "")
            + "/api/v1/query?query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + "&time="
            + time.getEpochSecond();
    HttpResponse<String> response;
    try {
      response = http.send(get(url), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.UncheckedIOException e) {
      throw new PrometheusException(
          true, "no Google access token for " + base + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new PrometheusException(
          true, "Prometheus at " + base + " cannot be reached: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException(true, "interrupted", e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new PrometheusException(
          response.statusCode() >= 500,
          "Prometheus answered HTTP " + response.statusCode() + " with a body that is not JSON",
          e);
    }
    if (!"success".equals(body.path("status").asText())) {
      boolean retry =
          response.statusCode() >= 500
              || "timeout".equals(body.path("errorType").asText())
              || "unavailable".equals(body.path("errorType").asText());
      throw new PrometheusException(
          retry,
          "Prometheus refused the query ("
              + body.path("errorType").asText()
              + "): "
              + body.path("error").asText(),
          null);
    }
    return body.path("data");
  }
}
