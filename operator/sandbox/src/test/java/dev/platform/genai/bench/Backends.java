package dev.platform.genai.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.genai.api.TolerantReading;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API server and the fakes of Google IAM and Prometheus, in a process of their own ({@link
 * BenchBackends}).
 */
record Backends(Process process, String url, String iamUrl, String prometheusUrl)
    implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static Backends start() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx6g",
                "-cp",
                System.getProperty("java.class.path"),
                BenchBackends.class.getName())
            .redirectErrorStream(true)
            .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
    Map<String, String> urls = new TreeMap<>();
    String line;
    while ((line = out.readLine()) != null) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).endsWith("_URL")) {
        urls.put(line.substring(0, eq), line.substring(eq + 1));
      }
      if (line.startsWith("SANDBOX_URL=")) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
        drain.setDaemon(true);
        drain.start();
        return new Backends(
            p, urls.get("SANDBOX_URL"), urls.get("IAM_URL"), urls.get("PROMETHEUS_URL"));
      }
    }
    throw new IllegalStateException("the backends process did not start");
  }

  /** API server requests by "VERB resource" since the last reset. */
  Map<String, Long> requests(boolean reset) throws Exception {
    return counts(url + "/sandbox/requests" + (reset ? "?reset=true" : ""));
  }

  /** Google IAM calls by "method kind" since the last reset. */
  Map<String, Long> iamCalls(boolean reset) throws Exception {
    return counts(iamUrl + "/fake/calls" + (reset ? "?reset=true" : ""));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Long> counts(String uri) throws Exception {
    String body =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, Object> raw = JSON.readValue(body, Map.class);
    Map<String, Long> out = new TreeMap<>();
    raw.forEach((k, v) -> out.put(k, ((Number) v).longValue()));
    return out;
  }

  /** The operator's settings: cloud IAM and cost tracking against the fakes when {@code paths}. */
  Map<String, String> settings(boolean paths) {
    Map<String, String> env = new TreeMap<>(Map.of("GENAI_RECONCILE_THREADS", "10"));
    if (paths) {
      env.putAll(
          Map.of(
              "GENAI_GCP_CLUSTER_PROJECT",
              "bench-gke",
              "GENAI_GCP_RESOURCEMANAGER_ENDPOINT",
              iamUrl,
              "GENAI_GCP_IAM_ENDPOINT",
              iamUrl,
              "GENAI_GCP_CREDENTIALS",
              "none",
              "GENAI_PROMETHEUS_URL",
              prometheusUrl,
              "GENAI_COST_EVALUATION_INTERVAL",
              System.getProperty("bench.costEvery", "PT1H")));
      // PT1H: one evaluation per project in a run

    }
    return env;
  }

  KubernetesClient client() {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl(url).withRequestTimeout(60_000).build())
        .withKubernetesSerialization(TolerantReading.serialization())
        .build();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
