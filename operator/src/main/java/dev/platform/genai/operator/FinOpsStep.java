package dev.platform.genai.operator;

import static dev.platform.genai.operator.ConditionTypes.BUDGET_AT_RISK;
import static dev.platform.genai.operator.ConditionTypes.COST_TRACKING_READY;
import static dev.platform.genai.operator.ConditionTypes.WITHIN_BUDGET;

import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.Kpi;
import dev.platform.genai.api.KpiStatus;
import dev.platform.genai.api.ProjectCondition;
import dev.platform.genai.cost.CostQueries;
import dev.platform.genai.cost.PrometheusApi;
import dev.platform.genai.cost.PrometheusException;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.ProjectModel.BudgetPlan;
import dev.platform.genai.values.Stage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * FinOps for one reconcile: budget at risk (the quota priced for a month), spend and KPIs from Prometheus on a
 * schedule (not on every reconcile), threshold notices once per month, enforcement at 100 % and pilot expiry.
 * Unknown spend is never read as zero: without fresh figures the last ones stand, with their time, and nothing
 * is enforced from figures of another month.
 */
final class FinOpsStep {
  static final Duration EXPIRY_NOTICE = Duration.ofDays(7);

  private final PrometheusApi prometheus;
  private final Duration interval;
  private final Clock clock;

  /** @param prometheus null when GENAI_PROMETHEUS_URL is unset */
  FinOpsStep(PrometheusApi prometheus, Duration interval, Clock clock) {
    this.prometheus = prometheus;
    this.interval = interval;
    this.clock = clock;
  }

  /** An Event to emit when the status that records it is written. */
  record Notice(String type, String reason, String message) {}

  /**
   * @param phase Throttled, Suspended or Expired when enforcement applies, else null
   * @param gpusOff set the GPU quota to zero
   * @param next reconcile again after this, or null
   */
  record Result(List<PartOutcome> parts, BudgetStatus budget, List<KpiStatus> kpis, boolean gpusOff, String phase,
      Duration next, List<Notice> notices) {}

  Result assess(GenAIProject project, ProjectModel model) {
    Instant now = clock.instant();
    BudgetPlan plan = model.budget();
    String month = YearMonth.from(now.atZone(ZoneOffset.UTC)).toString();
    BudgetStatus previous = project.getStatus() == null ? null : project.getStatus().budget;
    BudgetStatus b = new BudgetStatus();
    if (previous != null && month.equals(previous.month)) {
      b.monthToDate = previous.monthToDate;
      b.forecast = previous.forecast;
      b.lastEvaluated = previous.lastEvaluated;
      b.notifiedThresholds = new ArrayList<>(previous.notifiedThresholds);
    }
    b.expiryNoticeFor = previous == null ? null : previous.expiryNoticeFor;
    b.month = month;
    b.currency = plan.currency();
    b.monthlyLimit = BudgetPlan.money(plan.monthlyLimit());
    b.quotaMonthlyCost = BudgetPlan.money(plan.quotaMonthlyCost());
    List<PartOutcome> parts = new ArrayList<>();
    List<Notice> notices = new ArrayList<>();
    List<KpiStatus> kpis = project.getStatus() == null || project.getStatus().kpis == null ? null
        : project.getStatus().kpis;

    parts.add(plan.atRisk()
        ? new PartOutcome(BUDGET_AT_RISK, ConditionTypes.TRUE, "QuotaExceedsBudget", plan.atRiskMessage())
        : new PartOutcome(BUDGET_AT_RISK, ConditionTypes.FALSE, "QuotaWithinBudget", "The quota, priced for a"
            + " month, costs " + b.quotaMonthlyCost + " " + plan.currency() + " of the " + b.monthlyLimit
            + " limit."));

    Duration next = null;
    if (prometheus == null) {
      parts.add(PartOutcome.failed(COST_TRACKING_READY, "NotInstalled", "GENAI_PROMETHEUS_URL is unset, so spend"
          + " and KPIs are not tracked; the quota still caps what can run."));
    } else {
      Instant last = parse(b.lastEvaluated);
      boolean due = last == null || !now.isBefore(last.plus(interval));
      if (due) {
        try {
          evaluate(model, b, plan, now);
          kpis = kpis(project, now);
          parts.add(PartOutcome.ok(COST_TRACKING_READY, "Evaluated", "Spend evaluated from OpenCost metrics at "
              + b.lastEvaluated + "."));
        } catch (PrometheusException e) {
          parts.add(PartOutcome.failed(COST_TRACKING_READY, e.unreachable() ? "PrometheusUnavailable" : "QueryFailed",
              e.getMessage() + (b.lastEvaluated == null ? " No spend figures yet." : " The figures of "
                  + b.lastEvaluated + " are kept.")));
        }
        next = interval;
      } else {
        parts.add(previousPart(project, COST_TRACKING_READY));
        next = Duration.between(now, last.plus(interval));
      }
    }

    boolean gpusOff = false;
    String phase = null;
    if (b.monthToDate != null) {
      BigDecimal mtd = new BigDecimal(b.monthToDate);
      b.utilizationPercent = mtd.multiply(BigDecimal.valueOf(100))
          .divide(plan.monthlyLimit(), 0, RoundingMode.FLOOR).intValue();
      boolean exceeded = mtd.compareTo(plan.monthlyLimit()) >= 0;
      for (int t : plan.thresholds()) {
        if (b.utilizationPercent >= t && !b.notifiedThresholds.contains(t)) {
          b.notifiedThresholds.add(t);
          notices.add(new Notice(t >= 100 ? "Warning" : "Normal", t >= 100 ? "BudgetExceeded" : "BudgetThreshold",
              "Spend this month is " + b.monthToDate + " " + plan.currency() + ", " + b.utilizationPercent
                  + " % of the " + b.monthlyLimit + " limit (threshold " + t + " %)."));
        }
      }
      if (exceeded) {
        String action = switch (plan.onExceeded()) {
          case "Throttle" -> "GPU quota set to zero: no new GPU pods start; running ones keep running";
          case "Suspend" -> "GPU quota set to zero and model endpoints scaled to zero";
          default -> "onExceeded is Alert: nothing is stopped";
        };
        parts.add(PartOutcome.failed(WITHIN_BUDGET, "BudgetExceeded", "Spend this month (" + b.monthToDate + " "
            + plan.currency() + ") reached the limit of " + b.monthlyLimit + ": " + action
            + ". Lifted when the month rolls over or spec.budget.monthlyLimit is raised."));
        if (plan.onExceeded().equals("Throttle") || plan.onExceeded().equals("Suspend")) {
          gpusOff = true;
          phase = plan.onExceeded().equals("Throttle") ? "Throttled" : "Suspended";
        }
      } else {
        parts.add(PartOutcome.ok(WITHIN_BUDGET, "UnderLimit", "Spend this month is " + b.monthToDate + " "
            + plan.currency() + " (" + b.utilizationPercent + " % of the limit); forecast " + b.forecast + "."));
      }
    } else if (prometheus != null) {
      parts.add(new PartOutcome(WITHIN_BUDGET, ConditionTypes.UNKNOWN, "NoData",
          "No spend figures for this month yet."));
    }

    Instant expires = model.stage() == Stage.Pilot ? parse(project.getSpec().expiresAt) : null;
    if (expires != null) {
      if (!now.isBefore(expires)) {
        gpusOff = true;
        phase = "Expired";
      } else {
        Duration left = Duration.between(now, expires);
        if (left.compareTo(EXPIRY_NOTICE) <= 0 && !project.getSpec().expiresAt.equals(b.expiryNoticeFor)) {
          b.expiryNoticeFor = project.getSpec().expiresAt;
          notices.add(new Notice("Warning", "PilotExpiresSoon", "The pilot expires at " + project.getSpec().expiresAt
              + ": then its GPU quota and model endpoints go to zero. Extend spec.expiresAt or promote it to"
              + " Production."));
        }
        Duration until = left.compareTo(EXPIRY_NOTICE) > 0 ? left.minus(EXPIRY_NOTICE) : left;
        next = next == null || until.compareTo(next) < 0 ? until.plusSeconds(1) : next;
      }
    }
    return new Result(parts, b, kpis, gpusOff, phase, next, notices);
  }

