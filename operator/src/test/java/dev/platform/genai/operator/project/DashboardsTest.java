package dev.platform.genai.operator.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GrantedQuota;
import dev.platform.genai.cost.RealPrometheus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The showback dashboards the chart ships: Grafana's own dashboard model accepts them (strict
 * decoding with the grafana-foundation-sdk, operator/tools/dashboard-check.sh), and every panel's
 * query, run by a real Prometheus (2.42) on the operator's own metrics (OperatorMetrics as it
 * exports two projects, backfilled as a scrape would have stored them since the 1st) and OpenCost's
 * GPU allocation, parses and returns series: no empty panel. The project view's results are written
 * to operator/target/showback/ for docs/showback/plot.py to draw.
 */
class DashboardsTest {
  static final Path CHART = TestFiles.repoRoot().resolve("charts/genai-operator");
  static final Path DASHBOARDS = CHART.resolve("dashboards");
  static final Instant NOV_1 = Instant.parse("2026-11-01T00:00:00Z");
  static final Instant NOV_4 = Instant.parse("2026-11-04T00:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();
  static final KubernetesSerialization K8S = new KubernetesSerialization();

  @Test
  void theChartShipsThemForGrafanasSidecarAndAValueTurnsThemOff() throws Exception {
    List<ConfigMap> maps =
        configMaps(
            new Helm(CHART)
                .template()
                .withName("genai-operator")
                .withNamespace("genai-system")
                .set("dashboards.annotations.grafana_folder", "GenAI")
                .call());
    assertThat(maps)
        .extracting(m -> m.getMetadata().getName())
        .containsExactly("genai-operator-genai-fleet", "genai-operator-genai-project");
    for (ConfigMap m : maps) {
      assertThat(m.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
      assertThat(m.getMetadata().getAnnotations()).containsEntry("grafana_folder", "GenAI");
      String key = m.getData().keySet().iterator().next();
      assertThat(JSON.readTree(m.getData().get(key)))
          .isEqualTo(JSON.readTree(DASHBOARDS.resolve(key).toFile()));
    }
    assertThat(
            configMaps(
                new Helm(CHART)
                    .template()
                    .withName("genai-operator")
                    .withNamespace("genai-system")
                    .set("dashboards.enabled", "false")
                    .call()))
        .isEmpty();
  }

  @Test
  void grafanasModelAcceptsThemAndEveryPanelReturnsSeries() throws Exception {
    RealPrometheus.assumeInstalled();
    List<JsonNode> queries = checked();
    assertThat(queries)
        .extracting(q -> q.get("dashboard").asText())
        .contains("genai-fleet", "genai-project");

    RealPrometheus.History h = new RealPrometheus.History();
    for (String line : operatorMetrics().lines().toList()) {
      Matcher m = SAMPLE.matcher(line);
      if (m.matches() && m.group(1).startsWith("genai_project_")) {
        double v = Double.parseDouble(m.group(3));
        if (m.group(1)
            .endsWith("month_to_date")) { // spend and tokens so far climb through the month
          h.counter(m.group(1), m.group(2), v / 72, NOV_1, NOV_4.plusSeconds(1));
        } else {
          h.constant(m.group(1), m.group(2), v, NOV_1, NOV_4);
        }
      }
    }
    // OpenCost: the llama-8b endpoint's pod holds one GPU
    h.constant(
        "container_gpu_allocation",
        "namespace=\"genai-contract-assistant\",pod=\"model-llama-8b-0\","
            + "container=\"server\",node=\"g1\"",
        1,
        NOV_1,
        NOV_4);
    Path out = Files.createDirectories(TestFiles.repoRoot().resolve("operator/target/showback"));
    try (RealPrometheus prometheus = RealPrometheus.start(h)) {
      HttpClient http = HttpClient.newHttpClient();
      List<String> empty = new ArrayList<>();
      for (JsonNode q : queries) {
        String expr = substitute(q.get("expr").asText());
        String what =
            q.get("dashboard").asText()
                + " / "
                + q.get("panel").asText()
                + " / "
                + q.get("refId").asText();
        JsonNode instant =
            get(
                http,
                prometheus.url()
                    + "/api/v1/query?time="
                    + (NOV_4.getEpochSecond() - 60)
                    + "&query="
                    + URLEncoder.encode(expr, StandardCharsets.UTF_8),
                what + ": " + expr);
        JsonNode range =
            get(
                http,
                prometheus.url()
                    + "/api/v1/query_range?start="
                    + NOV_1.getEpochSecond()
                    + "&end="
                    + (NOV_4.getEpochSecond() - 60)
                    + "&step=3600&query="
                    + URLEncoder.encode(expr, StandardCharsets.UTF_8),
                what + ": " + expr);
        if (instant.path("data").path("result").isEmpty()
            || range.path("data").path("result").isEmpty()) {
          empty.add(what + ": " + expr);
        }
        if (q.get("dashboard").asText().equals("genai-project")) {
          Files.writeString(
              out.resolve(
                  q.get("panel").asText().replaceAll("[^A-Za-z0-9]+", "-")
                      + "-"
                      + q.get("refId").asText()
                      + ".json"),
              JSON.writeValueAsString(
                  Map.of(
                      "panel",
                      q.get("panel").asText(),
                      "refId",
                      q.get("refId").asText(),
                      "instant",
                      q.get("instant").asBoolean(),
                      "expr",
                      expr,
                      "result",
                      (q.get("instant").asBoolean() ? instant : range).path("data"))));
        }
      }
      assertThat(empty).as("panels without data").isEmpty();
    }
  }

  static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)\\} (\\S+)$");

