package dev.platform.genai.plan.finops;

import static dev.platform.genai.vocabulary.ConditionType.BudgetAtRisk;
import static dev.platform.genai.vocabulary.ConditionType.CostTrackingReady;
import static dev.platform.genai.vocabulary.ConditionType.WithinBudget;

import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.Copies;
import dev.platform.genai.api.EndpointStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.Kpi;
import dev.platform.genai.api.KpiStatus;
import dev.platform.genai.api.MonthKpi;
import dev.platform.genai.api.MonthSpend;
import dev.platform.genai.api.ProjectCondition;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.ProjectModel.BudgetPlan;
import dev.platform.genai.plan.Notice;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.values.Stage;
import dev.platform.genai.vocabulary.ConditionStatus;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Phase;
import dev.platform.genai.vocabulary.Reason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * FinOps decisions for one reconcile, from the budget as the status shows it (with the project's
 * GenAIProjectRecord merged in: ProjectRecords) and what was read from Prometheus: budget at risk
 * (the quota priced for a month), spend against the limit, threshold notices once a month,
 * enforcement at 100 % and pilot expiry. Pure. Unknown spend is never read as zero: without fresh
 * figures the last ones stand, with their time, and nothing is enforced from figures of another
 * month.
 *
 * @param parts the FinOps conditions
 * @param budget {@code status.budget}
 * @param kpis {@code status.kpis}
 * @param enforcement what the budget or the expiry stops
 * @param next when to look again (an evaluation due, an expiry notice), or null
 * @param notices Events to emit with the status
 * @param endpointFigures tokens, spend and cost per 1M tokens by endpoint name (only those three
 *     fields set)
 */
