package dev.platform.genai.plan.finops;

import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.EndpointStatus;
import dev.platform.genai.api.GatewaySpend;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.ProjectModel.BudgetPlan;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.plan.finops.CostReading.ManagedReading;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What spend is made of: in-cluster and managed-model spend, whether the managed part is this
 * project's alone (counted against the cap) or its Google project's shared with others (reported
 * only), and the tokens, spend and cost per 1M tokens of each endpoint. Pure; part of {@link
 * BudgetDecision}.
 */
final class SpendSplit {
  private SpendSplit() {}

  static final String EXACT = "Exact";
  static final String SHARED = "Shared";
  static final String GATEWAY = BudgetStatus.SOURCE_GATEWAY;
  static final String CLOUD_MONITORING = BudgetStatus.SOURCE_CLOUD_MONITORING;

  /**
   * The managed figure counted: the gateway's (the project's own calls) — or, on a Google project
   * of the project's own where Cloud Monitoring reads clearly more for the endpoints' own models,
   * the gateway's figure with Cloud Monitoring's in place of its own for those models (calls
   * reached them without the gateway, and every call on that Google project is the project's
   * spend); else the one read.
   */
  static BigDecimal counted(ManagedReading m, List<String> sharing) {
    if (m.source() == CostReading.Source.GATEWAY && sharing.isEmpty() && bypassed(m)) {
      return m.monthToDate().subtract(m.checked()).add(m.check());
    }
    return m.monthToDate();
  }

  /**
   * Whether Cloud Monitoring reads clearly more (above 2 % and one cent) than the gateway counted
   * for the same models (the endpoints' own, not their throttle fallbacks): Cloud Monitoring reads
   * later than the gateway, so a lower or equal check is what agreement looks like.
   */
  static boolean bypassed(ManagedReading m) {
    if (m.check() == null || m.checked() == null) {
      return false;
    }
    BigDecimal tolerance = m.checked().multiply(new BigDecimal("0.02")).max(new BigDecimal("0.01"));
    return m.check().subtract(m.checked()).compareTo(tolerance) > 0;
  }

  /**
   * Records an evaluation in the budget: the split, and what counts — month to date and forecast
   * with the managed part only when attributed exactly. Each part stands on its own: in-cluster
   * spend not tracked (Prometheus unset) or not read this time (Prometheus down, OpenCost absent,
   * nodes unpriced) keeps its last figure of the month or counts none, and so does a managed part
   * not read; {@code incomplete} says which part is missing and what stands for it. Unknown is
   * never zero: with no part known, month to date stays unknown.
   *
   * @param hasManaged whether the project has managed endpoints
   */
  static void record(
      BudgetStatus b,
      CostReading reading,
      boolean hasManaged,
      List<String> sharing,
      BigDecimal hoursLeft) {
    List<String> unknown = new ArrayList<>();
    BigDecimal hourly = null; // the current hourly rate of what is counted, when known
    switch (reading.state()) {
      case EVALUATED -> {
        b.inCluster = BudgetPlan.money(reading.monthToDate());
        hourly = reading.hourly();
      }
      case OFF -> {
        b.inCluster = null;
        hourly = BigDecimal.ZERO;
        unknown.add(
            "in-cluster spend is not tracked (GENAI_PROMETHEUS_URL is unset), so the figure is"
                + " managed-model spend only");
      }
      default ->
          unknown.add(
              "in-cluster spend could not be read ("
                  + reading.reason()
                  + ")"
                  + (b.inCluster == null
                      ? ", so none is counted"
                      : ", so its figure of "
                          + b.lastEvaluated
                          + " ("
                          + b.inCluster
                          + ") is counted"));
    }
    ManagedReading m = reading.managed();
    if (m != null && m.state() == CostReading.ManagedState.EVALUATED) {
      boolean atGateway = m.source() == CostReading.Source.GATEWAY;
      boolean exact = atGateway || sharing.isEmpty(); // the gateway tells the callers apart
      b.managed = BudgetPlan.money(counted(m, sharing));
      b.managedAttribution = exact ? EXACT : SHARED;
      b.managedSource = atGateway ? GATEWAY : CLOUD_MONITORING;
      b.managedCheck = m.check() == null ? null : BudgetPlan.money(m.check());
      b.gateway = atGateway ? gateway(m) : null;
      b.sharedWith = exact ? null : List.copyOf(sharing);
      b.managedEvaluated =
          m.at() == null ? null : m.at().truncatedTo(ChronoUnit.SECONDS).toString();
      if (exact && hourly != null) {
        hourly = hourly.add(m.hourly());
      }
    } else if (!hasManaged) {
      // no managed endpoints (any more): none of their figures
      b.managed =
          b.managedAttribution = b.managedSource = b.managedCheck = b.managedEvaluated = null;
      b.gateway = null;
      b.sharedWith = null;
    } else if (m != null) { // not read this time: the last figure stands, with its attribution
      unknown.add(
          "managed-model spend "
              + (m.state() == CostReading.ManagedState.NOT_CONFIGURED
                  ? "is not tracked (GENAI_MANAGED_METRICS_URL is unset)"
                  : "could not be read (" + m.reason() + ")")
              + (b.managed == null
                  ? ", so none is counted"
                  : EXACT.equals(b.managedAttribution)
                      ? ", so its figure of " + managedAsOf(b) + " (" + b.managed + ") is counted"
                      : ""));
    }
    BigDecimal counted = b.inCluster == null ? null : new BigDecimal(b.inCluster);
    if (b.managed != null && EXACT.equals(b.managedAttribution)) {
      counted = (counted == null ? BigDecimal.ZERO : counted).add(new BigDecimal(b.managed));
    }
    b.incomplete = unknown.isEmpty() ? null : capitalised(String.join("; ", unknown)) + ".";
    if (counted == null) {
      return; // nothing known: month to date stays as it was (unknown is never zero)
    }
    b.monthToDate = BudgetPlan.money(counted);
    if (hourly != null) {
      b.forecast = BudgetPlan.money(counted.add(hourly.multiply(hoursLeft)));
    } else if (b.forecast == null || new BigDecimal(b.forecast).compareTo(counted) < 0) {
      b.forecast =
          b.monthToDate; // the rate is unknown: the last forecast stands, never below what is spent
    }
  }

