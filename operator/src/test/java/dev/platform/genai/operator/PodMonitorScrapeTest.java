package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.platform.genai.Samples;
import dev.platform.genai.api.external.PodMonitor;
import dev.platform.genai.cost.CostQueries;
import dev.platform.genai.cost.PrometheusApi;
import dev.platform.genai.cost.RealPrometheus;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Planner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PodMonitor the operator writes, scraped by a real Prometheus (Debian's 2.42): which pods'
 * metrics it reaches, at which address, with the labels the operator's token query selects on.
 *
 * <p>No API server runs here, so Prometheus' Kubernetes discovery is stood in for by static targets
 * carrying the labels the pod role gives (Prometheus' configuration docs, {@code
 * kubernetes_sd_config} role pod: one target per declared container port, a port-free target per
 * container without ports, {@code __meta_kubernetes_pod_*}), and Prometheus Operator's translation
 * of a PodMonitor into a scrape job is reproduced in {@link #job} from its source
 * (pkg/prometheus/promcfg.go, {@code generatePodMonitorConfig}: the selector's keep rules, the
 * port's keep rule, the namespace/container/pod labels, then the PodMonitor's own relabelings).
 * What Prometheus does with those rules — the relabelling, the address, the scrape, the query — is
 * the real engine's.
 */
class PodMonitorScrapeTest {
  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  static final String NAMESPACE = "genai-contract-assistant";
  static final ObjectMapper JSON = new ObjectMapper();

  final List<HttpServer> servers = new ArrayList<>();
  RealPrometheus prometheus;

  @BeforeAll
  static void installed() {
    RealPrometheus.assumeInstalled();
  }

  @AfterEach
  void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    servers.forEach(s -> s.stop(0));
  }

  static PodMonitor podMonitor(boolean kserve) {
    List<String> apis =
        kserve
            ? List.of(InstalledApis.PROMETHEUS_OPERATOR, InstalledApis.KSERVE)
            : List.of(InstalledApis.PROMETHEUS_OPERATOR);
    return Planner.preview(
            Samples.project("contract-assistant.yaml"),
            Samples.policy(),
            InstalledApis.of(apis),
            true,
            NOW)
        .objects(PodMonitor.class)
        .get(0);
  }

  @Test
  void ourDeploymentsAreScrapedOnTheirHttpPortAndOnlyTheEndpointsPods() throws Exception {
    int model = vllm();
    int app = vllm(); // the team's own app in the namespace, with an http port too: not an endpoint
    String config =
        config(
            job(
                "deployments",
                podMonitor(false),
                List.of(
                    pod(
                        "model-llama-8b-5d9c7f6b4-x2k9q",
                        endpointLabels(),
                        Map.of(),
                        container("vllm", "http", model)),
                    pod(
                        "claims-app-7c9f8d6d5-abcde",
                        Map.of("genai.platform.dev/project", "contract-assistant"),
                        Map.of(),
                        container("app", "http", app)))));
    prometheus = RealPrometheus.scraping(config);

    List<String> targets = awaitTargetsUp(1);
    assertThat(targets).containsExactly("http://127.0.0.1:" + model + "/metrics");
    assertThat(tokens())
        .as("the operator's token query finds the endpoint's counters")
        .isPositive();
  }

  @Test
  void kservePredictorsAreScrapedOnTheRuntimesMetricsPortThoughTheyDeclareNone() throws Exception {
    int predictor = vllm();
    int agent = vllm(); // a sidecar with a declared port: not the model server
    Map<String, Object> annotated = Map.of("prometheus.kserve.io/port", String.valueOf(predictor));
    List<Map<String, Object>> pods =
        List.of(
            pod(
                "model-llama-8b-predictor-6f8d9c7b5-q7w2e",
                endpointLabels(),
                annotated,
                container("kserve-container", null, 0),
                container("agent", "agent-port", agent)));

    prometheus =
        RealPrometheus.scraping(
            config(
                job("kserve", podMonitor(true), pods),
                job(
                    "before",
                    podMonitor(false),
                    pods))); // the PodMonitor as it was: a port named http
    List<String> targets = awaitTargetsUp(1);
    assertThat(targets)
        .as("the model server's port, from KServe's annotation; not the sidecar")
        .containsExactly("http://127.0.0.1:" + predictor + "/metrics");
    assertThat(activeTargets("before"))
        .as("a PodMonitor on port http finds nothing in a KServe pod")
        .isEmpty();
    assertThat(tokens())
        .as("the operator's token query finds the predictor's counters")
        .isPositive();
  }

  @Test
  void aPredictorWithoutTheAnnotationIsLookedForOnKServesDefaultPort() throws Exception {
    prometheus =
        RealPrometheus.scraping(
            config(
                job(
                    "kserve",
                    podMonitor(true),
                    List.of(
                        pod(
                            "model-llama-8b-predictor-6f8d9c7b5-q7w2e",
                            endpointLabels(),
                            Map.of(),
                            container("kserve-container", null, 0))))));
    await().atMost(Duration.ofSeconds(20)).until(() -> !activeTargets("kserve").isEmpty());
    assertThat(activeTargets("kserve")).containsExactly("http://127.0.0.1:8080/metrics");
  }

  // --- the stand-ins
  // -------------------------------------------------------------------------------------------

  static Map<String, Object> endpointLabels() {
    return Map.of(
        "genai.platform.dev/project",
        "contract-assistant",
        "genai.platform.dev/endpoint",
        "llama-8b");
  }

  /** A container: its name and one declared port (name and number), or none (name null). */
  static Map<String, Object> container(String name, String portName, int port) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    if (portName != null) {
      c.put("portName", portName);
      c.put("port", port);
    }
    return c;
  }

  @SafeVarargs
  static Map<String, Object> pod(
      String name,
      Map<String, Object> labels,
      Map<String, Object> annotations,
      Map<String, Object>... containers) {
    return Map.of(
        "name",
        name,
        "labels",
        labels,
        "annotations",
        annotations,
        "containers",
        List.of(containers));
  }

  /**
   * Prometheus' label name for a Kubernetes label or annotation key (every other character becomes
   * _).
   */
  static String sanitize(String key) {
    return key.replaceAll("[^a-zA-Z0-9_]", "_");
  }

  /**
   * What the pod role of Kubernetes discovery gives for these pods: targets and their meta labels.
   */
  @SuppressWarnings("unchecked")
  static ArrayNode discovered(List<Map<String, Object>> pods) {
    ArrayNode out = JSON.createArrayNode();
    for (Map<String, Object> pod : pods) {
      for (Map<String, Object> c : (List<Map<String, Object>>) pod.get("containers")) {
        ObjectNode group = out.addObject();
        ObjectNode labels = group.putObject("labels");
        labels.put("__meta_kubernetes_namespace", NAMESPACE);
        labels.put("__meta_kubernetes_pod_name", (String) pod.get("name"));
        labels.put("__meta_kubernetes_pod_phase", "Running");
        labels.put("__meta_kubernetes_pod_container_name", (String) c.get("name"));
        ((Map<String, Object>) pod.get("labels"))
            .forEach(
                (k, v) -> {
                  labels.put("__meta_kubernetes_pod_label_" + sanitize(k), (String) v);
                  labels.put("__meta_kubernetes_pod_labelpresent_" + sanitize(k), "true");
                });
        ((Map<String, Object>) pod.get("annotations"))
            .forEach(
                (k, v) -> {
                  labels.put("__meta_kubernetes_pod_annotation_" + sanitize(k), (String) v);
                  labels.put("__meta_kubernetes_pod_annotationpresent_" + sanitize(k), "true");
                });
        if (c.containsKey("portName")) {
          labels.put("__meta_kubernetes_pod_container_port_name", (String) c.get("portName"));
          labels.put("__meta_kubernetes_pod_container_port_number", String.valueOf(c.get("port")));
          group.putArray("targets").add("127.0.0.1:" + c.get("port"));
        } else {
          group
              .putArray("targets")
              .add("127.0.0.1"); // a port-free target, for relabelling to add one
        }
      }
    }
    return out;
  }

  /**
   * The scrape job Prometheus Operator makes of the PodMonitor's first endpoint (promcfg.go,
   * trimmed).
   */
  static ObjectNode job(String name, PodMonitor pm, List<Map<String, Object>> pods) {
    JsonNode spec = JSON.valueToTree(pm.getSpec());
    JsonNode endpoint = spec.path("podMetricsEndpoints").get(0);
    ObjectNode job = JSON.createObjectNode();
    job.put("job_name", name);
    job.put("scrape_interval", "1s");
    job.put("metrics_path", endpoint.path("path").asText("/metrics"));
    job.set("static_configs", discovered(pods));
    ArrayNode relabel = job.putArray("relabel_configs");
    // generateRunningFilter: pods that ended are dropped
    relabel
        .addObject()
        .put("action", "drop")
        .put("regex", "(Failed|Succeeded)")
        .putArray("source_labels")
        .add("__meta_kubernetes_pod_phase");
    Iterator<Map.Entry<String, JsonNode>> matchLabels =
        spec.path("selector").path("matchLabels").fields();
    while (matchLabels.hasNext()) {
      Map.Entry<String, JsonNode> e = matchLabels.next();
      relabel
          .addObject()
          .put("action", "keep")
          .put("regex", "(" + e.getValue().asText() + ");true")
          .putArray("source_labels")
          .add("__meta_kubernetes_pod_label_" + sanitize(e.getKey()))
          .add("__meta_kubernetes_pod_labelpresent_" + sanitize(e.getKey()));
    }
    for (JsonNode exp : spec.path("selector").path("matchExpressions")) {
      assertThat(exp.path("operator").asText())
          .as("only Exists is reproduced here")
          .isEqualTo("Exists");
      relabel
          .addObject()
          .put("action", "keep")
          .put("regex", "true")
          .putArray("source_labels")
          .add("__meta_kubernetes_pod_labelpresent_" + sanitize(exp.path("key").asText()));
    }
    if (endpoint.hasNonNull("port")) {
      relabel
          .addObject()
          .put("action", "keep")
          .put("regex", endpoint.path("port").asText())
          .putArray("source_labels")
          .add("__meta_kubernetes_pod_container_port_name");
    }
    for (String[] l :
        new String[][] {
          {"__meta_kubernetes_namespace", "namespace"},
          {"__meta_kubernetes_pod_container_name", "container"},
          {"__meta_kubernetes_pod_name", "pod"}
        }) {
      relabel.addObject().put("target_label", l[1]).putArray("source_labels").add(l[0]);
    }
    for (JsonNode r :
        endpoint.path("relabelings")) { // camelCase in the CRD, snake_case in Prometheus
      ObjectNode rule = relabel.addObject();
      r.fields()
          .forEachRemaining(
              f -> rule.set(f.getKey().replaceAll("([A-Z])", "_$1").toLowerCase(), f.getValue()));
    }
    return job;
  }

  static String config(ObjectNode... jobs) {
    ObjectNode c = JSON.createObjectNode();
    c.putObject("global").put("scrape_interval", "1s");
    ArrayNode scrape = c.putArray("scrape_configs");
    for (ObjectNode j : jobs) {
      scrape.add(j);
    }
    return c.toString(); // JSON is YAML
  }

  /** A vLLM-shaped /metrics whose token counters grow at each scrape. */
  int vllm() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicLong scrapes = new AtomicLong();
    server.createContext(
        "/metrics",
        exchange -> {
          long n = scrapes.incrementAndGet();
          byte[] body =
              ("# TYPE vllm:prompt_tokens_total counter\n"
                      + "vllm:prompt_tokens_total{model_name=\"llama-8b\"} "
                      + n * 1000
                      + "\n"
                      + "# TYPE vllm:generation_tokens_total counter\n"
                      + "vllm:generation_tokens_total{model_name=\"llama-8b\"} "
                      + n * 500
                      + "\n")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream o = exchange.getResponseBody()) {
            o.write(body);
          }
        });
    server.start();
    servers.add(server);
    return server.getAddress().getPort();
  }

  /** Active targets' scrape URLs, all jobs, once that many are up. */
  List<String> awaitTargetsUp(int up) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                targets(null).stream().filter(t -> "up".equals(t.path("health").asText())).count()
                    >= up);
    return targets(null).stream()
        .filter(t -> "up".equals(t.path("health").asText()))
        .map(t -> t.path("scrapeUrl").asText())
        .toList();
  }

  List<String> activeTargets(String job) {
    return targets(job).stream().map(t -> t.path("scrapeUrl").asText()).toList();
  }

  List<JsonNode> targets(String job) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(prometheus.url() + "/api/v1/targets?state=active"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      List<JsonNode> out = new ArrayList<>();
      JSON.readTree(r.body())
          .path("data")
          .path("activeTargets")
          .forEach(
              t -> {
                if (job == null || job.equals(t.path("labels").path("job").asText())) {
                  out.add(t);
                }
              });
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The operator's own token query for the llama-8b endpoint, once it has two scrapes to increase
   * over.
   */
  double tokens() throws Exception {
    PrometheusApi api = new PrometheusApi(URI.create(prometheus.url()));
    String q = CostQueries.endpointTokens(NAMESPACE, "llama-8b", Duration.ofMinutes(5));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.query(q, Instant.now()).filter(v -> v.signum() > 0).isPresent());
    Optional<java.math.BigDecimal> v = api.query(q, Instant.now());
    return v.orElseThrow().doubleValue();
  }
}
