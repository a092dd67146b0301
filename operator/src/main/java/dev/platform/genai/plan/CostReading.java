package dev.platform.genai.plan;

import dev.platform.genai.api.KpiStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Spend and KPIs as read from Prometheus for one reconcile (the observe step reads it only when an evaluation is
 * due). Unknown is never zero: a failed or skipped reading carries no figures, and the last ones stand.
 *
 * @param state what happened
 * @param monthToDate spend this month, when evaluated
 * @param hourly the current hourly rate, when evaluated
 * @param at when it was evaluated
 * @param kpis the KPI values, when evaluated
 * @param reason why it failed (a {@link Reasons} value), when failed
 * @param message what failed, when failed
 * @param nextDue when the next evaluation is due, when not off
 * @param coverage the share of the month's hour marks with OpenCost data (1 when whole), when evaluated
 */
public record CostReading(State state, BigDecimal monthToDate, BigDecimal hourly, Instant at, List<KpiStatus> kpis,
    String reason, String message, Instant nextDue, BigDecimal coverage) {

  public enum State {
    /** GENAI_PROMETHEUS_URL is unset. */
    OFF,
    /** Evaluated recently: the figures in status stand. */
    NOT_DUE,
    EVALUATED,
    FAILED
  }

  public static final CostReading OFF = new CostReading(State.OFF, null, null, null, null, null, null, null, null);

  public static CostReading notDue(Instant nextDue) {
    return new CostReading(State.NOT_DUE, null, null, null, null, null, null, nextDue, null);
  }

  public static CostReading evaluated(BigDecimal monthToDate, BigDecimal hourly, Instant at, List<KpiStatus> kpis,
      Instant nextDue) {
    return evaluated(monthToDate, hourly, at, kpis, nextDue, BigDecimal.ONE);
  }

  public static CostReading evaluated(BigDecimal monthToDate, BigDecimal hourly, Instant at, List<KpiStatus> kpis,
      Instant nextDue, BigDecimal coverage) {
    return new CostReading(State.EVALUATED, monthToDate, hourly, at, kpis, null, null, nextDue, coverage);
  }

  public static CostReading failed(String reason, String message, Instant nextDue) {
    return new CostReading(State.FAILED, null, null, null, null, reason, message, nextDue, null);
  }
}
