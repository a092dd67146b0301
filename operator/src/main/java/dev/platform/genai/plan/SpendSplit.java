package dev.platform.genai.plan;

import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.EndpointStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.ProjectModel.BudgetPlan;
import dev.platform.genai.plan.CostReading.ManagedReading;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What spend is made of: in-cluster and managed-model spend, whether the managed part is this project's alone
 * (counted against the cap) or its Google project's shared with others (reported only), and the tokens, spend and
 * cost per 1M tokens of each endpoint. Pure; part of {@link BudgetDecision}.
 */
final class SpendSplit {
  private SpendSplit() {}

  static final String EXACT = "Exact";
  static final String SHARED = "Shared";

  /**
   * Records an evaluation in the budget: the split, and what counts — month to date and forecast with the managed
   * part only when attributed exactly. A managed part not read this time keeps its last figure and attribution.
   */
  static void record(BudgetStatus b, CostReading reading, List<String> sharing, BigDecimal hoursLeft) {
    BigDecimal counted = reading.monthToDate();
    BigDecimal hourly = reading.hourly();
    b.inCluster = BudgetPlan.money(reading.monthToDate());
    ManagedReading m = reading.managed();
    if (m != null && m.state() == CostReading.ManagedState.EVALUATED) {
      b.managed = BudgetPlan.money(m.monthToDate());
      b.managedAttribution = sharing.isEmpty() ? EXACT : SHARED;
      b.sharedWith = sharing.isEmpty() ? null : List.copyOf(sharing);
      if (sharing.isEmpty()) {
        hourly = hourly.add(m.hourly());
      }
    } else if (m == null) {
      b.managed = null; // no managed endpoints (any more)
      b.managedAttribution = null;
      b.sharedWith = null;
    } // not read this time: the last figure stands, with its attribution
    if (b.managed != null && EXACT.equals(b.managedAttribution)) {
      counted = counted.add(new BigDecimal(b.managed));
    }
    b.monthToDate = BudgetPlan.money(counted);
    b.forecast = BudgetPlan.money(counted.add(hourly.multiply(hoursLeft)));
  }

  /** ManagedSpendTracked: the managed models' token spend read, and whether it counts against the cap. */
  static PartOutcome managedPart(GenAIProject project, ProjectModel model, CostReading reading,
      BudgetStatus b, List<String> sharing, String sharingDescribed) {
    String type = Conditions.MANAGED_SPEND_TRACKED;
    ManagedReading m = reading.managed();
    if (reading.state() != CostReading.State.EVALUATED || m == null) {
      return BudgetDecision.previousPart(project, type); // not read this time: what status said stands
    }
    String google = model.cloud() == null ? "?" : model.cloud().projectId();
    return switch (m.state()) {
      case NOT_CONFIGURED, FAILED -> PartOutcome.failed(type, m.reason(), m.message() + (b.managed == null ? ""
          : " The managed figure of " + b.lastEvaluated + " (" + b.managed + " " + b.currency + ") is kept."));
      case EVALUATED -> sharing.isEmpty()
          ? PartOutcome.ok(type, Reasons.EVALUATED, "Managed-model spend of Google project " + google + ": "
              + b.managed + " " + b.currency + " this month, counted against the cap.")
          : PartOutcome.failed(type, Reasons.SHARED_GOOGLE_PROJECT, GoogleProjectSharing.reported(google,
              sharingDescribed, b.managed + " " + b.currency));
    };
  }

  /**
   * Tokens, spend and cost per 1M tokens per endpoint: from this evaluation, else as status last showed them (the
   * endpoint statuses are rebuilt on every reconcile).
   */
  static Map<String, EndpointStatus> endpointFigures(GenAIProject project, CostReading reading) {
    Map<String, EndpointStatus> out = new TreeMap<>();
    if (reading.state() != CostReading.State.EVALUATED) {
      if (project.getStatus() != null && project.getStatus().endpoints != null) {
        for (EndpointStatus e : project.getStatus().endpoints) {
          if (e.name != null && (e.tokensThisMonth != null || e.spendThisMonth != null)) {
            out.put(e.name, figures(e.tokensThisMonth, e.spendThisMonth, e.costPerMillionTokens));
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
        out.put(t.endpoint(), figures(t.inputTokens().add(t.outputTokens()), t.spend()));
      }
    }
    return out;
  }

  private static EndpointStatus figures(BigDecimal tokens, BigDecimal spend) {
    String perMillion = tokens == null || spend == null || tokens.signum() == 0 ? null
        : BudgetPlan.money(spend.multiply(BigDecimal.valueOf(1_000_000)).divide(tokens, 6, RoundingMode.HALF_UP));
    return figures(tokens == null ? null : tokens.setScale(0, RoundingMode.HALF_UP).toPlainString(),
        spend == null ? null : BudgetPlan.money(spend), perMillion);
  }

  private static EndpointStatus figures(String tokens, String spend, String perMillion) {
    EndpointStatus e = new EndpointStatus();
    e.tokensThisMonth = tokens;
    e.spendThisMonth = spend;
    e.costPerMillionTokens = perMillion;
    return e;
  }
}
