package dev.platform.genai.operator;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.Kpi;
import dev.platform.genai.api.KpiStatus;
import dev.platform.genai.cost.CostQueries;
import dev.platform.genai.cost.PrometheusApi;
import dev.platform.genai.cost.PrometheusException;
import dev.platform.genai.model.GovernanceDigest;
import dev.platform.genai.plan.BudgetDecision;
import dev.platform.genai.plan.CostReading;
import dev.platform.genai.plan.Reasons;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a project's spend and KPIs from Prometheus (OpenCost metrics) when an evaluation is due: every
 * GENAI_COST_EVALUATION_INTERVAL, not on every reconcile. What the figures mean is decided by the plan
 * ({@link BudgetDecision}).
 */
final class CostEvaluator {
  private final PrometheusApi prometheus;
  private final Duration interval;

  /** @param prometheus null when GENAI_PROMETHEUS_URL is unset */
  CostEvaluator(PrometheusApi prometheus, Duration interval) {
    this.prometheus = prometheus;
    this.interval = interval;
  }

  CostReading read(GenAIProject project, String namespace, Instant now) {
    if (prometheus == null) {
      return CostReading.OFF;
    }
    Instant last = BudgetDecision.lastEvaluated(project, now);
    if (last != null && now.isBefore(last.plus(interval))) {
      return CostReading.notDue(last.plus(interval));
    }
    try {
      return evaluate(project, namespace, now);
    } catch (PrometheusException e) {
      return CostReading.failed(e.unreachable() ? Reasons.PROMETHEUS_UNAVAILABLE : Reasons.QUERY_FAILED,
          e.getMessage(), now.plus(interval));
    }
  }

  private CostReading evaluate(GenAIProject project, String namespace, Instant now) throws PrometheusException {
    Instant monthStart = YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC)
        .toInstant();
    if (prometheus.query(CostQueries.OPENCOST, now).isEmpty()) {
      return CostReading.failed(Reasons.OPENCOST_NOT_FOUND, "Prometheus has no OpenCost metrics"
          + " (node_cpu_hourly_cost): is OpenCost installed and scraped (with honor_labels: true)?",
          now.plus(interval));
    }
    Optional<BigDecimal> unpriced = prometheus.query(CostQueries.unpriced(namespace), now);
    if (unpriced.isPresent() && unpriced.get().signum() > 0) {
      return CostReading.failed(Reasons.MISSING_PRICES, unpriced.get().toPlainString() + " allocation series of "
          + namespace + " are on nodes OpenCost has no price for, so spend would read too low: check OpenCost's"
          + " node_*_hourly_cost metrics.", now.plus(interval));
    }
    Duration elapsed = Duration.between(monthStart, now);
    BigDecimal mtd = elapsed.toSeconds() < 1 ? BigDecimal.ZERO
        : prometheus.query(CostQueries.monthToDate(namespace, elapsed), now.minusSeconds(1)).orElse(BigDecimal.ZERO);
    BigDecimal hourly = prometheus.query(CostQueries.hourly(namespace), now).orElse(BigDecimal.ZERO);
    return CostReading.evaluated(mtd, hourly, now, kpis(project, now), now.plus(interval),
        coverage(elapsed, now));
  }

  /** The share of the month's hour marks (first of the month to the last before now) that have OpenCost data. */
  private BigDecimal coverage(Duration elapsed, Instant now) throws PrometheusException {
    long marks = (elapsed.toSeconds() + 3599) / 3600;
    if (marks == 0) {
      return BigDecimal.ONE;
    }
    BigDecimal covered = prometheus.query(CostQueries.coveredHours(elapsed), now.minusSeconds(1))
        .orElse(BigDecimal.ZERO);
    return covered.compareTo(BigDecimal.valueOf(marks)) >= 0 ? BigDecimal.ONE
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
        s.progressPercent = v.get().subtract(base).multiply(BigDecimal.valueOf(100))
            .divide(span, 0, RoundingMode.HALF_UP).intValue();
      }
      s.lastEvaluated = now.truncatedTo(ChronoUnit.SECONDS).toString();
    } catch (PrometheusException e) {
      s.message = e.getMessage();
    }
    return s;
  }
}
