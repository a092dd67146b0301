package dev.platform.genai.operator.project;

import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.api.KpiStatus;
import dev.platform.genai.cloud.IamPolicies;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The operator's own metrics, beside JOSDK's: reconciles by outcome, Events emitted, and projects
 * per phase (read from the informer cache when Prometheus scrapes, so nothing is kept per project).
 */
public final class OperatorMetrics {
  /** Every phase, from the one list of them (a copy here had lost PromotionPending). */
  static final List<String> PHASES =
      java.util.Arrays.stream(dev.platform.genai.vocabulary.Phase.values())
          .map(Enum::name)
          .toList();

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<IndexedResourceCache<GenAIProject>> projects =
      new AtomicReference<>();
  private final Counter reconcileOk;
  private final Counter reconcileBlocked;
  private final Counter reconcileError;

  public OperatorMetrics() {
    reconcileOk = counter("ok");
    reconcileBlocked = counter("blocked");
    reconcileError = counter("error");
    for (String phase : PHASES) {
      Gauge.builder("genai_projects", this, m -> m.count(phase))
          .description("GenAIProjects by phase")
          .tag("phase", phase)
          .register(registry);
    }
    Gauge.builder("genai_projects_unobserved", this, m -> m.count(null))
        .description("GenAIProjects with no status yet")
        .register(registry);
  }

