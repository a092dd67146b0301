package dev.platform.genai.vocabulary;

import java.util.Optional;

/**
 * Every reason the operator writes — on a condition or an Event — in one registry, with what each
 * asks of whoever reads it. A reason that needs a person makes the phase Failed and a Warning
 * Event, and is not retried in a storm; one a retry can fix goes back to the backoff; a waiting one
 * comes by itself. Reasons read back from a stored status are strings: {@link #kind(String)} treats
 * one this version does not know as information.
 */
public enum Reason {
  // a person must act
  InvalidSpec(Kind.NEEDS_ACTION),
  InvalidPolicy(Kind.NEEDS_ACTION),
  /** No GenAIPlatformPolicy default: the built-in defaults govern (PolicyInForce). */
  PolicyMissing(Kind.NEEDS_ACTION),
  NamespaceConflict(Kind.NEEDS_ACTION),
  ExceedsPolicyCap(Kind.NEEDS_ACTION),
  CloudIAMDisabled(Kind.NEEDS_ACTION),
  NotSupported(Kind.NEEDS_ACTION),
  RoleNotAllowed(Kind.NEEDS_ACTION),
  QuotaExceedsBudget(Kind.NEEDS_ACTION),
  PermissionDenied(Kind.NEEDS_ACTION),
  NotFound(Kind.NEEDS_ACTION),
  InvalidRequest(Kind.NEEDS_ACTION),
  ModelNotAllowed(Kind.NEEDS_ACTION),
  InsufficientQuota(Kind.NEEDS_ACTION),
  /**
   * A promotion item only a person can make pass (an approval, the production budget, a sponsor, an
   * expiry).
   */
  PromotionBlocked(Kind.NEEDS_ACTION),
  /** A Google allow policy would pass its principal limit: the grant is not attempted. */
  PolicyFull(Kind.NEEDS_ACTION),
  /** Prometheus has no OpenCost metrics: spend cannot be told. */
  OpenCostNotFound(Kind.NEEDS_ACTION),
  /**
   * The project's ClusterQueue name is another's: not adopted, GPUs are not admitted through Kueue.
   */
  QueueConflict(Kind.NEEDS_ACTION),
  /**
   * The ClusterQueue references a ResourceFlavor that does not exist (the platform team's to
   * create).
   */
  FlavorNotFound(Kind.NEEDS_ACTION),
  /** Kueue keeps the ClusterQueue inactive for another reason (its message says which). */
  QueueInactive(Kind.NEEDS_ACTION),
  /** Allocations on nodes OpenCost has no price for: spend would read too low. */
  MissingPrices(Kind.NEEDS_ACTION),
  /** OpenCost scraped without honor_labels: its series name the namespace in exported_namespace. */
  OpenCostRelabelled(Kind.NEEDS_ACTION),
  /**
   * Other projects call the same managed-model providers from this Google project: spend cannot be
   * attributed.
   */
  SharedGoogleProject(Kind.NEEDS_ACTION),
  /**
   * Behind the gateway, Cloud Monitoring reads more for the project's own Google project than the
   * gateway counted: its models were called another way.
   */
  SpendOutsideGateway(Kind.NEEDS_ACTION),
  /**
   * AI Gateway's token series reach Prometheus without the caller's label: AI Gateway is installed
   * without metricsRequestHeaderAttributes, so no project's tokens can be told apart.
   */
  GatewayMetricsUnlabelled(Kind.NEEDS_ACTION),
  /** A provider in use has no usageQuery: its token spend cannot be read. */
  NoUsageQuery(Kind.NEEDS_ACTION),
  /**
   * Google's IAM policy CRD (googleiampolicies.genai.platform.dev) is not installed: no IAM is
   * managed.
   */
  GoogleIamPolicyCrdMissing(Kind.NEEDS_ACTION),
  /**
   * A GoogleIamPolicy: some members were refused (by Google, or the principal limit); its status
   * names them.
   */
  MembersRefused(Kind.NEEDS_ACTION),

  // a retry can fix
  ApplyFailed(Kind.RETRY),
  CloudUnavailable(Kind.RETRY),
  ConcurrentPolicyChange(Kind.RETRY),
  PrometheusUnavailable(Kind.RETRY),
  QueryFailed(Kind.RETRY),
  /** Google's IAM write quota is spent: every write of the operator waits. */
  RateLimited(Kind.RETRY),

  // waiting
  Provisioning(Kind.WAITING),
  PendingApproval(Kind.WAITING),
  DigestChanged(Kind.WAITING),
  ScaledToZero(Kind.WAITING),
  Pending(Kind.WAITING),
  NoData(Kind.WAITING),
  NotInstalled(Kind.WAITING),
  /**
   * Spend figures rest on part of the month only (gaps in the data, or a retention shorter than the
   * month).
   */
  PartialData(Kind.WAITING),
  /** A promotion waits for evidence that accrues (KPI progress, a full month within budget). */
  PromotionPending(Kind.WAITING),
  /**
   * The budget throttles the project: Kueue admits nothing new, what runs keeps running
   * (deliberate).
   */
  QueueHeld(Kind.WAITING),
  /** Suspended or expired: Kueue admits nothing and evicts what it admitted (deliberate). */
  QueueDrained(Kind.WAITING),
  /**
   * Suspended, expired or nothing left of the cap: the gateway refuses the project's requests
   * (deliberate).
   */
  TokensDenied(Kind.WAITING),
  /** The ClusterQueue is being deleted; Kueue's finalizer holds it until its workloads are gone. */
  QueueTerminating(Kind.WAITING),

