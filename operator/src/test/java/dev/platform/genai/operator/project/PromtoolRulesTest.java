package dev.platform.genai.operator.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.external.PrometheusRule;
import dev.platform.genai.cost.RealPrometheus;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Planner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The budget alert rules the operator renders, proven with Prometheus' own tools: {@code promtool
 * check rules} on every sample's rules, and {@code promtool test rules} whose input series are the
 * operator's own {@code /metrics} output (the gauge the rules read, as the operator exports it), so
 * each threshold fires at its threshold and not below.
 */
class PromtoolRulesTest {
  static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  static final Instant NOW = Instant.parse("2026-11-04T00:00:00Z");

  @TempDir Path dir;

  @BeforeAll
  static void promtool() {
    RealPrometheus.assumeInstalled();
  }

  static PrometheusRule rule(String sample) {
    return Planner.preview(
            Samples.project(sample),
            Samples.policy(),
            InstalledApis.of(List.of("prometheus-operator")),
            true,
            NOW)
        .objects(PrometheusRule.class)
        .get(0);
  }

  /** The rule's groups as a Prometheus rules file. */
  Path rulesFile(PrometheusRule rule, String name) throws IOException {
    Path file = dir.resolve(name);
    YAML.writeValue(file.toFile(), Map.of("groups", rule.getSpec().groups));
    return file;
  }

  static String promtool(Path workdir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/promtool"));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd).directory(workdir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("promtool %s:%n%s", String.join(" ", args), out).isZero();
    return out;
  }

  @Test
  void everyRenderedRuleIsValidForPrometheus() throws Exception {
    for (Path sample : TestFiles.projectSamples()) {
      String name = sample.getFileName().toString();
      Path file = rulesFile(rule(name), name);
      String out = promtool(dir, "check", "rules", file.toString());
      assertThat(out).as(name).contains("SUCCESS");
    }
  }

  @Test
  void eachThresholdFiresAtItsThresholdAndNotBelowOnTheOperatorsOwnMetrics() throws Exception {
    GenAIProject project =
        Samples.project("public-pilot.yaml"); // thresholds 50, 80, 100 of 3000 EUR
    PrometheusRule rule = rule("public-pilot.yaml");
    rulesFile(rule, "rules.yml");
    List<Map<String, Object>> tests = new ArrayList<>();
    // spend month to date -> the operator's gauge -> which thresholds fire
    for (String spent :
        List.of("1499.99", "1500.00", "2399.99", "2400.00", "2999.99", "3000.00", "3500.00")) {
      OperatorMetrics metrics = new OperatorMetrics();
      BudgetStatus b = new BudgetStatus();
      b.monthToDate = spent;
      b.forecast = spent;
      b.monthlyLimit = "3000.00";
      b.currency = "EUR";
      metrics.budget(project, b, null);
      String series = series(metrics.scrape(), "genai_project_budget_utilization_ratio");
      double value = Double.parseDouble(series.substring(series.lastIndexOf(' ') + 1));
      String selector = series.substring(0, series.lastIndexOf(' '));
      List<Map<String, Object>> alerts = new ArrayList<>();
      for (var r : rules(rule)) {
        int threshold =
            Integer.parseInt(((String) r.get("alert")).replace("GenAIBudgetThreshold", ""));
        boolean fires =
            new java.math.BigDecimal(spent)
                    .compareTo(
                        new java.math.BigDecimal("30")
                            .multiply(java.math.BigDecimal.valueOf(threshold)))
                >= 0;
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("eval_time", "2m");
        expected.put("alertname", r.get("alert"));
        expected.put(
            "exp_alerts",
            fires
                ? List.of(
                    Map.of(
                        "exp_labels", labels(selector, r), "exp_annotations", r.get("annotations")))
                : List.of());
        alerts.add(expected);
      }
      Map<String, Object> test = new LinkedHashMap<>();
      test.put("name", "spent " + spent + " EUR of 3000 (gauge " + value + ")");
      test.put("interval", "1m");
      test.put("input_series", List.of(Map.of("series", selector, "values", value + "x5")));
      test.put("alert_rule_test", alerts);
      tests.add(test);
    }
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("rule_files", List.of("rules.yml"));
    file.put("evaluation_interval", "1m");
    file.put("tests", tests);
    YAML.writeValue(dir.resolve("test.yml").toFile(), file);
    String out = promtool(dir, "test", "rules", "test.yml");
    assertThat(out).contains("SUCCESS");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rules(PrometheusRule rule) {
    return (List<Map<String, Object>>) rule.getSpec().groups.get(0).get("rules");
  }

  /** The line of the metric in Prometheus' text format: {@code name{labels} value}. */
  static String series(String scrape, String metric) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(metric + "{"))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError(metric + " is not in the operator's /metrics:\n" + scrape));
  }

  /** The alert's labels: the series' labels, then the rule's (which win). */
  @SuppressWarnings("unchecked")
  static Map<String, String> labels(String selector, Map<String, Object> rule) {
    Map<String, String> out = new TreeMap<>();
    Matcher m =
        Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(selector.substring(selector.indexOf('{')));
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    out.putAll((Map<String, String>) rule.get("labels"));
    return out;
  }
}