  /**
   * What the operator exports for the two projects of report/projects.yaml, as Prometheus would
   * scrape it.
   */
  static String operatorMetrics() throws Exception {
    KubernetesList list =
        K8S.unmarshal(
            Files.readString(
                TestFiles.repoRoot().resolve("operator/src/test/resources/report/projects.yaml")),
            KubernetesList.class);
    OperatorMetrics metrics = new OperatorMetrics();
    for (var item : list.getItems()) {
      GenAIProject p = K8S.convertValue(item, GenAIProject.class);
      p.getStatus().quota =
          new GrantedQuota(
              p.getSpec().resources.gpus, p.getSpec().resources.cpu, p.getSpec().resources.memory);
      metrics.project(p, p.getStatus());
    }
    return metrics.scrape();
  }

  /**
   * Grafana's template variables as a user would pick them: one project; every cost centre, unit
   * and sponsor.
   */
  static String substitute(String expr) {
    return expr.replace("$project", "contract-assistant")
        .replace("$cost_center", ".*")
        .replace("$business_unit", ".*")
        .replace("$sponsor", ".*");
  }

  /**
   * dashboard-check on the chart's dashboards: it must accept them; their queries, one JSON line
   * each.
   */
  static List<JsonNode> checked() throws Exception {
    Process build =
        new ProcessBuilder(
                TestFiles.repoRoot().resolve("operator/tools/dashboard-check.sh").toString(),
                "--check")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String exe = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (build.waitFor() != 0) {
      String why = "dashboard-check is not built: run operator/tools/dashboard-check.sh";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(why);
      }
      assumeTrue(false, why);
    }
    List<String> cmd = new ArrayList<>(List.of(exe));
    try (var files = Files.list(DASHBOARDS)) {
      files
          .filter(f -> f.toString().endsWith(".json"))
          .sorted()
          .forEach(f -> cmd.add(f.toString()));
    }
    Process check = new ProcessBuilder(cmd).start();
    String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(check.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as("Grafana's dashboard model: " + err).isZero();
    List<JsonNode> queries = new ArrayList<>();
    for (String line : out.lines().toList()) {
      queries.add(JSON.readTree(line));
    }
    return queries;
  }

  static JsonNode get(HttpClient http, String url, String what) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode())
        .as("Prometheus parses and runs " + what + ": " + r.body())
        .isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static List<ConfigMap> configMaps(String yaml) {
    List<ConfigMap> out = new ArrayList<>();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.lines().anyMatch(l -> l.equals("kind: ConfigMap"))) {
        out.add(K8S.unmarshal(doc, ConfigMap.class));
      }
    }
    return out;
  }
}
