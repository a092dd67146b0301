package dev.platform.genai.cost;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.Kpi;
import dev.platform.genai.api.KpiStatus;
import dev.platform.genai.model.GovernanceDigest;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.plan.finops.BudgetDecision;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.plan.finops.GatewayMetering;
import dev.platform.genai.plan.gpu.IdleSettings;
import dev.platform.genai.vocabulary.Reason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a project's spend and KPIs from Prometheus (OpenCost metrics) when an evaluation is due:
 * every GENAI_COST_EVALUATION_INTERVAL, not on every reconcile. What the figures mean is decided by
 * the plan ({@link BudgetDecision}).
 */
public final class CostEvaluator {
  /** How long a retention read from Prometheus' flags API is trusted before it is read again. */
  static final Duration RETENTION_RECHECK = Duration.ofHours(1);

  private final PrometheusApi prometheus;
  private final PrometheusApi managedMetrics;
  private final Duration interval;
  private volatile Retention retention;

  /**
   * The first retry after a failed evaluation; each further failure doubles it, up to the interval.
   */
  static final Duration FIRST_RETRY = Duration.ofSeconds(30);

  /**
   * Failed evaluations in a row, by namespace (memory only: a restarted operator simply evaluates
   * again).
   */
  private final Map<String, Failures> failures = new java.util.concurrent.ConcurrentHashMap<>();

  private record Failures(int count, Instant last) {}

  private record Retention(Optional<Duration> value, Instant readAt) {}

  /**
   * @param prometheus null when GENAI_PROMETHEUS_URL is unset
   * @param managedMetrics Cloud Monitoring's Prometheus API (GENAI_MANAGED_METRICS_URL), or null
   *     when unset
   */
  public CostEvaluator(PrometheusApi prometheus, PrometheusApi managedMetrics, Duration interval) {
    this.prometheus = prometheus;
    this.managedMetrics = managedMetrics;
    this.interval = interval;
  }

  public CostEvaluator(PrometheusApi prometheus, Duration interval) {
    this(prometheus, null, interval);
  }

  /** Nothing to evaluate for anyone: neither Prometheus nor Cloud Monitoring is configured. */
  public boolean off() {
    return prometheus == null && managedMetrics == null;
  }

  /**
   * Nothing to evaluate for this project: no Prometheus, and no managed endpoints to read from
   * Cloud Monitoring (managed-model spend stands on its own without Prometheus).
   */
  public boolean off(ProjectModel model) {
    return prometheus == null
        && (managedMetrics == null || model == null || model.endpoints().managed().isEmpty());
  }

  public Duration interval() {
    return interval;
  }

  /**
   * When the project's next evaluation is due (null: now): an interval after the last one the
   * budget in status shows — or, after failed evaluations (Prometheus unreachable, OpenCost absent,
   * a query refused), sooner: 30 s after the first failure, doubling with each one, never later
   * than the interval (a black-box run found the operator started before OpenCost waiting a whole
   * interval, 10 minutes by default, for its next try).
   */
  public Instant due(GenAIProject project, String namespace, Instant now) {
    Failures f = project.getMetadata() == null ? null : failures.get(key(project, namespace));
    if (f != null) {
      return f.last().plus(retryAfter(f.count()));
    }
    Instant last = BudgetDecision.lastEvaluated(project, now);
    if (last == null && prometheus == null) { // managed-model spend alone: its own record
      last = BudgetDecision.managedEvaluated(project, now);
    }
    return last == null ? null : last.plus(interval);
  }

