package dev.platform.genai.cost;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Prometheus' {@code /api/v1/query} on loopback, in its JSON result format (vector results, and its
 * error format), with OpenCost's metrics behind: month-to-date and hourly cost per namespace, and
 * any other query by its text.
 */
public final class FakePrometheus implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final Map<String, String> monthToDate = new ConcurrentHashMap<>();
  private final Map<String, String> hourly = new ConcurrentHashMap<>();
  private final Map<String, String> queries = new ConcurrentHashMap<>();
  private volatile boolean down;
  private volatile boolean openCostInstalled = true;
  private volatile java.util.concurrent.CountDownLatch held;
  public final AtomicInteger requests = new AtomicInteger();

  public FakePrometheus() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            return handle(r);
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public void spend(String namespace, String monthToDateValue, String hourlyValue) {
    monthToDate.put(namespace, monthToDateValue);
    hourly.put(namespace, hourlyValue);
  }

  public void answer(String query, String value) {
    queries.put(query, value);
  }

  private final Map<String, String> fragments = new ConcurrentHashMap<>();

  /**
   * Any query containing this text answers the value (e.g. a managed provider's token query,
   * whatever its range).
   */
  public void answerContaining(String fragment, String value) {
    fragments.put(fragment, value);
  }

  private final Map<String, Map.Entry<String, Map<String, String>>> byLabel =
      new ConcurrentHashMap<>();

  /**
   * Any query containing this text answers one series per value of {@code label} (e.g. DCGM
   * exporter's utilisation by exported_pod); an empty map answers an empty vector (no series).
   */
  public void answerByLabel(String fragment, String label, Map<String, String> values) {
    byLabel.put(fragment, Map.entry(label, Map.copyOf(values)));
  }

  /**
   * Every query hangs until {@link #release()}: a Prometheus that accepts connections and never
   * answers.
   */
  public void hold() {
    held = new java.util.concurrent.CountDownLatch(1);
  }

  public void release() {
    if (held != null) {
      held.countDown();
    }
  }

  public void down(boolean d) {
    down = d;
  }

  public void openCostInstalled(boolean installed) {
    openCostInstalled = installed;
  }

  private MockResponse handle(RecordedRequest r) {
    requests.incrementAndGet();
    var latch = held;
    if (latch != null) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!"/api/v1/query".equals(r.getUrl().encodedPath())) {
      return error(
          404,
          "not_found",
          "404 page not found"); // e.g. a Prometheus-compatible API without the flags API
    }
    if (down) {
      return new MockResponse.Builder().code(503).body("Service Unavailable").build();
    }
    String q = r.getUrl().queryParameter("query");
    if (q == null || r.getUrl().queryParameter("time") == null) {
      return error(400, "bad_data", "invalid parameter \\\"query\\\"");
    }
    for (var f : byLabel.entrySet()) {
      if (q.contains(f.getKey())) {
        StringBuilder result = new StringBuilder("[");
        f.getValue()
            .getValue()
            .forEach(
                (labelValue, v) ->
                    result
                        .append(result.length() > 1 ? "," : "")
                        .append("{\"metric\":{\"")
                        .append(f.getValue().getKey())
                        .append("\":\"")
                        .append(labelValue)
                        .append("\"},\"value\":[1764064800,\"")
                        .append(v)
                        .append("\"]}"));
        return new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                    + result.append("]")
                    + "}}")
            .build();
      }
    }
    for (var f : fragments.entrySet()) {
      if (q.contains(f.getKey())) {
        return vector(Optional.of(f.getValue()));
      }
    }
    if (q.equals("count(node_cpu_hourly_cost)")) {
      return vector(openCostInstalled ? Optional.of("12") : Optional.empty());
    }
    if (q.contains(
        "count(node_cpu_hourly_cost) > bool 0")) { // CostQueries.coveredHours: no gaps here
      return vector(Optional.of(openCostInstalled ? "100000" : "0"));
    }
    if (q.startsWith("count(container_")) {
      return vector(Optional.empty()); // CostQueries.unpriced: every allocation has its price here
    }
    for (var e : (q.startsWith("sum_over_time(") ? monthToDate : hourly).entrySet()) {
      if (q.contains("namespace=\"" + e.getKey() + "\"")) {
        return vector(Optional.of(e.getValue()));
      }
    }
    if (q.contains("namespace=\"")) {
      return vector(Optional.empty()); // a namespace with no allocations: no series
    }
    String v = queries.get(q);
    return v == null ? error(422, "execution", "unknown metric in " + q) : vector(Optional.of(v));
  }

  private static MockResponse vector(Optional<String> value) {
    String result =
        value.map(v -> "[{\"metric\":{},\"value\":[1764064800," + "\"" + v + "\"]}]").orElse("[]");
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                + result
                + "}}")
        .build();
  }

  private static MockResponse error(int code, String type, String message) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body("{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":\"" + message + "\"}")
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}
