package dev.platform.genai.vocabulary;

import java.util.List;

/** Condition types and statuses, as the brief names them. Reasons are in {@link Reasons}, phases in {@link Phase}. */
public final class Conditions {
  private Conditions() {}

  public static final String READY = "Ready";
  public static final String NAMESPACE_READY = "NamespaceReady";
  public static final String ACCESS_READY = "AccessReady";
  public static final String QUOTA_READY = "QuotaReady";
  public static final String GUARDRAILS_READY = "GuardrailsReady";
  /** The project's Kueue ClusterQueue is active (where Kueue is installed). */
  public static final String QUEUE_READY = "QueueReady";
  public static final String CLOUD_ACCESS_READY = "CloudAccessReady";
  public static final String ENDPOINTS_READY = "EndpointsReady";
  public static final String APPROVED = "Approved";
  public static final String BUDGET_AT_RISK = "BudgetAtRisk";
  public static final String WITHIN_BUDGET = "WithinBudget";
  public static final String COST_TRACKING_READY = "CostTrackingReady";
  /** Managed-model (token) spend read and counted against the cap; only for projects with managed endpoints. */
  public static final String MANAGED_SPEND_TRACKED = "ManagedSpendTracked";
  public static final String COST_ALERTS_READY = "CostAlertsReady";
  /** The promotion gate, while spec.stage is Production. */
  public static final String PROMOTED = "Promoted";
  /** Data residency: every part of the project within its allowed locations (only where residency applies). */
  public static final String RESIDENCY_COMPLIANT = "ResidencyCompliant";
  /** kstatus: the operator is still working, or waiting for something that comes by itself. */
  public static final String RECONCILING = "Reconciling";
  /** kstatus: a person must act. */
  public static final String STALLED = "Stalled";

  /** The two conditions kstatus (Flux, kpt) reads, after the parts in status. */
  public static final List<String> KSTATUS = List.of(RECONCILING, STALLED);

  /** The parts, in the order status lists them. */
  public static final List<String> PARTS = List.of(NAMESPACE_READY, ACCESS_READY, QUOTA_READY, QUEUE_READY, GUARDRAILS_READY,
      CLOUD_ACCESS_READY, APPROVED, ENDPOINTS_READY, RESIDENCY_COMPLIANT, PROMOTED, BUDGET_AT_RISK, WITHIN_BUDGET, COST_ALERTS_READY,
      COST_TRACKING_READY, MANAGED_SPEND_TRACKED);

  /** The parts that report on money; they do not block Ready, and a reconcile that skips them keeps them. */
  public static final List<String> FINOPS = List.of(BUDGET_AT_RISK, WITHIN_BUDGET, COST_TRACKING_READY,
      COST_ALERTS_READY, MANAGED_SPEND_TRACKED);

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";
}