  /** The pause after this many failures in a row: 30 s, 60 s, 120 s, ... at most the interval. */
  public Duration retryAfter(int failuresInARow) {
    Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(failuresInARow - 1, 0), 20));
    return d.compareTo(interval) > 0 ? interval : d;
  }

  private static String key(GenAIProject project, String namespace) {
    return project.getMetadata().getUid() + "/" + project.getMetadata().getName() + "/" + namespace;
  }

  /** A deleted project's failures are forgotten (one re-created under its name starts afresh). */
  public void forget(GenAIProject project) {
    if (project.getMetadata() != null) {
      String prefix = project.getMetadata().getUid() + "/" + project.getMetadata().getName() + "/";
      failures.keySet().removeIf(k -> k.startsWith(prefix));
    }
  }

  /** Remembers how the evaluation went, and says when to try again after a failure. */
  private CostReading remember(GenAIProject project, String namespace, CostReading r, Instant now) {
    if (project.getMetadata() == null) {
      return r;
    }
    if (Thread.currentThread().isInterrupted()) {
      return r; // cancelled (the project was deleted): nothing to remember
    }
    if (r.state() == CostReading.State.FAILED
        || r.managed() != null && r.managed().transientFailure()) {
      Failures f =
          failures.merge(
              key(project, namespace),
              new Failures(1, now),
              (old, one) -> new Failures(old.count() + 1, now));
      return r.withNextDue(now.plus(retryAfter(f.count())));
    }
    failures.remove(key(project, namespace));
    return r;
  }

  /** A namespace's in-cluster spend, when due: the endpoints and managed models aside. */
  public CostReading read(GenAIProject project, String namespace, Instant now) {
    return read(project, namespace, null, now);
  }

  /**
   * The project's spend, KPIs, endpoints and managed models when an evaluation is due; blocking
   * HTTP calls.
   */
  public CostReading read(GenAIProject project, String namespace, ProjectModel model, Instant now) {
    if (off(model)) {
      return CostReading.OFF;
    }
    Instant due = due(project, namespace, now);
    if (due != null && now.isBefore(due)) {
      return CostReading.notDue(due);
    }
    return evaluate(project, namespace, model, now);
  }

  /** Evaluates now, whatever the record says (the cost scheduler decides when). */
  public CostReading evaluate(
      GenAIProject project, String namespace, ProjectModel model, Instant now) {
    return evaluate(project, namespace, model, null, now);
  }

  /** Evaluates now; the managed tokens read at the gateway when {@code metering} is set. */
  public CostReading evaluate(
      GenAIProject project,
      String namespace,
      ProjectModel model,
      GatewayMetering metering,
      Instant now) {
    return evaluate(project, namespace, model, metering, IdleSettings.OFF, now);
  }

  /**
   * Evaluates now; with idle reclaim on, the GPU signals of the namespace's pods are read as well
   * (whether or not OpenCost's figures could be).
   */
  public CostReading evaluate(
      GenAIProject project,
      String namespace,
      ProjectModel model,
      GatewayMetering metering,
      IdleSettings idle,
      Instant now) {
    CostReading r =
        remember(project, namespace, evaluateOnce(project, namespace, model, metering, now), now);
    if (idle.on() && prometheus != null) {
      r = r.withActivity(new GpuActivityReader(prometheus).read(namespace, idle, now));
    }
    return r;
  }

  /**
   * In-cluster spend (with the self-hosted endpoints' figures) and managed-model spend, each on its
   * own: a managed figure is read whether or not Prometheus is set, reachable, or has OpenCost's
   * data.
   */
  private CostReading evaluateOnce(
      GenAIProject project,
      String namespace,
      ProjectModel model,
      GatewayMetering metering,
      Instant now) {
    CostReading r;
    Duration elapsed = Duration.between(monthStart(now), now);
    if (prometheus == null) {
      r = CostReading.off(now.plus(interval));
    } else {
      try {
        r = inCluster(project, namespace, now);
        if (r.state() == CostReading.State.EVALUATED && model != null) {
          r = r.withEndpoints(endpoints(model, elapsed, now));
        }
      } catch (PrometheusException e) {
        r =
            CostReading.failed(
                e.unreachable() ? Reason.PrometheusUnavailable : Reason.QueryFailed,
                e.getMessage(),
                now.plus(interval));
      }
    }
    if (model == null) {
      return r;
    }
    return r.withManaged(
        metering != null && prometheus != null
            ? atGateway(model, metering, elapsed, now)
            : managed(model, elapsed, now));
  }

  /**
   * The managed spend as the gateway counted it ({@link GatewaySpendReader}), with Cloud
   * Monitoring's figure for the same models read as the check where it is configured.
   */
  private CostReading.ManagedReading atGateway(
      ProjectModel model, GatewayMetering metering, Duration elapsed, Instant now) {
    CostReading.ManagedReading atGateway =
        new GatewaySpendReader(prometheus).read(metering, monthStart(now), now);
    if (atGateway.state() != CostReading.ManagedState.EVALUATED) {
      return atGateway;
    }
    if (managedMetrics == null) {
      return atGateway.withCheck(
          null,
          "GENAI_MANAGED_METRICS_URL is unset, so the gateway's figure is not checked"
              + " against Cloud Monitoring's.");
    }
    CostReading.ManagedReading check = managed(model, elapsed, now);
    return check.state() == CostReading.ManagedState.EVALUATED
        ? atGateway.withCheck(check.monthToDate(), null)
        : atGateway.withCheck(
            null, "Cloud Monitoring's figure could not be read for the check: " + check.message());
  }

  private static Instant monthStart(Instant now) {
    return YearMonth.from(now.atZone(ZoneOffset.UTC))
        .atDay(1)
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant();
  }

  private CostReading inCluster(GenAIProject project, String namespace, Instant now)
      throws PrometheusException {
    Instant monthStart = monthStart(now);
    if (prometheus.query(CostQueries.OPENCOST, now).isEmpty()) {
      return CostReading.failed(
          Reason.OpenCostNotFound,
          "Prometheus has no OpenCost metrics"
              + " (node_cpu_hourly_cost): is OpenCost installed and scraped (with honor_labels: true)?",
          now.plus(interval));
    }
    Optional<BigDecimal> relabelled = prometheus.query(CostQueries.relabelled(namespace), now);
    if (relabelled.isPresent() && relabelled.get().signum() > 0) {
      // never the zero its namespace label would read: the data are there, under another label
      return CostReading.failed(
          Reason.OpenCostRelabelled,
          "OpenCost's allocation series for "
              + namespace
              + " carry exported_namespace instead of namespace: Prometheus scrapes OpenCost without honor_labels, so"
              + " its spend cannot be attributed and would read 0. Set honor_labels: true on OpenCost's scrape job"
              + " (honorLabels: true on its ServiceMonitor).",
          now.plus(interval));
    }
    Optional<BigDecimal> unpriced = prometheus.query(CostQueries.unpriced(namespace), now);
    if (unpriced.isPresent() && unpriced.get().signum() > 0) {
      return CostReading.failed(
          Reason.MissingPrices,
          unpriced.get().toPlainString()
              + " allocation series of "
              + namespace
              + " are on nodes OpenCost has no price for, so spend would read too low: check OpenCost's"
              + " node_*_hourly_cost metrics.",
          now.plus(interval));
    }
    Duration elapsed = Duration.between(monthStart, now);
    BigDecimal mtd =
        monthToDate(
            CostQueries::monthToDate, namespace, CostQueries.hourly(namespace), monthStart, now);
    BigDecimal hourly =
        prometheus.query(CostQueries.hourly(namespace), now).orElse(BigDecimal.ZERO);
    return CostReading.evaluated(
            mtd, hourly, now, kpis(project, now), now.plus(interval), coverage(elapsed, now))
        .withRetention(retention(now).orElse(null));
  }

  /**
   * Spend since the month began: each completed hour by its mark (the hourly cost sampled where the
   * hour starts: one hour of precision, a pod present at a mark counts for that hour), and the hour
   * in progress only for the part of it that has passed, at the cost sampled at its start — at
   * 00:05 on the 1st, five minutes, not an hour (a black-box run found a 64-GPU project charged a
   * whole hour by then).
   */
  private BigDecimal monthToDate(
      java.util.function.BiFunction<String, Duration, String> completedHours,
      String namespace,
      String hourlyQuery,
      Instant monthStart,
      Instant now)
      throws PrometheusException {
    Instant hourStart = now.truncatedTo(ChronoUnit.HOURS);
    Duration completed = Duration.between(monthStart, hourStart);
    BigDecimal done =
        completed.toSeconds() < 1
            ? BigDecimal.ZERO
            : prometheus
                .query(completedHours.apply(namespace, completed), hourStart.minusSeconds(1))
                .orElse(BigDecimal.ZERO);
    long intoHour = Duration.between(hourStart, now).toSeconds();
    if (intoHour < 1) {
      return done;
    }
    BigDecimal hourly = prometheus.query(hourlyQuery, hourStart).orElse(BigDecimal.ZERO);
    return done.add(
        hourly
            .multiply(BigDecimal.valueOf(intoHour))
            .divide(BigDecimal.valueOf(3600), 10, RoundingMode.HALF_UP));
  }

  /**
   * Prometheus' retention, read from its flags API at most once an hour (empty when it cannot say).
   */
  private Optional<Duration> retention(Instant now) {
    Retention r = retention;
    // concurrent evaluations carry slightly different times: only an hour away, either way, reads
    // again
    if (r == null || Duration.between(r.readAt(), now).abs().compareTo(RETENTION_RECHECK) > 0) {
      r = new Retention(prometheus.retention(), now);
      retention = r;
    }
    return r.value();
  }

  /** Tokens served and spend of each self-hosted endpoint this month. */
  private List<CostReading.EndpointUsage> endpoints(
      ProjectModel model, Duration elapsed, Instant now) throws PrometheusException {
    List<CostReading.EndpointUsage> out = new ArrayList<>();
    if (elapsed.toSeconds() < 1) {
      return out;
    }
    for (ModelEndpoints.SelfHosted e : model.endpoints().selfHosted()) {
      Optional<BigDecimal> tokens =
          prometheus.query(CostQueries.endpointTokens(model.namespace(), e.name(), elapsed), now);
      BigDecimal spend =
          monthToDate(
              (ns, d) -> CostQueries.endpointMonthToDate(ns, e.name(), d),
              model.namespace(),
              CostQueries.hourlyOf(CostQueries.endpointPods(model.namespace(), e.name())),
              monthStart(now),
              now);
      out.add(new CostReading.EndpointUsage(e.name(), tokens.orElse(null), spend));
    }
    return out;
  }

  /**
   * The managed models' token spend this month and over the last hour, from Cloud Monitoring, per
   * (model, location) where the usage query has {location}, else per model: each counted once in
   * the total, and endpoints sharing one (the metric cannot tell them apart) show its figures
   * together ({@code figuresOf}). Null when the project has no managed endpoints.
   */
  private CostReading.ManagedReading managed(ProjectModel model, Duration elapsed, Instant now) {
    List<ModelEndpoints.Managed> managed = model.endpoints().managed();
    if (managed.isEmpty()) {
      return null;
    }
    if (managedMetrics == null) {
      return CostReading.ManagedReading.notConfigured();
    }
    String google = model.cloud() == null ? null : model.cloud().projectId();
    for (ModelEndpoints.Managed m : managed) {
      if (m.usageQuery() == null || google == null) {
        return CostReading.ManagedReading.failed(
            Reason.NoUsageQuery,
            google == null
                ? "Managed endpoint "
                    + m.name()
                    + " has no Google project (spec.gcp.projectId) to read its token spend from."
                : "spec.models.providers."
                    + m.provider()
                    + " has no usageQuery, so the token spend of "
                    + m.provider()
                    + "/"
                    + m.model()
                    + " cannot be read: set one (see docs/finops.md).");
      }
      if (m.price() == null) {
        return CostReading.ManagedReading.failed(
            Reason.MissingPrices,
            "No token price for "
                + m.provider()
                + "/"
                + m.model()
                + ": set spec.models.providers."
                + m.provider()
                + ".tokenPrices."
                + m.model()
                + " (or tokenPrices.default) in the GenAIPlatformPolicy; tokens are never counted as free.");
      }
    }
    Map<String, List<String>> sharing = new LinkedHashMap<>();
    managed.forEach(
        m -> sharing.computeIfAbsent(usageKey(m), k -> new ArrayList<>()).add(m.name()));
    BigDecimal monthToDate = BigDecimal.ZERO;
    BigDecimal hourly = BigDecimal.ZERO;
    List<CostReading.ModelTokens> models = new ArrayList<>();
    Map<String, CostReading.ModelTokens> byKey = new LinkedHashMap<>();
    try {
      for (ModelEndpoints.Managed m : managed) {
        String key = usageKey(m);
        CostReading.ModelTokens known = byKey.get(key);
        if (known == null) {
          BigDecimal in = tokens(m, google, "input", elapsed, now);
          BigDecimal out = tokens(m, google, "output", elapsed, now);
          known =
              new CostReading.ModelTokens(
                  m.name(), m.provider(), m.model(), in, out, m.price().cost(in, out), List.of());
          byKey.put(key, known);
          monthToDate = monthToDate.add(known.spend());
          hourly =
              hourly.add(
                  m.price()
                      .cost(
                          tokens(m, google, "input", Duration.ofHours(1), now),
                          tokens(m, google, "output", Duration.ofHours(1), now)));
        }
        List<String> together = sharing.get(key);
        models.add(
            new CostReading.ModelTokens(
                m.name(),
                m.provider(),
                m.model(),
                known.inputTokens(),
                known.outputTokens(),
                known.spend(),
                together.size() > 1 ? together : List.of()));
      }
    } catch (PrometheusException e) {
      return CostReading.ManagedReading.failed(
          e.unreachable() ? Reason.PrometheusUnavailable : Reason.QueryFailed,
          "Cloud Monitoring (GENAI_MANAGED_METRICS_URL): " + e.getMessage());
    }
    return CostReading.ManagedReading.evaluated(monthToDate, hourly, models, now);
  }

  /**
   * What the usage metric tells apart: the model, and its location where the query has {location}.
   */
  private static String usageKey(ModelEndpoints.Managed m) {
    return m.provider()
        + "/"
        + m.model()
        + (CostQueries.byLocation(m.usageQuery()) ? "@" + m.region() : "");
  }

  /** Tokens of one type over the range; no series means the model was not called (0). */
  private BigDecimal tokens(
      ModelEndpoints.Managed m, String google, String type, Duration range, Instant now)
      throws PrometheusException {
    if (range.toSeconds() < 1) {
      return BigDecimal.ZERO;
    }
    return managedMetrics
        .query(
            CostQueries.managedTokens(m.usageQuery(), google, m.model(), m.region(), type, range),
            now)
        .orElse(BigDecimal.ZERO);
  }

  /**
   * The share of the month's hour marks (first of the month to the last before now) that have
   * OpenCost data.
   */
  private BigDecimal coverage(Duration elapsed, Instant now) throws PrometheusException {
    long marks = (elapsed.toSeconds() + 3599) / 3600;
    if (marks == 0) {
      return BigDecimal.ONE;
    }
    BigDecimal covered =
        prometheus
            .query(CostQueries.coveredHours(elapsed), now.minusSeconds(1))
            .orElse(BigDecimal.ZERO);
    return covered.compareTo(BigDecimal.valueOf(marks)) >= 0
        ? BigDecimal.ONE
        : covered.divide(BigDecimal.valueOf(marks), 4, RoundingMode.FLOOR);
  }

  private List<KpiStatus> kpis(GenAIProject project, Instant now) {
    List<KpiStatus> out = new ArrayList<>();
    for (Kpi k : project.getSpec().kpis == null ? List.<Kpi>of() : project.getSpec().kpis) {
      if (k.query != null && !k.query.isBlank()) {
        out.add(kpi(k, now));
      }
    }
    return out.isEmpty() ? null : out;
  }

  private KpiStatus kpi(Kpi k, Instant now) {
    KpiStatus s = new KpiStatus();
    s.name = k.name;
    s.target = k.target;
    s.queryDigest = GovernanceDigest.sha256(k.query);
    try {
      Optional<BigDecimal> v = prometheus.query(k.query, now);
      if (v.isEmpty()) {
        s.message = "The query returned no data.";
        return s;
      }
      s.value = v.get().stripTrailingZeros().toPlainString();
      BigDecimal base = new BigDecimal(k.baseline);
      BigDecimal span = new BigDecimal(k.target).subtract(base);
      if (span.signum() != 0) {
        s.progressPercent =
            v.get()
                .subtract(base)
                .multiply(BigDecimal.valueOf(100))
                .divide(span, 0, RoundingMode.HALF_UP)
                .intValue();
      }
      s.lastEvaluated = now.truncatedTo(ChronoUnit.SECONDS).toString();
    } catch (PrometheusException e) {
      s.message = e.getMessage();
    }
    return s;
  }
}