  private void evaluate(ProjectModel model, BudgetStatus b, BudgetPlan plan, Instant now) throws PrometheusException {
    Instant monthStart = YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    long hours = Math.max(1, Duration.between(monthStart, now).toHours());
    if (prometheus.query("count(node_cpu_hourly_cost)", now).isEmpty()) {
      throw new PrometheusException(false, "Prometheus has no OpenCost metrics (node_cpu_hourly_cost): is OpenCost"
          + " installed and scraped?", null);
    }
    BigDecimal mtd = prometheus.query(CostQueries.monthToDate(model.namespace(), hours), now).orElse(BigDecimal.ZERO);
    BigDecimal hourly = prometheus.query(CostQueries.hourly(model.namespace()), now).orElse(BigDecimal.ZERO);
    Instant monthEnd = YearMonth.from(now.atZone(ZoneOffset.UTC)).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC)
        .toInstant();
    BigDecimal remaining = BigDecimal.valueOf(Duration.between(now, monthEnd).toMinutes())
        .divide(BigDecimal.valueOf(60), 4, RoundingMode.HALF_UP);
    b.monthToDate = BudgetPlan.money(mtd);
    b.forecast = BudgetPlan.money(mtd.add(hourly.multiply(remaining)));
    b.lastEvaluated = now.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private List<KpiStatus> kpis(GenAIProject project, Instant now) {
    List<KpiStatus> out = new ArrayList<>();
    for (Kpi k : project.getSpec().kpis == null ? List.<Kpi>of() : project.getSpec().kpis) {
      if (k.query == null || k.query.isBlank()) {
        continue;
      }
      KpiStatus s = new KpiStatus();
      s.name = k.name;
      s.target = k.target;
      try {
        Optional<BigDecimal> v = prometheus.query(k.query, now);
        if (v.isPresent()) {
          s.value = v.get().stripTrailingZeros().toPlainString();
          BigDecimal base = new BigDecimal(k.baseline);
          BigDecimal span = new BigDecimal(k.target).subtract(base);
          if (span.signum() != 0) {
            s.progressPercent = v.get().subtract(base).multiply(BigDecimal.valueOf(100))
                .divide(span, 0, RoundingMode.HALF_UP).intValue();
          }
          s.lastEvaluated = now.truncatedTo(ChronoUnit.SECONDS).toString();
        } else {
          s.message = "The query returned no data.";
        }
      } catch (PrometheusException e) {
        s.message = e.getMessage();
      }
      out.add(s);
    }
    return out.isEmpty() ? null : out;
  }

  private static PartOutcome previousPart(GenAIProject p, String type) {
    if (p.getStatus() != null) {
      for (ProjectCondition c : p.getStatus().conditions) {
        if (type.equals(c.type)) {
          return new PartOutcome(type, c.status, c.reason, c.message);
        }
      }
    }
    return new PartOutcome(type, ConditionTypes.UNKNOWN, "Pending", "Not evaluated yet.");
  }

  private static Instant parse(String t) {
    try {
      return t == null ? null : Instant.parse(t);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