public record BudgetDecision(
    List<PartOutcome> parts,
    BudgetStatus budget,
    List<KpiStatus> kpis,
    Enforcement enforcement,
    Duration next,
    List<Notice> notices,
    Map<String, EndpointStatus> endpointFigures) {
  static final Duration EXPIRY_NOTICE = Duration.ofDays(7);

  /**
   * What stops: the GPU quota goes to zero for all but NONE; SUSPENDED and EXPIRED also scale
   * endpoints to 0.
   */
  public enum Enforcement {
    NONE(null),
    THROTTLED(Phase.Throttled),
    SUSPENDED(Phase.Suspended),
    EXPIRED(Phase.Expired);

    private final Phase phase;

    Enforcement(Phase phase) {
      this.phase = phase;
    }

    public Phase phase() {
      return phase;
    }

    public boolean gpusOff() {
      return this != NONE;
    }

    public boolean endpointsOff() {
      return this == SUSPENDED || this == EXPIRED;
    }
  }

  /** How many full months {@code status.budget.history} keeps. */
  static final int HISTORY_MONTHS = 12;

  /**
   * @param pilotExpiresAt when a Pilot's environment ends (null for Production)
   * @param sharing the other projects calling the same managed providers from this Google project
   * @param sharingDescribed the same in words, with the models each calls
   */
  public static BudgetDecision of(
      GenAIProject project,
      ProjectModel model,
      CostReading reading,
      Instant now,
      String pilotExpiresAt,
      List<String> sharing,
      String sharingDescribed) {
    BudgetPlan plan = model.budget();
    BudgetStatus b = carried(project, plan, now);
    List<PartOutcome> parts = new ArrayList<>();
    List<Notice> notices = new ArrayList<>();
    List<KpiStatus> kpis = project.getStatus() == null ? null : project.getStatus().kpis;
    parts.add(atRisk(plan, b));
    BudgetStatus before = project.getStatus() == null ? null : project.getStatus().budget;
    if (before != null
        && before.month != null
        && !before.month.equals(b.month)
        && before.monthToDate != null
        && !b.history
            .isEmpty()) { // the month rolled over at this reconcile: the sponsor's summary, once
      notices.add(
          Notice.normal(
              Reason.MonthlySummary, sponsorSummary(b.history.get(b.history.size() - 1))));
    }
    Duration next = null;
    switch (reading.state()) {
      case OFF -> {
        parts.add(
            PartOutcome.failed(
                CostTrackingReady,
                Reason.NotInstalled,
                "GENAI_PROMETHEUS_URL is unset,"
                    + " so in-cluster spend and KPIs are not tracked; the quota still caps what can run."
                    + (reading.managed() == null
                        ? ""
                        : " Managed-model spend is read on its own (ManagedSpendTracked).")));
        if (reading.managed() != null) {
          SpendSplit.record(b, reading, true, sharing, hoursLeft(now));
        }
      }
      case NOT_DUE, PENDING -> parts.add(previousPart(project, CostTrackingReady));
      case EVALUATED -> {
        b.lastEvaluated = reading.at().truncatedTo(ChronoUnit.SECONDS).toString();
        SpendSplit.record(
            b, reading, !model.endpoints().managed().isEmpty(), sharing, hoursLeft(now));
        kpis = withEvidence(reading.kpis(), kpis, reading.at());
        Duration elapsed = Duration.between(monthStart(now), now);
        Duration retention = reading.retention();
        String kept =
            retention == null
                ? ""
                : " Prometheus keeps "
                    + days(retention)
                    + " of data"
                    + " (--storage.tsdb.retention.time)";
        if (reading.coverage() != null && reading.coverage().compareTo(BigDecimal.ONE) < 0) {
          parts.add(
              PartOutcome.failed(
                  CostTrackingReady,
                  Reason.PartialData,
                  "Spend evaluated at "
                      + b.lastEvaluated
                      + " from OpenCost data covering "
                      + reading.coverage().movePointRight(2).setScale(0, RoundingMode.FLOOR)
                      + " % of this month's hours ("
                      + (retention != null && retention.compareTo(elapsed) < 0
                          ? "the month so far is "
                              + days(elapsed)
                              + "; "
                              + kept.trim()
                              + ": raise it to at least 32d"
                          : "gaps in the data")
                      + "): the figures are kept, and read low."));
        } else {
          parts.add(
              PartOutcome.ok(
                  CostTrackingReady,
                  Reason.Evaluated,
                  "Spend evaluated from OpenCost metrics"
                      + " at "
                      + b.lastEvaluated
                      + "."
                      + (retention != null && retention.compareTo(MONTH) < 0
                          ? kept
                              + ": from day "
                              + (retention.toDays() + 1)
                              + " of a month the figures will miss its first days;"
                              + " raise it to at least 32d."
                          : "")));
        }
      }
      case FAILED -> {
        parts.add(
            PartOutcome.failed(
                CostTrackingReady,
                reading.reason(),
                reading.message()
                    + (b.lastEvaluated == null
                        ? " No in-cluster spend figures yet."
                        : " The in-cluster figures of " + b.lastEvaluated + " are kept.")));
        if (reading.managed()
            != null) { // read on its own: counted although in-cluster spend is not
          SpendSplit.record(b, reading, true, sharing, hoursLeft(now));
        }
      }
    }
    if (reading.nextDue() != null) {
      next = Duration.between(now, reading.nextDue());
    }
    if (!model.endpoints().managed().isEmpty()
        && (reading.state() != CostReading.State.OFF || reading.managed() != null)) {
      parts.add(SpendSplit.managedPart(project, model, reading, b, sharing, sharingDescribed));
    }
    Map<String, EndpointStatus> figures = SpendSplit.endpointFigures(project, reading);
    Enforcement enforcement = spend(plan, b, reading, parts, notices);
    kpis = withCostPerUnit(kpis, project, b, plan.currency());
    Instant expires = model.stage() == Stage.Pilot ? parse(pilotExpiresAt) : null;
    if (expires != null) {
      if (!now.isBefore(expires)) {
        enforcement = Enforcement.EXPIRED;
        if (project.getStatus() == null || !Phase.Expired.is(project.getStatus().phase)) {
          notices.add(
              Notice.warning(
                  Reason.PilotExpired,
                  "The pilot expired at "
                      + pilotExpiresAt
                      + ": GPU quota set to zero and model endpoints scaled to zero. Extend spec.expiresAt or promote it to"
                      + " Production."));
        }
      } else {
        Duration left = Duration.between(now, expires);
        if (left.compareTo(EXPIRY_NOTICE) <= 0 && !pilotExpiresAt.equals(b.expiryNoticeFor)) {
          b.expiryNoticeFor = pilotExpiresAt;
          notices.add(
              Notice.warning(
                  Reason.PilotExpiresSoon,
                  "The pilot expires at "
                      + pilotExpiresAt
                      + ": then its GPU quota and model endpoints go to zero. Extend spec.expiresAt or promote it to"
                      + " Production."));
        }
        Duration until = left.compareTo(EXPIRY_NOTICE) > 0 ? left.minus(EXPIRY_NOTICE) : left;
        next = next == null || until.compareTo(next) < 0 ? until.plusSeconds(1) : next;
      }
    }
    return new BudgetDecision(parts, b, kpis, enforcement, next, notices, figures);
  }

  /**
   * The longest month, plus the day a retention needs to still hold the first of the month at its
   * end.
   */
  static final Duration MONTH = Duration.ofDays(32);

  private static Instant monthStart(Instant now) {
    return YearMonth.from(now.atZone(ZoneOffset.UTC))
        .atDay(1)
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant();
  }

  private static String days(Duration d) {
    return d.toHours() % 24 == 0 ? d.toDays() + "d" : d.toDays() + "d" + (d.toHours() % 24) + "h";
  }

  /**
   * The record of this month carried over from status (a new month starts empty), with the plan's
   * figures.
   */
  /**
   * What a month's record does not carry from the previous status: the plan's figures, the month,
   * the utilisation (computed again), the history and the expiry notice (carried across months,
   * below). Every other field is carried within the month, so one added later is never dropped.
   */
  private static final Set<String> NOT_CARRIED =
      Set.of(
          "currency",
          "monthlyLimit",
          "quotaMonthlyCost",
          "month",
          "utilizationPercent",
          "history",
          "expiryNoticeFor");

  private static BudgetStatus carried(GenAIProject project, BudgetPlan plan, Instant now) {
    String month = month(now);
    BudgetStatus previous = project.getStatus() == null ? null : project.getStatus().budget;
    BudgetStatus b =
        previous != null && month.equals(previous.month)
            ? Copies.carried(Copies.deep(previous), BudgetStatus::new, NOT_CARRIED)
            : new BudgetStatus();
    if (previous != null) {
      b.history = new ArrayList<>(previous.history);
      if (!month.equals(previous.month) && previous.month != null && previous.monthToDate != null) {
        // the month rolled over: its last evaluated spend, with the limit in force then, joins the
        // history
        b.history.add(summary(previous, project.getStatus().kpis));
      }
      if (b.history.size() > HISTORY_MONTHS) {
        b.history =
            new ArrayList<>(b.history.subList(b.history.size() - HISTORY_MONTHS, b.history.size()));
      }
    }
    b.expiryNoticeFor = previous == null ? null : previous.expiryNoticeFor;
    b.month = month;
    b.currency = plan.currency();
    b.monthlyLimit = BudgetPlan.money(plan.monthlyLimit());
    b.quotaMonthlyCost = BudgetPlan.money(plan.quotaMonthlyCost());
    return b;
  }

  /**
   * The month just ended, as its last evaluation left it: spend and its split, the limit, and what
   * the KPIs gained.
   */
  private static MonthSpend summary(BudgetStatus ended, List<KpiStatus> kpis) {
    MonthSpend m = Copies.projected(MonthSpend::new, Set.of("spent", "limit", "kpis"), ended);
    m.spent = ended.monthToDate;
    m.limit = ended.monthlyLimit;
    if (kpis != null && !kpis.isEmpty()) {
      m.kpis = new ArrayList<>();
      for (KpiStatus k : kpis) {
        m.kpis.add(Copies.projected(MonthKpi::new, Set.of(), k));
      }
    }
    return m;
  }

  /**
   * The sponsor's summary of a month that ended, as an Event at rollover (and in
   * status.budget.history): spend against the cap and its split, and what each KPI gained and cost
   * per unit — {@code kubectl describe gp} tells the month's story without a dashboard.
   */
  static String sponsorSummary(MonthSpend m) {
    BigDecimal spent = new BigDecimal(m.spent);
    BigDecimal limit = new BigDecimal(m.limit);
    String currency = m.currency == null ? "" : " " + m.currency;
    StringBuilder s =
        new StringBuilder(
            m.month
                + ": spent "
                + m.spent
                + currency
                + " of the "
                + m.limit
                + " cap ("
                + (limit.signum() == 0
                    ? "-"
                    : spent.multiply(BigDecimal.valueOf(100)).divide(limit, 0, RoundingMode.FLOOR))
                + " %)");
    if (m.inCluster != null || m.managed != null) {
      s.append("; in-cluster ")
          .append(m.inCluster == null ? "unknown" : m.inCluster)
          .append(", managed models ")
          .append(m.managed == null ? "none" : m.managed);
    }
    s.append(".");
    if (m.idleGpuHours != null) {
      s.append(" Idle reclaim handed back ")
          .append(m.idleGpuHours)
          .append(" GPU-hours (")
          .append(m.idleSaved)
          .append(currency)
          .append(" at the policy's GPU price).");
    }
    if (m.kpis != null) {
      for (MonthKpi k : m.kpis) {
        s.append(" KPI ")
            .append(k.name)
            .append(": ")
            .append(k.value == null ? "not measured" : k.value);
        if (k.gain != null) {
          s.append(", gain ").append(k.gain);
        }
        if (k.costPerUnit != null) {
          s.append(", ").append(k.costPerUnit).append(" ").append(k.costPerUnitOf);
        }
        s.append(".");
      }
    }
    return s.toString();
  }

  /**
   * The KPI values just read, each with the digest of its query and since when that query has
   * measured it: an unchanged query keeps its start, an edited one starts again (the promotion gate
   * counts only the former).
   */
  private static List<KpiStatus> withEvidence(
      List<KpiStatus> read, List<KpiStatus> before, Instant at) {
    if (read == null) {
      return null;
    }
    for (KpiStatus k : read) {
      KpiStatus was =
          before == null
              ? null
              : before.stream().filter(p -> k.name.equals(p.name)).findFirst().orElse(null);
      k.measuredSince =
          was != null
                  && k.queryDigest != null
                  && k.queryDigest.equals(was.queryDigest)
                  && was.measuredSince != null
              ? was.measuredSince
              : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
    return read;
  }

  /**
   * Each measured KPI with its cost per unit of gain: spend this month over the gain from the
   * baseline towards the target (lower is better when the target is below the baseline). Copies:
   * the previous status is not touched.
   */
  private static List<KpiStatus> withCostPerUnit(
      List<KpiStatus> kpis, GenAIProject project, BudgetStatus b, String currency) {
    if (kpis == null) {
      return null;
    }
    List<KpiStatus> out = new ArrayList<>();
    for (KpiStatus k : kpis) {
      KpiStatus c = dev.platform.genai.api.Copies.deep(k);
      Kpi spec =
          project.getSpec().kpis == null
              ? null
              : project.getSpec().kpis.stream()
                  .filter(s -> s.name.equals(k.name))
                  .findFirst()
                  .orElse(null);
      c.gain = null;
      c.costPerUnit = null;
      c.costPerUnitOf = null;
      if (spec != null && k.value != null && b.monthToDate != null) {
        BigDecimal baseline = new BigDecimal(spec.baseline);
        boolean lowerIsBetter = new BigDecimal(spec.target).compareTo(baseline) < 0;
        BigDecimal value = new BigDecimal(k.value);
        BigDecimal gain = lowerIsBetter ? baseline.subtract(value) : value.subtract(baseline);
        c.gain = gain.stripTrailingZeros().toPlainString();
        c.costPerUnitOf =
            currency
                + " per "
                + spec.unit
                + " gained ("
                + (lowerIsBetter ? "lower" : "higher")
                + " is better)";
        if (gain.signum() > 0) {
          c.costPerUnit =
              BudgetPlan.money(new BigDecimal(b.monthToDate).divide(gain, 4, RoundingMode.HALF_UP));
        }
      }
      out.add(c);
    }
    return out;
  }

  /** When the budget record says the last evaluation was, this month; null when none was. */
  public static Instant lastEvaluated(GenAIProject project, Instant now) {
    return thisMonth(project, now, b -> b.lastEvaluated);
  }

  /** When the managed-model figure was last read, this month; null when it was not. */
  public static Instant managedEvaluated(GenAIProject project, Instant now) {
    return thisMonth(project, now, b -> b.managedEvaluated);
  }

  /**
   * A time the month's budget keeps (status, record merged in), when it is this month's; else null.
   */
  private static Instant thisMonth(
      GenAIProject project, Instant now, java.util.function.Function<BudgetStatus, String> field) {
    BudgetStatus previous = project.getStatus() == null ? null : project.getStatus().budget;
    return previous != null && month(now).equals(previous.month)
        ? parse(field.apply(previous))
        : null;
  }

  private static PartOutcome atRisk(BudgetPlan plan, BudgetStatus b) {
    return plan.atRisk()
        ? new PartOutcome(
            BudgetAtRisk, ConditionStatus.True, Reason.QuotaExceedsBudget, plan.atRiskMessage())
        : new PartOutcome(
            BudgetAtRisk,
            ConditionStatus.False,
            Reason.QuotaWithinBudget,
            "The quota, priced for a"
                + " month, costs "
                + b.quotaMonthlyCost
                + " "
                + plan.currency()
                + " of the "
                + b.monthlyLimit
                + " limit.");
  }

  /** Spend against the limit: WithinBudget, threshold notices, and what the budget stops. */
  private static Enforcement spend(
      BudgetPlan plan,
      BudgetStatus b,
      CostReading reading,
      List<PartOutcome> parts,
      List<Notice> notices) {
    if (b.monthToDate == null) {
      if (reading.state() != CostReading.State.OFF) {
        parts.add(
            new PartOutcome(
                WithinBudget,
                ConditionStatus.Unknown,
                Reason.NoData,
                "No spend figures for this month yet."));
      }
      return Enforcement.NONE;
    }
    BigDecimal mtd = new BigDecimal(b.monthToDate);
    b.utilizationPercent =
        mtd.multiply(BigDecimal.valueOf(100))
            .divide(plan.monthlyLimit(), 0, RoundingMode.FLOOR)
            .intValue();
    for (int t : plan.thresholds()) {
      if (b.utilizationPercent >= t && !b.notifiedThresholds.contains(t)) {
        b.notifiedThresholds.add(t);
        notices.add(
            new Notice(
                t >= 100 ? "Warning" : "Normal",
                t >= 100 ? Reason.BudgetExceeded : Reason.BudgetThreshold,
                "Spend this month is "
                    + b.monthToDate
                    + " "
                    + plan.currency()
                    + ", "
                    + b.utilizationPercent
                    + " % of the "
                    + b.monthlyLimit
                    + " limit (threshold "
                    + t
                    + " %)."));
      }
    }
    if (b.forecast != null
        && new BigDecimal(b.forecast).compareTo(plan.monthlyLimit()) > 0
        && mtd.compareTo(plan.monthlyLimit()) < 0
        && !Boolean.TRUE.equals(b.forecastNotified)) {
      b.forecastNotified = true; // once a month
      notices.add(
          Notice.warning(
              Reason.BudgetForecastExceeded,
              "Spend this month is forecast at "
                  + b.forecast
                  + " "
                  + plan.currency()
                  + ", above the "
                  + b.monthlyLimit
                  + " limit ("
                  + b.monthToDate
                  + " so far): at 100 %"
                  + " onExceeded is "
                  + plan.onExceeded()
                  + ". Lower usage, or raise spec.budget.monthlyLimit."));
    }
    if (mtd.compareTo(plan.monthlyLimit()) < 0) {
      parts.add(
          PartOutcome.ok(
              WithinBudget,
              Reason.UnderLimit,
              "Spend this month is "
                  + b.monthToDate
                  + " "
                  + plan.currency()
                  + " ("
                  + b.utilizationPercent
                  + " % of the limit); forecast "
                  + b.forecast
                  + "."
                  + (b.incomplete == null ? "" : " Not all of it is known: " + b.incomplete)));
      return Enforcement.NONE;
    }
    String action =
        switch (plan.onExceeded()) {
          case Throttle ->
              "GPU quota set to zero: no new GPU pods start; running ones keep running";
          case Suspend -> "GPU quota set to zero and model endpoints scaled to zero";
          case Alert -> "onExceeded is Alert: nothing is stopped";
        };
    parts.add(
        PartOutcome.failed(
            WithinBudget,
            Reason.BudgetExceeded,
            "Spend this month ("
                + b.monthToDate
                + " "
                + plan.currency()
                + ") reached the limit of "
                + b.monthlyLimit
                + ": "
                + action
                + ". Lifted when the month rolls over or spec.budget.monthlyLimit is raised."
                + (b.incomplete == null
                    ? ""
                    : " Not all of spend is known ("
                        + b.incomplete
                        + "): the real figure is"
                        + " higher still.")));
    return switch (plan.onExceeded()) {
      case Throttle -> Enforcement.THROTTLED;
      case Suspend -> Enforcement.SUSPENDED;
      case Alert -> Enforcement.NONE;
    };
  }

  private static BigDecimal hoursLeft(Instant now) {
    Instant monthEnd =
        YearMonth.from(now.atZone(ZoneOffset.UTC))
            .plusMonths(1)
            .atDay(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    return BigDecimal.valueOf(Duration.between(now, monthEnd).toMinutes())
        .divide(BigDecimal.valueOf(60), 4, RoundingMode.HALF_UP);
  }

  private static String month(Instant now) {
    return YearMonth.from(now.atZone(ZoneOffset.UTC)).toString();
  }

  static PartOutcome previousPart(GenAIProject p, ConditionType type) {
    if (p.getStatus() != null) {
      for (ProjectCondition c : p.getStatus().conditions) {
        if (type.is(c.type)) {
          Optional<PartOutcome> stored = PartOutcome.stored(type, c);
          if (stored.isPresent()) {
            return stored.get();
          }
        }
      }
    }
    return new PartOutcome(type, ConditionStatus.Unknown, Reason.Pending, "Not evaluated yet.");
  }

  public static Instant parse(String t) {
    try {
      return t == null ? null : Instant.parse(t);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
