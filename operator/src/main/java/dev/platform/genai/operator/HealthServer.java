package dev.platform.genai.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.platform.genai.operator.project.OperatorMetrics;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Probes and metrics. Liveness ({@code /healthz}): started and informers healthy. Readiness ({@code
 * /readyz}): started; a standby replica waiting for the leader lease is ready too, or rollouts of
 * an HA pair would hang. Metrics ({@code /metrics}, on its own port): Prometheus text format.
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer health;
  private final HttpServer metrics;

  private HealthServer(HttpServer health, HttpServer metrics) {
    this.health = health;
    this.metrics = metrics;
  }

  public static HealthServer start(
      int healthPort, int metricsPort, Operator operator, OperatorMetrics m) throws IOException {
    HttpServer health = HttpServer.create(new InetSocketAddress(healthPort), 0);
    health.createContext(
        "/healthz",
        ex ->
            answer(
                ex,
                () ->
                    operator.getRuntimeInfo().isStarted()
                            && operator.getRuntimeInfo().allEventSourcesAreHealthy()
                        ? "ok\n"
                        : null,
                "text/plain"));
    health.createContext(
        "/readyz",
        ex ->
            answer(ex, () -> operator.getRuntimeInfo().isStarted() ? "ok\n" : null, "text/plain"));
    health.start();
    HttpServer metrics = HttpServer.create(new InetSocketAddress(metricsPort), 0);
    metrics.createContext(
        "/metrics", ex -> answer(ex, m::scrape, "text/plain; version=0.0.4; charset=utf-8"));
    metrics.start();
    return new HealthServer(health, metrics);
  }

  public int healthPort() {
    return health.getAddress().getPort();
  }

  public int metricsPort() {
    return metrics.getAddress().getPort();
  }

  private static void answer(HttpExchange ex, Supplier<String> body, String type)
      throws IOException {
    String text;
    try {
      text = body.get();
    } catch (RuntimeException e) {
      text = null;
    }
    byte[] bytes = (text == null ? "unhealthy\n" : text).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(text == null ? 503 : 200, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  @Override
  public void close() {
    health.stop(0);
    metrics.stop(0);
  }
}
