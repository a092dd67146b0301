package dev.platform.genai.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Liveness ({@code /healthz}: the operator runs and its informers are healthy) and readiness ({@code /readyz}:
 * started; a standby replica waiting for the leader lease is ready too, or rollouts of an HA pair would hang).
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  public static HealthServer start(int port, Operator operator) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/healthz", ex -> answer(ex, () -> operator.getRuntimeInfo().isStarted()
        && operator.getRuntimeInfo().allEventSourcesAreHealthy()));
    server.createContext("/readyz", ex -> answer(ex, () -> operator.getRuntimeInfo().isStarted()));
    server.start();
    return new HealthServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange ex, BooleanSupplier ok) throws IOException {
    boolean healthy;
    try {
      healthy = ok.getAsBoolean();
    } catch (RuntimeException e) {
      healthy = false;
    }
    byte[] body = (healthy ? "ok\n" : "unhealthy\n").getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(healthy ? 200 : 503, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
