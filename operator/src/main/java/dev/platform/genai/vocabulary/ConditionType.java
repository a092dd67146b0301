package dev.platform.genai.vocabulary;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The condition types of a GenAIProject, in the order status lists them after Ready, each with its role: whether
 * it counts towards Ready, only reports on money, or is one of the two conditions kstatus reads. The reasons a
 * condition carries are {@link Reason}s; the one-word summary is the {@link Phase}.
 */
public enum ConditionType {
  /** Every required part is True; its reason is the first problem's. */
  READY("Ready", Role.SUMMARY),
  NAMESPACE_READY("NamespaceReady", Role.PART),
  ACCESS_READY("AccessReady", Role.PART),
  QUOTA_READY("QuotaReady", Role.PART),
  /** The project's Kueue ClusterQueue is active (where Kueue is installed; counted when reported). */
  QUEUE_READY("QueueReady", Role.PART),
  GUARDRAILS_READY("GuardrailsReady", Role.PART),
  /** Google IAM, read from the GoogleIamPolicy objects (only with spec.gcp). */
  CLOUD_ACCESS_READY("CloudAccessReady", Role.PART),
  /** The endpoint approval gate (only with models). */
  APPROVED("Approved", Role.PART),
  ENDPOINTS_READY("EndpointsReady", Role.PART),
  /** Data residency: every part of the project within its allowed locations (only where residency applies). */
  RESIDENCY_COMPLIANT("ResidencyCompliant", Role.PART),
  /** The promotion gate, while spec.stage is Production. */
  PROMOTED("Promoted", Role.PART),
  BUDGET_AT_RISK("BudgetAtRisk", Role.FINOPS),
  WITHIN_BUDGET("WithinBudget", Role.FINOPS),
  COST_ALERTS_READY("CostAlertsReady", Role.FINOPS),
  COST_TRACKING_READY("CostTrackingReady", Role.FINOPS),
  /** Managed-model (token) spend read and counted against the cap; only for projects with managed endpoints. */
  MANAGED_SPEND_TRACKED("ManagedSpendTracked", Role.FINOPS),
  /** kstatus: the operator is still working, or waiting for something that comes by itself. */
  RECONCILING("Reconciling", Role.KSTATUS),
  /** kstatus: a person must act. */
  STALLED("Stalled", Role.KSTATUS);

  /** What a condition is for. */
  public enum Role {
    /** Ready itself. */
    SUMMARY,
    /** A part of the environment; whether it is required depends on the project (see the status factory). */
    PART,
    /** Reports on money: never blocks Ready, and a reconcile that skips it keeps it. */
    FINOPS,
    /** Read by kstatus (Flux, kpt) after the parts. */
    KSTATUS
  }

  private static final Map<String, ConditionType> BY_TYPE = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(ConditionType::type, Function.identity()));
  private static final List<ConditionType> PARTS = Arrays.stream(values())
      .filter(c -> c.role == Role.PART || c.role == Role.FINOPS).toList();

  private final String type;
  private final Role role;

  ConditionType(String type, Role role) {
    this.type = type;
    this.role = role;
  }

  /** The type as status writes it. */
  public String type() {
    return type;
  }

  public Role role() {
    return role;
  }

  /** Whether a status condition's type is this one. */
  public boolean is(String type) {
    return this.type.equals(type);
  }

  public boolean finops() {
    return role == Role.FINOPS;
  }

  public boolean kstatus() {
    return role == Role.KSTATUS;
  }

  /** The parts (FinOps included), in the order status lists them after Ready. */
  public static List<ConditionType> parts() {
    return PARTS;
  }

  /** The type a status condition names; empty for one this version does not know (a newer release's, an edit). */
  public static Optional<ConditionType> of(String type) {
    return Optional.ofNullable(type == null ? null : BY_TYPE.get(type));
  }

  @Override
  public String toString() {
    return type;
  }
}