  private Counter counter(String result) {
    return Counter.builder("genai_reconciles")
        .description("GenAIProject reconciles by result")
        .tag("result", result)
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  void watch(IndexedResourceCache<GenAIProject> cache) {
    projects.set(cache);
  }

  void reconciled(boolean blocked) {
    (blocked ? reconcileBlocked : reconcileOk).increment();
  }

  void failed() {
    reconcileError.increment();
  }

  private double count(String phase) {
    IndexedResourceCache<GenAIProject> cache = projects.get();
    if (cache == null) {
      return 0;
    }
    return cache
        .list()
        .filter(p -> Objects.equals(phase, p.getStatus() == null ? null : p.getStatus().phase))
        .count();
  }

  /**
   * @param inCluster and managed NaN when unknown; attribution Exact or Shared (managed), or ""
   */
  private record Figures(
      String costCenter,
      String currency,
      double monthToDate,
      double forecast,
      double limit,
      double inCluster,
      double managed,
      String attribution,
      double idleGpuHours,
      double idleSaved) {}

  private final Map<String, Figures> budgets = new ConcurrentHashMap<>();
  private final MultiGauge spend =
      MultiGauge.builder("genai_project_spend_month_to_date")
          .description("Spend since the first of the month, per project")
          .register(registry);
  private final MultiGauge bySource =
      MultiGauge.builder("genai_project_spend_by_source_month_to_date")
          .description(
              "Spend since the first of the month by source: in_cluster (OpenCost) or managed (model tokens;"
                  + " attribution Shared when the Google project is shared, and then not in the project's total)")
          .register(registry);
  private final MultiGauge forecast =
      MultiGauge.builder("genai_project_spend_forecast")
          .description("Forecast spend for the month, per project")
          .register(registry);
  private final MultiGauge utilization =
      MultiGauge.builder("genai_project_budget_utilization_ratio")
          .description("Month-to-date spend / monthly limit")
          .register(registry);
  private final MultiGauge limit =
      MultiGauge.builder("genai_project_budget_limit")
          .description("Monthly limit, per project")
          .register(registry);
  private final MultiGauge idleHours =
      MultiGauge.builder("genai_project_idle_gpu_hours_returned")
          .description(
              "GPU-hours idle reclaim handed back this month (stopped time times the GPUs requested),"
                  + " per project")
          .register(registry);
  private final MultiGauge idleSaved =
      MultiGauge.builder("genai_project_idle_saved")
          .description(
              "What those GPU-hours would have cost at the policy's GPU price, per project")
          .register(registry);
  private final MultiGauge kpiCost =
      MultiGauge.builder("genai_project_kpi_cost_per_unit")
          .description(
              "Spend this month per unit of KPI gain over its baseline, per project and KPI (ROI)")
          .register(registry);

  /** By project: cost per unit of gain, by KPI (only KPIs with a gain). */
  private final Map<String, Map<String, Double>> kpiCosts = new ConcurrentHashMap<>();

  private final ShowbackMetrics showback = new ShowbackMetrics(registry);

  /**
   * Publishing is serialised (here and in {@link #budget}): Micrometer's MultiGauge.register swaps
   * its rows with an AtomicReference.getAndUpdate whose update registers gauges, and a thread that
   * loses the race runs it again — "This Gauge has been already registered", the newer value
   * ignored, the series stale.
   *
   * <p>The project as its status now says, exported: who it is for and what it measures (the
   * showback dashboards' {@link ShowbackMetrics}), and its spend figures (alert rules use them).
   */
  public synchronized void project(GenAIProject project, GenAIProjectStatus status) {
    showback.update(project, status);
    budget(project, status.budget, status.kpis);
    IndexedResourceCache<GenAIProject> cache = projects.get();
    showback.refresh(
        cache == null
            ? null
            : cache
                .list()
                .map(p -> p.getMetadata().getName())
                .collect(java.util.stream.Collectors.toSet()));
  }

  /** The project's spend figures, exported as the operator's own metrics (alert rules use them). */
  public synchronized void budget(GenAIProject project, BudgetStatus b, List<KpiStatus> kpis) {
    if (b == null || b.monthToDate == null) {
      return;
    }
    Map<String, Double> costs = new TreeMap<>();
    if (kpis != null) {
      kpis.stream()
          .filter(k -> k.costPerUnit != null)
          .forEach(k -> costs.put(k.name, Double.parseDouble(k.costPerUnit)));
    }
    kpiCosts.put(project.getMetadata().getName(), costs);
    String costCenter =
        project.getSpec().sponsor == null ? "" : project.getSpec().sponsor.costCenter;
    budgets.put(
        project.getMetadata().getName(),
        new Figures(
            costCenter,
            b.currency,
            Double.parseDouble(b.monthToDate),
            Double.parseDouble(b.forecast),
            Double.parseDouble(b.monthlyLimit),
            b.inCluster == null ? Double.NaN : Double.parseDouble(b.inCluster),
            b.managed == null ? Double.NaN : Double.parseDouble(b.managed),
            b.managedAttribution == null ? "" : b.managedAttribution,
            b.idleGpuHours == null ? 0 : Double.parseDouble(b.idleGpuHours),
            b.idleSaved == null ? 0 : Double.parseDouble(b.idleSaved)));
    refreshBudgets();
  }

  private void refreshBudgets() {
    IndexedResourceCache<GenAIProject> cache = projects.get();
    if (cache != null) { // projects that are gone leave the metrics
      budgets.keySet().removeIf(name -> cache.get(new ResourceID(name)).isEmpty());
      kpiCosts.keySet().removeIf(name -> !budgets.containsKey(name));
    }
    kpiCost.register(
        kpiCosts.entrySet().stream()
            .flatMap(
                p ->
                    p.getValue().entrySet().stream()
                        .<MultiGauge.Row<?>>map(
                            k ->
                                MultiGauge.Row.of(
                                    Tags.of(
                                        "project",
                                        p.getKey(),
                                        "kpi",
                                        k.getKey(),
                                        "currency",
                                        budgets.containsKey(p.getKey())
                                            ? budgets.get(p.getKey()).currency()
                                            : ""),
                                    k.getValue())))
            .toList(),
        true);
    spend.register(rows(f -> f.monthToDate()), true);
    bySource.register(
        budgets.entrySet().stream()
            .<MultiGauge.Row<?>>flatMap(
                e -> {
                  Figures f = e.getValue();
                  Tags tags =
                      Tags.of(
                          "project",
                          e.getKey(),
                          "cost_center",
                          f.costCenter(),
                          "currency",
                          f.currency());
                  List<MultiGauge.Row<?>> rows = new java.util.ArrayList<>();
                  if (!Double.isNaN(f.inCluster())) {
                    rows.add(
                        MultiGauge.Row.of(
                            tags.and("source", "in_cluster", "attribution", "Exact"),
                            f.inCluster()));
                  }
                  if (!Double.isNaN(f.managed())) {
                    rows.add(
                        MultiGauge.Row.of(
                            tags.and("source", "managed", "attribution", f.attribution()),
                            f.managed()));
                  }
                  return rows.stream();
                })
            .toList(),
        true);
    forecast.register(rows(f -> f.forecast()), true);
    utilization.register(rows(f -> f.limit() == 0 ? 0 : f.monthToDate() / f.limit()), true);
    limit.register(rows(f -> f.limit()), true);
    idleHours.register(rows(f -> f.idleGpuHours()), true);
    idleSaved.register(rows(f -> f.idleSaved()), true);
  }

  private List<MultiGauge.Row<?>> rows(ToDoubleFunction<Figures> v) {
    return budgets.entrySet().stream()
        .<MultiGauge.Row<?>>map(
            e ->
                MultiGauge.Row.of(
                    Tags.of(
                        "project",
                        e.getKey(),
                        "cost_center",
                        e.getValue().costCenter(),
                        "currency",
                        e.getValue().currency()),
                    v.applyAsDouble(e.getValue())))
        .toList();
  }

  private final io.micrometer.core.instrument.Timer costEvaluations =
      io.micrometer.core.instrument.Timer.builder("genai_cost_evaluation_seconds")
          .description(
              "How long one project's spend evaluation took (Prometheus and Cloud Monitoring queries), on the"
                  + " cost pool")
          .register(registry);

  /** One evaluation on the cost pool: how long it took. */
  public void costEvaluated(java.time.Duration took) {
    costEvaluations.record(took);
  }

  /** Google Cloud IAM calls made so far, by method (getIamPolicy, setIamPolicy, getProject). */
  public void watchIam(IamPolicies iam) {
    for (String method : List.of("getIamPolicy", "setIamPolicy", "getProject")) {
      FunctionCounter.builder("genai_cloud_iam_calls", iam, i -> i.calls().getOrDefault(method, 0L))
          .description("Google Cloud IAM API calls by method")
          .tag("method", method)
          .register(registry);
    }
  }

  /** Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
