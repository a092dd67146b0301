package dev.platform.genai.vocabulary;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The condition types of a GenAIProject, in the order status lists them after Ready, each with its
 * role: whether it counts towards Ready, only reports on money, or is one of the two conditions
 * kstatus reads. The reasons a condition carries are {@link Reason}s; the one-word summary is the
 * {@link Phase}.
 */
public enum ConditionType {
  /** Every required part is True; its reason is the first problem's. */
  Ready(Role.SUMMARY),
  NamespaceReady(Role.PART),
  AccessReady(Role.PART),
  QuotaReady(Role.PART),
  /** The project's Kueue ClusterQueue is active (where Kueue is installed). */
  QueueReady(Role.PART_WHEN_REPORTED),
  GuardrailsReady(Role.PART),
  /** Google IAM, read from the GoogleIamPolicy objects (only with spec.gcp). */
  CloudAccessReady(Role.PART),
  /** The endpoint approval gate (only with models). */
  Approved(Role.PART),
  EndpointsReady(Role.PART),
  /**
   * Data residency: every part of the project within its allowed locations (only where residency
   * applies).
   */
  ResidencyCompliant(Role.PART_WHEN_REPORTED),
  /** The promotion gate, while spec.stage is Production. */
  Promoted(Role.PART),
  /**
   * The endpoints behind Envoy AI Gateway with the month's token budget (only where the gateway is
   * used).
   */
  TokenBudgetReady(Role.PART_WHEN_REPORTED),
  BudgetAtRisk(Role.FINOPS),
  WithinBudget(Role.FINOPS),
  CostAlertsReady(Role.FINOPS),
  CostTrackingReady(Role.FINOPS),
  /**
   * Managed-model (token) spend read and counted against the cap; only for projects with managed
   * endpoints.
   */
  ManagedSpendTracked(Role.FINOPS),
  /**
   * Which platform policy governs the project: the cluster's GenAIPlatformPolicy default, or — when
   * there is none — the built-in defaults (False, so that a deleted policy is seen); never blocks
   * Ready.
   */
  PolicyInForce(Role.REPORT),
  /**
   * Nothing stored in the project's namespace breaks the tenant boundary (docs/tenancy.md): what
   * admission would refuse today but was there before, or written by an exempt identity or by
   * break-glass; never blocks Ready.
   */
  TenantBoundaryHeld(Role.REPORT),
  /** kstatus: the operator is still working, or waiting for something that comes by itself. */
  Reconciling(Role.KSTATUS),
  /** kstatus: a person must act. */
  Stalled(Role.KSTATUS);

  /** What a condition is for. */
  public enum Role {
    /** Ready itself. */
    SUMMARY,
    /**
     * A part of the environment; whether it is required depends on the project (see the status
     * factory).
     */
    PART,
    /**
     * A part that counts towards Ready only when this reconcile reported it: it exists only where
     * something optional applies (Kueue installed, residency, the AI gateway), and a reconcile that
     * did not look does not keep Ready waiting on it.
     */
    PART_WHEN_REPORTED,
    /** Reports on money: never blocks Ready, and a reconcile that skips it keeps it. */
    FINOPS,
    /**
     * Reports on the project's governance (which policy applies): never blocks Ready, kept when not
     * looked at.
     */
    REPORT,
    /** Read by kstatus (Flux, kpt) after the parts. */
    KSTATUS
  }

  private static final List<ConditionType> PARTS =
      Arrays.stream(values())
          .filter(c -> c.role != Role.SUMMARY && c.role != Role.KSTATUS)
          .toList();

  private final Role role;

  ConditionType(Role role) {
    this.role = role;
  }

  /** The type as status writes it: the constant's name, as for {@link Phase}. */
  public String type() {
    return name();
  }

  public Role role() {
    return role;
  }

  /** Whether a status condition's type is this one. */
  public boolean is(String type) {
    return name().equals(type);
  }

  /** A part that counts towards Ready only when reported (see {@link Role#PART_WHEN_REPORTED}). */
  public boolean countsWhenReported() {
    return role == Role.PART_WHEN_REPORTED;
  }

  public boolean finops() {
    return role == Role.FINOPS;
  }

  /** A condition that only reports (money, the policy in force): it never blocks Ready. */
  public boolean reportOnly() {
    return role == Role.FINOPS || role == Role.REPORT;
  }

  public boolean kstatus() {
    return role == Role.KSTATUS;
  }

  /** The parts (FinOps included), in the order status lists them after Ready. */
  public static List<ConditionType> parts() {
    return PARTS;
  }

  /**
   * The type a status condition names; empty for one this version does not know (a newer release's,
   * an edit).
   */
  public static Optional<ConditionType> of(String type) {
    return Lookup.of(ConditionType.class, type);
  }
}
