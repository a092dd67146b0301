package dev.platform.genai.operator.project;

import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.EndpointStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.api.Kpi;
import dev.platform.genai.api.KpiStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the showback dashboards need beyond the spend figures ({@link OperatorMetrics}): who a
 * project is for (an info metric with its sponsor, cost centre, business unit, classification,
 * stage, phase and namespace, to join and filter by), its alert thresholds as amounts, its KPIs
 * (value, baseline, target), each endpoint's tokens and spend this month, and the GPUs its quota
 * grants. Only what the resource itself shows: no e-mail addresses. The project's namespace is
 * {@code project_namespace}: a scrape (Prometheus Operator's ServiceMonitor) sets {@code namespace}
 * to the operator's own and would rename ours {@code exported_namespace}. Kept per project from its
 * last reconcile; a project that is gone leaves them.
 */
final class ShowbackMetrics {
  private final MultiGauge info;
  private final MultiGauge threshold;
  private final MultiGauge kpiValue;
  private final MultiGauge kpiBaseline;
  private final MultiGauge kpiTarget;
  private final MultiGauge endpointTokens;
  private final MultiGauge endpointSpend;
  private final MultiGauge gpuQuota;
  private final Map<String, Rows> projects = new ConcurrentHashMap<>();

  /** One project's rows, by metric. */
  private record Rows(
      Tags info,
      List<Row> thresholds,
      List<Row> kpiValues,
      List<Row> kpiBaselines,
      List<Row> kpiTargets,
      List<Row> tokens,
      List<Row> spend,
      Row gpus) {}

  private record Row(Tags tags, double value) {}

  ShowbackMetrics(MeterRegistry registry) {
    // not *_info: the Prometheus registry takes that suffix for an Info metric and drops these
    // samples
    info =
        MultiGauge.builder("genai_project_labels")
            .description(
                "1 per GenAIProject, its labels what the resource"
                    + " says: sponsor, cost centre, business unit, data classification, stage, phase, namespace, currency")
            .register(registry);
    threshold =
        MultiGauge.builder("genai_project_budget_threshold")
            .description(
                "Each alert threshold of the"
                    + " project's budget as an amount (monthly limit x threshold %)")
            .register(registry);
    kpiValue =
        MultiGauge.builder("genai_project_kpi_value")
            .description("A KPI's last measured value")
            .register(registry);
    kpiBaseline =
        MultiGauge.builder("genai_project_kpi_baseline")
            .description("A KPI's baseline (spec.kpis)")
            .register(registry);
    kpiTarget =
        MultiGauge.builder("genai_project_kpi_target")
            .description("A KPI's target (spec.kpis)")
            .register(registry);
    endpointTokens =
        MultiGauge.builder("genai_project_endpoint_tokens_month_to_date")
            .description(
                "Tokens served"
                    + " this month by a model endpoint (vLLM's counters, or Cloud Monitoring for a managed model)")
            .register(registry);
    endpointSpend =
        MultiGauge.builder("genai_project_endpoint_spend_month_to_date")
            .description(
                "What a model"
                    + " endpoint cost this month: its pods (self-hosted) or its tokens at the policy's prices (managed)")
            .register(registry);
    gpuQuota =
        MultiGauge.builder("genai_project_gpu_quota")
            .description("GPUs the project's ResourceQuota grants")
            .register(registry);
  }

  void update(GenAIProject p, GenAIProjectStatus s) {
    String name = p.getMetadata().getName();
    var spec = p.getSpec();
    BudgetStatus b = s.budget;
    String currency =
        b != null && b.currency != null
            ? b.currency
            : spec.budget == null ? "" : orEmpty(spec.budget.currency);
    Tags project = Tags.of("project", name);
    Tags info =
        project.and(
            "sponsor",
            spec.sponsor == null ? "" : orEmpty(spec.sponsor.name),
            "cost_center",
            spec.sponsor == null ? "" : orEmpty(spec.sponsor.costCenter),
            "business_unit",
            spec.sponsor == null ? "" : orEmpty(spec.sponsor.businessUnit),
            "classification",
            orEmpty(spec.dataClassification),
            "stage",
            orEmpty(spec.stage),
            "phase",
            orEmpty(s.phase),
            "project_namespace",
            orEmpty(s.namespace),
            "currency",
            currency,
            "display_name",
            orEmpty(spec.displayName));
    List<Row> thresholds = new ArrayList<>();
    if (b != null
        && b.monthlyLimit != null
        && spec.budget != null
        && spec.budget.alertThresholds != null) {
      double limit = Double.parseDouble(b.monthlyLimit);
      spec.budget.alertThresholds.forEach(
          t ->
              thresholds.add(
                  new Row(
                      project.and("threshold", String.valueOf(t), "currency", currency),
                      limit * t / 100)));
    }
    List<Row> values = new ArrayList<>();
    List<Row> baselines = new ArrayList<>();
    List<Row> targets = new ArrayList<>();
    for (Kpi k : spec.kpis == null ? List.<Kpi>of() : spec.kpis) {
      Tags kpi = project.and("kpi", k.name, "unit", orEmpty(k.unit));
      baselines.add(new Row(kpi, parse(k.baseline)));
      targets.add(new Row(kpi, parse(k.target)));
      KpiStatus measured =
          s.kpis == null
              ? null
              : s.kpis.stream().filter(v -> k.name.equals(v.name)).findFirst().orElse(null);
      if (measured != null && measured.value != null) {
        values.add(new Row(kpi, parse(measured.value)));
      }
    }
    List<Row> tokens = new ArrayList<>();
    List<Row> spend = new ArrayList<>();
    for (EndpointStatus e : s.endpoints == null ? List.<EndpointStatus>of() : s.endpoints) {
      Tags endpoint =
          project.and(
              "endpoint", orEmpty(e.name), "kind", orEmpty(e.kind), "model", orEmpty(e.model));
      if (e.tokensThisMonth != null) {
        tokens.add(new Row(endpoint, parse(e.tokensThisMonth)));
      }
      if (e.spendThisMonth != null) {
        spend.add(new Row(endpoint.and("currency", currency), parse(e.spendThisMonth)));
      }
    }
    Row gpus =
        s.quota == null || s.quota.gpus == null
            ? null
            : new Row(project.and("project_namespace", orEmpty(s.namespace)), s.quota.gpus);
    projects.put(name, new Rows(info, thresholds, values, baselines, targets, tokens, spend, gpus));
  }

  /** Drops the projects not in {@code live}, then publishes every row. */
  void refresh(Set<String> live) {
    if (live != null) {
      projects.keySet().retainAll(live);
    }
    info.register(rows(r -> List.of(new Row(r.info(), 1))), true);
    threshold.register(rows(Rows::thresholds), true);
    kpiValue.register(rows(Rows::kpiValues), true);
    kpiBaseline.register(rows(Rows::kpiBaselines), true);
    kpiTarget.register(rows(Rows::kpiTargets), true);
    endpointTokens.register(rows(Rows::tokens), true);
    endpointSpend.register(rows(Rows::spend), true);
    gpuQuota.register(rows(r -> r.gpus() == null ? List.of() : List.of(r.gpus())), true);
  }

  private List<MultiGauge.Row<?>> rows(Function<Rows, List<Row>> of) {
    return projects.values().stream()
        .flatMap(r -> of.apply(r).stream())
        .<MultiGauge.Row<?>>map(r -> MultiGauge.Row.of(r.tags(), r.value()))
        .toList();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static double parse(String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException | NullPointerException e) {
      return Double.NaN;
    }
  }
}
