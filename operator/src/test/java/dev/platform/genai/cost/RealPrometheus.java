package dev.platform.genai.cost;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus} 2.42, which {@code .ci/run} installs) on loopback,
 * holding history written as OpenMetrics and backfilled with {@code promtool tsdb
 * create-blocks-from openmetrics}: the engine that evaluates the operator's PromQL in production,
 * not a fake that checks a query's shape.
 */
public final class RealPrometheus implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final int port;

  private RealPrometheus(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  public static boolean installed() {
    return Files.isExecutable(Path.of("/usr/bin/prometheus"))
        && Files.isExecutable(Path.of("/usr/bin/promtool"));
  }

  /**
   * Skips the calling test where Debian's prometheus package is absent, never in CI ({@code
   * .ci/run} installs it, so there a missing binary fails the test instead of hiding it).
   */
  public static void assumeInstalled() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        installed() || System.getenv("CI") != null,
        "Debian's prometheus package (prometheus, promtool) is not installed here (.ci/run installs it): test skipped");
  }

  /** Series in OpenMetrics text: metric{labels} value timestamp, sorted by time within a series. */
  public static final class History {
    private final Map<String, List<String>> series = new TreeMap<>();

    /**
     * The series holds {@code value} every 5 minutes from {@code from} (inclusive) to {@code to}
     * (exclusive).
     */
    public History constant(String metric, String labels, double value, Instant from, Instant to) {
      List<String> lines =
          series.computeIfAbsent(metric + "{" + labels + "}", k -> new ArrayList<>());
      for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(5))) {
        lines.add(metric + "{" + labels + "} " + value + " " + t.getEpochSecond());
      }
      return this;
    }

    /**
     * A counter that grows by {@code perHour} each hour, sampled every 5 minutes from {@code from}
     * (value 0) to {@code to} (exclusive): increase() over a range whose ends are samples reads
     * perHour per hour exactly.
     */
    public History counter(String metric, String labels, double perHour, Instant from, Instant to) {
      List<String> lines =
          series.computeIfAbsent(metric + "{" + labels + "}", k -> new ArrayList<>());
      for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(5))) {
        double v = perHour * Duration.between(from, t).toSeconds() / 3600d;
        lines.add(metric + "{" + labels + "} " + v + " " + t.getEpochSecond());
      }
      return this;
    }

    /**
     * The series sampled every {@code step} from {@code from} (inclusive) to {@code to}
     * (exclusive), its value at each time as {@code value} says (NaN: no sample then, a gap).
     */
    public History every(
        String metric,
        String labels,
        Duration step,
        Instant from,
        Instant to,
        java.util.function.Function<Instant, Double> value) {
      List<String> lines =
          series.computeIfAbsent(metric + "{" + labels + "}", k -> new ArrayList<>());
      for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
        double v = value.apply(t);
        if (!Double.isNaN(v)) {
          lines.add(metric + "{" + labels + "} " + v + " " + t.getEpochSecond());
        }
      }
      return this;
    }

    String openMetrics() {
      StringBuilder b = new StringBuilder();
      Map<String, List<String>> byMetric = new TreeMap<>();
      series.forEach(
          (k, v) ->
              byMetric
                  .computeIfAbsent(k.substring(0, k.indexOf('{')), m -> new ArrayList<>())
                  .addAll(v));
      byMetric.forEach(
          (metric, lines) -> {
            b.append("# TYPE ").append(metric).append(" gauge\n");
            lines.forEach(l -> b.append(l).append('\n'));
          });
      return b.append("# EOF\n").toString();
    }
  }

  /** Backfills the history and starts Prometheus on it with a retention long enough to keep it. */
  public static RealPrometheus start(History history) throws IOException, InterruptedException {
    return start(history, "3650d");
  }

  /**
   * Backfills the history and starts Prometheus on it with this retention ({@code
   * --storage.tsdb.retention.time}): at start Prometheus deletes the blocks older than the
   * retention, counted back from the newest sample.
   */
  public static RealPrometheus start(History history, String retention)
      throws IOException, InterruptedException {
    return start(history, retention, "global:\n  scrape_interval: 1h\nscrape_configs: []\n");
  }

  /** Prometheus with no history, scraping as this configuration (prometheus.yml) says. */
  public static RealPrometheus scraping(String config) throws IOException, InterruptedException {
    return start(null, "1d", config);
  }

  private static RealPrometheus start(History history, String retention, String configText)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("prometheus");
    Path data = Files.createDirectories(dir.resolve("data"));
    if (history != null) {
      Path input = dir.resolve("history.om");
      Files.writeString(input, history.openMetrics());
      Process backfill =
          new ProcessBuilder(
                  "/usr/bin/promtool",
                  "tsdb",
                  "create-blocks-from",
                  "openmetrics",
                  input.toString(),
                  data.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(backfill.getInputStream().readAllBytes());
      if (!backfill.waitFor(60, TimeUnit.SECONDS) || backfill.exitValue() != 0) {
        throw new IllegalStateException("promtool backfill failed: " + out);
      }
    }
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, configText);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p =
        new ProcessBuilder(
                "/usr/bin/prometheus",
                "--config.file=" + config,
                "--storage.tsdb.path=" + data,
                "--storage.tsdb.retention.time=" + retention,
                "--web.listen-address=127.0.0.1:" + port,
                "--query.lookback-delta=5m")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log").toFile())
            .start();
    RealPrometheus prometheus = new RealPrometheus(p, dir, port);
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (prometheus.ready()) {
        return prometheus;
      }
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "prometheus exited: " + Files.readString(dir.resolve("log")));
      }
      Thread.sleep(200);
    }
    prometheus.close();
    throw new IllegalStateException(
        "prometheus did not become ready: " + Files.readString(dir.resolve("log")));
  }

  private boolean ready() {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create(url() + "/-/ready").toURL().openConnection();
      c.setConnectTimeout(500);
      return c.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