  // good news and information
  /** A GoogleIamPolicy holds what its projects want. */
  InPlace(Kind.INFO),
  /** The cluster's GenAIPlatformPolicy default governs the project (PolicyInForce). */
  PlatformPolicy(Kind.INFO),
  /** Running as Production before the promotion gate existed: recorded as promoted. */
  Grandfathered(Kind.INFO),
  QueueActive(Kind.INFO),
  Provisioned(Kind.INFO),
  Granted(Kind.INFO),
  Approved(Kind.INFO),
  NotRequired(Kind.INFO),
  Evaluated(Kind.INFO),
  UnderLimit(Kind.INFO),
  QuotaWithinBudget(Kind.INFO),
  BudgetExceeded(Kind.INFO),
  Pinned(Kind.INFO),
  OutsideAllowedRegions(Kind.NEEDS_ACTION),
  LocationUnknown(Kind.NEEDS_ACTION),
  UnpinnedPods(Kind.NEEDS_ACTION),
  /** Nothing in the namespace breaks the tenant boundary (TenantBoundaryHeld). */
  BoundaryHeld(Kind.INFO),
  /**
   * Objects in the namespace break the tenant boundary (TenantBoundaryHeld): a person removes them.
   */
  BoundaryBreached(Kind.NEEDS_ACTION),
  /**
   * The namespace's objects could not be listed, so whether the boundary holds is unknown
   * (TenantBoundaryHeld): the operator's ClusterRole lacks a permission.
   */
  BoundaryUnknown(Kind.NEEDS_ACTION),

  // Event reasons that are no condition's: what the operator tells people about once (Events only)
  /** Normal: a project asks for an approval (for compliance: what to approve, with the digest). */
  ApprovalRequired(Kind.INFO, true),
  /** Normal: a project became Ready. */
  Ready(Kind.INFO, true),
  /** Normal: a month ended; its spend and KPIs for the sponsor. */
  MonthlySummary(Kind.INFO, true),
  /**
   * Normal: spend crossed a threshold below 100 % (at 100 % the reason is {@link #BudgetExceeded}).
   */
  BudgetThreshold(Kind.INFO, true),
  /** Warning: spend is forecast above the limit this month. */
  BudgetForecastExceeded(Kind.INFO, true),
  /** Warning: the pilot expires within a week. */
  PilotExpiresSoon(Kind.INFO, true),
  /**
   * Warning: someone of a break-glass group wrote past the tenant boundary; who, what and why (from
   * the object's genai.platform.dev/break-glass note), once, when TenantBoundaryHeld first names
   * it.
   */
  BreakGlass(Kind.INFO, true),
  /** Warning: the pilot expired; its GPU quota and endpoints went to zero. */
  PilotExpired(Kind.INFO, true),
  /**
   * The promotion was granted (Promoted's reason, and a Normal Event; the record is in the
   * GenAIProjectRecord).
   */
  Promoted(Kind.INFO),
  /** Normal: the promotion waits for evidence or a sign-off (the checklist says which). */
  PromotionHeld(Kind.INFO, true),
  /** Warning: a GPU workload idle over the whole window was scaled to zero; how to wake it. */
  IdleStopped(Kind.INFO, true),
  /** Normal: in a dry run, what idle reclaim would stop. */
  IdleWouldStop(Kind.INFO, true),
  /** Normal: the team woke a workload idleness had stopped. */
  IdleWoken(Kind.INFO, true),
  /** Warning: the budget or the expiry holds the namespace's GPU workloads at zero. */
  GpuWorkloadsHeld(Kind.INFO, true),
  /** Normal: nothing holds them any more; they are brought back as they were. */
  GpuWorkloadsRestored(Kind.INFO, true);

  /** What a reason asks for. */
  public enum Kind {
    /** A user or platform engineer must change something. */
    NEEDS_ACTION,
    /** A retry with backoff can fix it. */
    RETRY,
    /**
     * Waiting for something that comes by itself (or for a person's sign-off, said in the message).
     */
    WAITING,
    /** Good news, or information. */
    INFO
  }

  private final Kind kind;
  private final boolean eventOnly;

  Reason(Kind kind) {
    this(kind, false);
  }

  Reason(Kind kind, boolean eventOnly) {
    this.kind = kind;
    this.eventOnly = eventOnly;
  }

  /** The reason as status and Events write it: the constant's name, as for {@link Phase}. */
  public String reason() {
    return name();
  }

  public Kind kind() {
    return kind;
  }

  /** An Event reason that no condition carries (something the operator tells people about once). */
  public boolean eventOnly() {
    return eventOnly;
  }

  public boolean needsAction() {
    return kind == Kind.NEEDS_ACTION;
  }

  /** Whether a stored reason is this one. */
  public boolean is(String reason) {
    return name().equals(reason);
  }

  /**
   * A queue held on purpose (budget throttle, suspension, expiry): reported, never making the
   * project not Ready.
   */
  public boolean deliberateHold() {
    return this == QueueHeld || this == QueueDrained || this == TokensDenied;
  }

  /** The spec or the policy cannot be used at all: nothing new is provisioned. */
  public boolean blocksEverything() {
    return this == InvalidSpec || this == InvalidPolicy;
  }

  /**
   * The reason a stored status names; empty for one this version does not know (a newer release's,
   * an edit).
   */
  public static Optional<Reason> of(String reason) {
    return Lookup.of(Reason.class, reason);
  }

  /** What a stored reason asks for; one this version does not know is information. */
  public static Kind kind(String reason) {
    return of(reason).map(Reason::kind).orElse(Kind.INFO);
  }

  public static boolean needsAction(String reason) {
    return kind(reason) == Kind.NEEDS_ACTION;
  }
}