  private static GatewaySpend gateway(ManagedReading m) {
    GatewaySpend g = new GatewaySpend();
    g.tokens = m.tokens().setScale(0, RoundingMode.HALF_UP).toPlainString();
    g.spend = BudgetPlan.money(m.monthToDate());
    g.spendBeforeWindowReset = m.beforeReset() == null ? null : BudgetPlan.money(m.beforeReset());
    return g;
  }

  /**
   * When the managed figure was read (a record from before managedEvaluated existed: the last
   * evaluation).
   */
  private static String managedAsOf(BudgetStatus b) {
    return b.managedEvaluated != null ? b.managedEvaluated : b.lastEvaluated;
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /**
   * ManagedSpendTracked: the managed models' token spend read, and whether it counts against the
   * cap.
   */
  static PartOutcome managedPart(
      GenAIProject project,
      ProjectModel model,
      CostReading reading,
      BudgetStatus b,
      List<String> sharing,
      String sharingDescribed) {
    ConditionType type = ConditionType.ManagedSpendTracked;
    ManagedReading m = reading.managed();
    if (m == null) {
      return BudgetDecision.previousPart(
          project, type); // not read this time: what status said stands
    }
    String google = model.cloud() == null ? "?" : model.cloud().projectId();
    if (m.source() == CostReading.Source.GATEWAY) {
      return atGatewayPart(m, b, google, sharing, sharingDescribed);
    }
    return switch (m.state()) {
      case NOT_CONFIGURED, FAILED ->
          PartOutcome.failed(
              type,
              m.reason(),
              m.message()
                  + (b.managed == null
                      ? ""
                      : " The managed figure of "
                          + managedAsOf(b)
                          + " ("
                          + b.managed
                          + " "
                          + b.currency
                          + ") is kept."));
      case EVALUATED ->
          sharing.isEmpty()
              ? PartOutcome.ok(
                  type,
                  Reason.Evaluated,
                  "Managed-model spend of Google project "
                      + google
                      + ": "
                      + b.managed
                      + " "
                      + b.currency
                      + " this month, counted against the cap.")
              : PartOutcome.failed(
                  type,
                  Reason.SharedGoogleProject,
                  GoogleProjectSharing.reported(
                      google, sharingDescribed, b.managed + " " + b.currency));
    };
  }

  /**
   * ManagedSpendTracked behind the gateway: its figure, and what Cloud Monitoring's check says of
   * it.
   */
  private static PartOutcome atGatewayPart(
      ManagedReading m,
      BudgetStatus b,
      String google,
      List<String> sharing,
      String sharingDescribed) {
    ConditionType type = ConditionType.ManagedSpendTracked;
    if (m.state() != CostReading.ManagedState.EVALUATED) {
      return PartOutcome.failed(
          type,
          m.reason(),
          m.message()
              + (b.managed == null
                  ? ""
                  : " The managed figure of "
                      + managedAsOf(b)
                      + " ("
                      + b.managed
                      + " "
                      + b.currency
                      + ") is kept."));
    }
    String gateway = BudgetPlan.money(m.monthToDate()) + " " + b.currency;
    String read =
        (m.message() == null ? "" : m.message() + " ")
            + "Managed-model spend at the gateway (the"
            + " project's workload's calls, "
            + b.gateway.tokens
            + " tokens): "
            + gateway
            + " this month";
    if (m.check() == null) {
      return PartOutcome.ok(
          type, Reason.Evaluated, read + ", counted against the cap. " + m.checkNote());
    }
    String check = b.managedCheck + " " + b.currency;
    if (!sharing.isEmpty()) {
      return PartOutcome.ok(
          type,
          Reason.Evaluated,
          read
              + ", counted against the cap. Cloud Monitoring reads "
              + check
              + " for Google project "
              + google
              + ", also used by "
              + sharingDescribed
              + ": the gateway tells"
              + " this project's calls apart.");
    }
    if (bypassed(m)) {
      BigDecimal more = m.check().subtract(m.checked());
      return PartOutcome.failed(
          type,
          Reason.SpendOutsideGateway,
          read
              + "; Cloud Monitoring reads "
              + check
              + " for the endpoints' models on Google project "
              + google
              + ", "
              + BudgetPlan.money(more)
              + " "
              + b.currency
              + " more than the gateway counted for them: they were called without the gateway (another"
              + " identity with access to "
              + google
              + "), and Cloud Monitoring's figure for them is counted against the"
              + " cap. Find who holds the providers' roles on "
              + google
              + " (its Data Access audit logs name the caller)"
              + " and remove them.");
    }
    return PartOutcome.ok(
        type,
        Reason.Evaluated,
        read
            + ", counted against the cap; Cloud Monitoring reads "
            + check
            + " for the same models of Google project "
            + google
            + " (it reads minutes behind).");
  }

  /**
   * Tokens, spend and cost per 1M tokens per endpoint: from this evaluation, else as status last
   * showed them (the endpoint statuses are rebuilt on every reconcile).
   */
  static Map<String, EndpointStatus> endpointFigures(GenAIProject project, CostReading reading) {
    Map<String, EndpointStatus> out = new TreeMap<>();
    if (reading.state() != CostReading.State.EVALUATED) {
      if (project.getStatus() != null && project.getStatus().endpoints != null) {
        for (EndpointStatus e : project.getStatus().endpoints) {
          if (e.name != null && (e.tokensThisMonth != null || e.spendThisMonth != null)) {
            EndpointStatus kept =
                figures(e.tokensThisMonth, e.spendThisMonth, e.costPerMillionTokens);
            kept.figuresOf = e.figuresOf;
            out.put(e.name, kept);
          }
        }
      }
      return out;
    }
    if (reading.endpoints() != null) {
      for (CostReading.EndpointUsage u : reading.endpoints()) {
        out.put(u.endpoint(), figures(u.tokens(), u.spend()));
      }
    }
    if (reading.managed() != null) {
      for (CostReading.ModelTokens t : reading.managed().models()) {
        EndpointStatus e = figures(t.inputTokens().add(t.outputTokens()), t.spend());
        e.figuresOf = t.together().isEmpty() ? null : t.together();
        out.put(t.endpoint(), e);
      }
    }
    return out;
  }

  private static EndpointStatus figures(BigDecimal tokens, BigDecimal spend) {
    String perMillion =
        tokens == null || spend == null || tokens.signum() == 0
            ? null
            : BudgetPlan.money(
                spend
                    .multiply(BigDecimal.valueOf(1_000_000))
                    .divide(tokens, 6, RoundingMode.HALF_UP));
    return figures(
        tokens == null ? null : tokens.setScale(0, RoundingMode.HALF_UP).toPlainString(),
        spend == null ? null : BudgetPlan.money(spend),
        perMillion);
  }

  private static EndpointStatus figures(String tokens, String spend, String perMillion) {
    EndpointStatus e = new EndpointStatus();
    e.tokensThisMonth = tokens;
    e.spendThisMonth = spend;
    e.costPerMillionTokens = perMillion;
    return e;
  }
}
