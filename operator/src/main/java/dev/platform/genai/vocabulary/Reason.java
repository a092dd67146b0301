package dev.platform.genai.vocabulary;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every reason the operator writes — on a condition or an Event — in one registry, with what each asks of whoever
 * reads it. A reason that needs a person makes the phase Failed and a Warning Event, and is not retried in a storm;
 * one a retry can fix goes back to the backoff; a waiting one comes by itself. Reasons read back from a stored
 * status are strings: {@link #kind(String)} treats one this version does not know as information.
 */
public enum Reason {
  // a person must act
  INVALID_SPEC("InvalidSpec", Kind.NEEDS_ACTION),
  INVALID_POLICY("InvalidPolicy", Kind.NEEDS_ACTION),
  NAMESPACE_CONFLICT("NamespaceConflict", Kind.NEEDS_ACTION),
  EXCEEDS_POLICY_CAP("ExceedsPolicyCap", Kind.NEEDS_ACTION),
  CLOUD_IAM_DISABLED("CloudIAMDisabled", Kind.NEEDS_ACTION),
  NOT_SUPPORTED("NotSupported", Kind.NEEDS_ACTION),
  ROLE_NOT_ALLOWED("RoleNotAllowed", Kind.NEEDS_ACTION),
  QUOTA_EXCEEDS_BUDGET("QuotaExceedsBudget", Kind.NEEDS_ACTION),
  PERMISSION_DENIED("PermissionDenied", Kind.NEEDS_ACTION),
  NOT_FOUND("NotFound", Kind.NEEDS_ACTION),
  INVALID_REQUEST("InvalidRequest", Kind.NEEDS_ACTION),
  MODEL_NOT_ALLOWED("ModelNotAllowed", Kind.NEEDS_ACTION),
  INSUFFICIENT_QUOTA("InsufficientQuota", Kind.NEEDS_ACTION),
  /** A promotion item only a person can make pass (an approval, the production budget, a sponsor, an expiry). */
  PROMOTION_BLOCKED("PromotionBlocked", Kind.NEEDS_ACTION),
  /** A Google allow policy would pass its principal limit: the grant is not attempted. */
  POLICY_FULL("PolicyFull", Kind.NEEDS_ACTION),
  /** Prometheus has no OpenCost metrics: spend cannot be told. */
  OPENCOST_NOT_FOUND("OpenCostNotFound", Kind.NEEDS_ACTION),
  /** The project's ClusterQueue name is another's: not adopted, GPUs are not admitted through Kueue. */
  QUEUE_CONFLICT("QueueConflict", Kind.NEEDS_ACTION),
  /** The ClusterQueue references a ResourceFlavor that does not exist (the platform team's to create). */
  FLAVOR_NOT_FOUND("FlavorNotFound", Kind.NEEDS_ACTION),
  /** Kueue keeps the ClusterQueue inactive for another reason (its message says which). */
  QUEUE_INACTIVE("QueueInactive", Kind.NEEDS_ACTION),
  /** Allocations on nodes OpenCost has no price for: spend would read too low. */
  MISSING_PRICES("MissingPrices", Kind.NEEDS_ACTION),
  /** OpenCost scraped without honor_labels: its series name the namespace in exported_namespace. */
  OPENCOST_RELABELLED("OpenCostRelabelled", Kind.NEEDS_ACTION),
  /** Other projects call the same managed-model providers from this Google project: spend cannot be attributed. */
  SHARED_GOOGLE_PROJECT("SharedGoogleProject", Kind.NEEDS_ACTION),
  /** A provider in use has no usageQuery: its token spend cannot be read. */
  NO_USAGE_QUERY("NoUsageQuery", Kind.NEEDS_ACTION),
  /** Google's IAM policy CRD (googleiampolicies.genai.platform.dev) is not installed: no IAM is managed. */
  GOOGLE_IAM_POLICY_CRD_MISSING("GoogleIamPolicyCrdMissing", Kind.NEEDS_ACTION),
  /** A GoogleIamPolicy: some members were refused (by Google, or the principal limit); its status names them. */
  MEMBERS_REFUSED("MembersRefused", Kind.NEEDS_ACTION),

  // a retry can fix
  APPLY_FAILED("ApplyFailed", Kind.RETRY),
  CLOUD_UNAVAILABLE("CloudUnavailable", Kind.RETRY),
  CONCURRENT_POLICY_CHANGE("ConcurrentPolicyChange", Kind.RETRY),
  PROMETHEUS_UNAVAILABLE("PrometheusUnavailable", Kind.RETRY),
  QUERY_FAILED("QueryFailed", Kind.RETRY),
  /** Google's IAM write quota is spent: every write of the operator waits. */
  RATE_LIMITED("RateLimited", Kind.RETRY),

  // waiting
  PROVISIONING("Provisioning", Kind.WAITING),
  PENDING_APPROVAL("PendingApproval", Kind.WAITING),
  DIGEST_CHANGED("DigestChanged", Kind.WAITING),
  SCALED_TO_ZERO("ScaledToZero", Kind.WAITING),
  PENDING("Pending", Kind.WAITING),
  NO_DATA("NoData", Kind.WAITING),
  NOT_INSTALLED("NotInstalled", Kind.WAITING),
  /** Spend figures rest on part of the month only (gaps in the data, or a retention shorter than the month). */
  PARTIAL_DATA("PartialData", Kind.WAITING),
  /** A promotion waits for evidence that accrues (KPI progress, a full month within budget). */
  PROMOTION_PENDING("PromotionPending", Kind.WAITING),
  /** The budget throttles the project: Kueue admits nothing new, what runs keeps running (deliberate). */
  QUEUE_HELD("QueueHeld", Kind.WAITING),
  /** Suspended or expired: Kueue admits nothing and evicts what it admitted (deliberate). */
  QUEUE_DRAINED("QueueDrained", Kind.WAITING),
  /** The ClusterQueue is being deleted; Kueue's finalizer holds it until its workloads are gone. */
  QUEUE_TERMINATING("QueueTerminating", Kind.WAITING),

  // good news and information
  /** A GoogleIamPolicy holds what its projects want. */
  IN_PLACE("InPlace", Kind.INFO),
  /** Running as Production before the promotion gate existed: recorded as promoted. */
  GRANDFATHERED("Grandfathered", Kind.INFO),
  QUEUE_ACTIVE("QueueActive", Kind.INFO),
  PROVISIONED("Provisioned", Kind.INFO),
  GRANTED("Granted", Kind.INFO),
  APPROVED("Approved", Kind.INFO),
  NOT_REQUIRED("NotRequired", Kind.INFO),
  EVALUATED("Evaluated", Kind.INFO),
  UNDER_LIMIT("UnderLimit", Kind.INFO),
  QUOTA_WITHIN_BUDGET("QuotaWithinBudget", Kind.INFO),
  BUDGET_EXCEEDED("BudgetExceeded", Kind.INFO),
  PINNED("Pinned", Kind.INFO),
  OUTSIDE_ALLOWED_REGIONS("OutsideAllowedRegions", Kind.NEEDS_ACTION),
  LOCATION_UNKNOWN("LocationUnknown", Kind.NEEDS_ACTION),
  UNPINNED_PODS("UnpinnedPods", Kind.NEEDS_ACTION),

  // Event reasons that are no condition's: what the operator tells people about once (Events only)
  /** Normal: a project asks for an approval (for compliance: what to approve, with the digest). */
  APPROVAL_REQUIRED("ApprovalRequired", Kind.INFO, true),
  /** Normal: a project became Ready. */
  READY("Ready", Kind.INFO, true),
  /** Normal: a month ended; its spend and KPIs for the sponsor. */
  MONTHLY_SUMMARY("MonthlySummary", Kind.INFO, true),
  /** Normal: spend crossed a threshold below 100 % (at 100 % the reason is {@link #BUDGET_EXCEEDED}). */
  BUDGET_THRESHOLD("BudgetThreshold", Kind.INFO, true),
  /** Warning: spend is forecast above the limit this month. */
  BUDGET_FORECAST_EXCEEDED("BudgetForecastExceeded", Kind.INFO, true),
  /** Warning: the pilot expires within a week. */
  PILOT_EXPIRES_SOON("PilotExpiresSoon", Kind.INFO, true),
  /** Warning: the pilot expired; its GPU quota and endpoints went to zero. */
  PILOT_EXPIRED("PilotExpired", Kind.INFO, true),
  /** The promotion was granted (Promoted's reason, and a Normal Event; the record is in the GenAIProjectRecord). */
  PROMOTED("Promoted", Kind.INFO),
  /** Normal: the promotion waits for evidence or a sign-off (the checklist says which). */
  PROMOTION_HELD("PromotionHeld", Kind.INFO, true);

  /** What a reason asks for. */
  public enum Kind {
    /** A user or platform engineer must change something. */
    NEEDS_ACTION,
    /** A retry with backoff can fix it. */
    RETRY,
    /** Waiting for something that comes by itself (or for a person's sign-off, said in the message). */
    WAITING,
    /** Good news, or information. */
    INFO
  }

  private static final Map<String, Reason> BY_REASON = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(Reason::reason, Function.identity()));

  private final String reason;
  private final Kind kind;
  private final boolean eventOnly;

  Reason(String reason, Kind kind) {
    this(reason, kind, false);
  }

  Reason(String reason, Kind kind, boolean eventOnly) {
    this.reason = reason;
    this.kind = kind;
    this.eventOnly = eventOnly;
  }

  /** The reason as status and Events write it. */
  public String reason() {
    return reason;
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
    return this.reason.equals(reason);
  }

  /** A queue held on purpose (budget throttle, suspension, expiry): reported, never making the project not Ready. */
  public boolean deliberateHold() {
    return this == QUEUE_HELD || this == QUEUE_DRAINED;
  }

  /** The spec or the policy cannot be used at all: nothing new is provisioned. */
  public boolean blocksEverything() {
    return this == INVALID_SPEC || this == INVALID_POLICY;
  }

  /** The reason a stored status names; empty for one this version does not know (a newer release's, an edit). */
  public static Optional<Reason> of(String reason) {
    return Optional.ofNullable(reason == null ? null : BY_REASON.get(reason));
  }

  /** What a stored reason asks for; one this version does not know is information. */
  public static Kind kind(String reason) {
    return of(reason).map(Reason::kind).orElse(Kind.INFO);
  }

  public static boolean needsAction(String reason) {
    return kind(reason) == Kind.NEEDS_ACTION;
  }

  @Override
  public String toString() {
    return reason;
  }
}
