package dev.platform.genai.plan.finops;

import dev.platform.genai.api.KpiStatus;
import dev.platform.genai.plan.gpu.GpuActivity;
import dev.platform.genai.vocabulary.Reason;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Spend and KPIs as read from Prometheus for one reconcile (evaluated on the cost scheduler when
 * due). Unknown is never zero: a failed, pending or skipped reading carries no figures, and the
 * last ones stand.
 *
 * @param state what happened
 * @param monthToDate in-cluster spend this month (OpenCost), when evaluated
 * @param hourly the current in-cluster hourly rate, when evaluated
 * @param at when it was evaluated
 * @param kpis the KPI values, when evaluated
 * @param reason why it failed (a {@link Reason} value), when failed
 * @param message what failed, when failed
 * @param nextDue when the next evaluation is due, when not off
 * @param coverage the share of the month's hour marks with OpenCost data (1 when whole), when
 *     evaluated
 * @param retention how long Prometheus keeps samples (its flags API), when it says
 * @param managed managed-model spend of the project's Google project, when it has managed endpoints
 * @param endpoints tokens served and in-cluster spend per self-hosted endpoint, when evaluated
 */
public record CostReading(
    State state,
    BigDecimal monthToDate,
    BigDecimal hourly,
    Instant at,
    List<KpiStatus> kpis,
    Reason reason,
    String message,
    Instant nextDue,
    BigDecimal coverage,
    Duration retention,
    ManagedReading managed,
    List<EndpointUsage> endpoints,
    GpuActivity activity) {

  /** A reading without GPU signals (idle reclaim off, or not due). */
  public CostReading(
      State state,
      BigDecimal monthToDate,
      BigDecimal hourly,
      Instant at,
      List<KpiStatus> kpis,
      Reason reason,
      String message,
      Instant nextDue,
      BigDecimal coverage,
      Duration retention,
      ManagedReading managed,
      List<EndpointUsage> endpoints) {
    this(
        state,
        monthToDate,
        hourly,
        at,
        kpis,
        reason,
        message,
        nextDue,
        coverage,
        retention,
        managed,
        endpoints,
        null);
  }

  /** The same reading with the GPU signals of the namespace's pods (idle reclaim). */
  public CostReading withActivity(GpuActivity a) {
    return new CostReading(
        state,
        monthToDate,
        hourly,
        at,
        kpis,
        reason,
        message,
        nextDue,
        coverage,
        retention,
        managed,
        endpoints,
        a);
  }

  public enum State {
    /** GENAI_PROMETHEUS_URL is unset. */
    OFF,
    /** Evaluated recently: the figures in status stand. */
    NOT_DUE,
    /** Being evaluated on the cost scheduler: the figures in status stand until it reports. */
    PENDING,
    EVALUATED,
    FAILED
  }

  public static final CostReading OFF =
      new CostReading(State.OFF, null, null, null, null, null, null, null, null, null, null, null);

  /**
   * In-cluster spend not tracked (GENAI_PROMETHEUS_URL unset) while managed-model spend is read on
   * its own (see {@link #withManaged}), due again at {@code nextDue}.
   */
  public static CostReading off(Instant nextDue) {
    return new CostReading(
        State.OFF, null, null, null, null, null, null, nextDue, null, null, null, null);
  }

  public static CostReading notDue(Instant nextDue) {
    return new CostReading(
        State.NOT_DUE, null, null, null, null, null, null, nextDue, null, null, null, null);
  }

  public static CostReading pending(Instant nextDue) {
    return new CostReading(
        State.PENDING, null, null, null, null, null, null, nextDue, null, null, null, null);
  }

  public static CostReading evaluated(
      BigDecimal monthToDate,
      BigDecimal hourly,
      Instant at,
      List<KpiStatus> kpis,
      Instant nextDue) {
    return evaluated(monthToDate, hourly, at, kpis, nextDue, BigDecimal.ONE);
  }

  public static CostReading evaluated(
      BigDecimal monthToDate,
      BigDecimal hourly,
      Instant at,
      List<KpiStatus> kpis,
      Instant nextDue,
      BigDecimal coverage) {
    return new CostReading(
        State.EVALUATED,
        monthToDate,
        hourly,
        at,
        kpis,
        null,
        null,
        nextDue,
        coverage,
        null,
        null,
        null);
  }

  public static CostReading failed(Reason reason, String message, Instant nextDue) {
    return new CostReading(
        State.FAILED, null, null, null, null, reason, message, nextDue, null, null, null, null);
  }

  /** The same reading, due again at another time (a failed evaluation retried sooner). */
  public CostReading withNextDue(Instant next) {
    return new CostReading(
        state,
        monthToDate,
        hourly,
        at,
        kpis,
        reason,
        message,
        next,
        coverage,
        retention,
        managed,
        endpoints,
        activity);
  }

  public CostReading withRetention(Duration r) {
    return new CostReading(
        state,
        monthToDate,
        hourly,
        at,
        kpis,
        reason,
        message,
        nextDue,
        coverage,
        r,
        managed,
        endpoints,
        activity);
  }

  public CostReading withManaged(ManagedReading m) {
    return new CostReading(
        state,
        monthToDate,
        hourly,
        at,
        kpis,
        reason,
        message,
        nextDue,
        coverage,
        retention,
        m,
        endpoints,
        activity);
  }

  public CostReading withEndpoints(List<EndpointUsage> e) {
    return new CostReading(
        state,
        monthToDate,
        hourly,
        at,
        kpis,
        reason,
        message,
        nextDue,
        coverage,
        retention,
        managed,
        e == null ? null : List.copyOf(e),
        activity);
  }

  /**
   * Tokens served by one self-hosted endpoint this month (vLLM's counters) and what its pods cost
   * (OpenCost).
   *
   * @param tokens prompt plus generated tokens this month, or null when its server exports no token
   *     counters
   */
  public record EndpointUsage(String endpoint, BigDecimal tokens, BigDecimal spend) {}

  /**
   * Managed-model spend: tokens per model, priced by policy, read either from Cloud Monitoring
   * (GENAI_MANAGED_METRICS_URL; the Google project is all it carries, never the caller: whether it
   * is this project's alone is the plan's to decide) or, behind Envoy AI Gateway, from the
   * gateway's own token metrics, which carry the caller: this project's own calls, whoever else
   * uses the Google project. Behind the gateway, Cloud Monitoring's figure for the same models is
   * read as well, as the check ({@code check}).
   *
   * <p>Read on its own: whether in-cluster spend could be read (Prometheus unset or down, OpenCost
   * absent, nodes unpriced) does not stop it (a black-box run found it never read then, and token
   * spend never enforced).
   *
   * @param models per managed endpoint, when evaluated
   * @param at when it was read, when evaluated
   * @param source where the figure comes from
   * @param check behind the gateway: Cloud Monitoring's figure this month for the Google project's
   *     same models, when it could be read (else null, and {@code checkNote} says why)
   * @param checked behind the gateway: the gateway's own figure for the models the check covers
   *     (the endpoints' own models, not their throttle fallbacks), what the check is compared with
   * @param checkNote why there is no check, when there is none behind the gateway
   * @param beforeReset behind the gateway, in the month Envoy's Year window restarts, once it has:
   *     the spend at the gateway this month before the restart (what the restarted bucket no longer
   *     counts); else null
   */
  public record ManagedReading(
      ManagedState state,
      BigDecimal monthToDate,
      BigDecimal hourly,
      List<ModelTokens> models,
      Reason reason,
      String message,
      Instant at,
      Source source,
      BigDecimal check,
      BigDecimal checked,
      String checkNote,
      BigDecimal beforeReset) {
    public static ManagedReading notConfigured() {
      return new ManagedReading(
          ManagedState.NOT_CONFIGURED,
          null,
          null,
          List.of(),
          Reason.NotInstalled,
          "GENAI_MANAGED_METRICS_URL is unset, so the managed models' token spend is not counted against the cap.",
          null,
          Source.CLOUD_MONITORING,
          null,
          null,
          null,
          null);
    }

    public static ManagedReading failed(Reason reason, String message) {
      return failed(Source.CLOUD_MONITORING, reason, message);
    }

    public static ManagedReading failed(Source source, Reason reason, String message) {
      return new ManagedReading(
          ManagedState.FAILED,
          null,
          null,
          List.of(),
          reason,
          message,
          null,
          source,
          null,
          null,
          null,
          null);
    }

    public static ManagedReading evaluated(
        BigDecimal monthToDate, BigDecimal hourly, List<ModelTokens> models, Instant at) {
      return new ManagedReading(
          ManagedState.EVALUATED,
          monthToDate,
          hourly,
          models,
          null,
          null,
          at,
          Source.CLOUD_MONITORING,
          null,
          null,
          null,
          null);
    }

    /**
     * Read at the gateway: the caller's own tokens.
     *
     * @param checked its figure for the endpoints' own models (what Cloud Monitoring's check is
     *     compared with)
     * @param note what the figure rests on, when worth saying (e.g. no series from the gateway
     *     yet), or null
     */
    public static ManagedReading atGateway(
        BigDecimal monthToDate,
        BigDecimal hourly,
        List<ModelTokens> models,
        Instant at,
        BigDecimal checked,
        BigDecimal beforeReset,
        String note) {
      return new ManagedReading(
          ManagedState.EVALUATED,
          monthToDate,
          hourly,
          models,
          null,
          note,
          at,
          Source.GATEWAY,
          null,
          checked,
          null,
          beforeReset);
    }

    /**
     * The same reading with Cloud Monitoring's figure as its check, or the reason there is none.
     */
    public ManagedReading withCheck(BigDecimal checkFigure, String note) {
      return new ManagedReading(
          state,
          monthToDate,
          hourly,
          models,
          reason,
          message,
          at,
          source,
          checkFigure,
          checked,
          checkFigure == null ? note : null,
          beforeReset);
    }

    /** The tokens of all managed endpoints this month (each model counted once). */
    public BigDecimal tokens() {
      java.util.Set<String> seen = new java.util.HashSet<>();
      BigDecimal sum = BigDecimal.ZERO;
      for (ModelTokens t : models) {
        if (t.together().isEmpty() || seen.add(String.join(",", t.together()))) {
          sum = sum.add(t.inputTokens()).add(t.outputTokens());
        }
      }
      return sum;
    }

    /** A failure worth retrying sooner than the interval (the API unreachable, a query refused). */
    public boolean transientFailure() {
      return state == ManagedState.FAILED
          && ((reason == Reason.PrometheusUnavailable || reason == Reason.QueryFailed));
    }

    public ManagedReading {
      models = List.copyOf(models);
    }
  }

  /** Where a managed-model figure is read. */
  public enum Source {
    /** The provider's usage metric of the Google project (Cloud Monitoring): no caller in it. */
    CLOUD_MONITORING,
    /** Envoy AI Gateway's token metrics, labelled with the caller. */
    GATEWAY
  }

  public enum ManagedState {
    NOT_CONFIGURED,
    EVALUATED,
    FAILED
  }

  /**
   * One managed endpoint's tokens this month and their cost; the last hour's cost feeds the
   * forecast.
   *
   * @param together the endpoints (this one among them) whose figures these are together, when the
   *     metric cannot tell them apart; empty when they are this endpoint's alone
   */
  public record ModelTokens(
      String endpoint,
      String provider,
      String model,
      BigDecimal inputTokens,
      BigDecimal outputTokens,
      BigDecimal spend,
      List<String> together) {
    public ModelTokens {
      together = List.copyOf(together);
    }
  }
}
