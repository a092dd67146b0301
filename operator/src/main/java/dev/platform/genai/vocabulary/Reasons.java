package dev.platform.genai.vocabulary;

import java.util.Map;

/**
 * Every condition reason the operator writes, in one registry: what each asks of whoever reads it. A reason that
 * needs a person makes the phase Failed and a Warning Event, and is not retried in a storm; one a retry can fix
 * goes back to the framework's backoff; a waiting one comes by itself.
 */
public final class Reasons {
  private Reasons() {}

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

  // a person must act
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String INVALID_POLICY = "InvalidPolicy";
  public static final String NAMESPACE_CONFLICT = "NamespaceConflict";
  public static final String EXCEEDS_POLICY_CAP = "ExceedsPolicyCap";
  public static final String CLOUD_IAM_DISABLED = "CloudIAMDisabled";
  public static final String NOT_SUPPORTED = "NotSupported";
  public static final String ROLE_NOT_ALLOWED = "RoleNotAllowed";
  public static final String QUOTA_EXCEEDS_BUDGET = "QuotaExceedsBudget";
  public static final String PERMISSION_DENIED = "PermissionDenied";
  public static final String NOT_FOUND = "NotFound";
  public static final String INVALID_REQUEST = "InvalidRequest";
  public static final String MODEL_NOT_ALLOWED = "ModelNotAllowed";
  public static final String INSUFFICIENT_QUOTA = "InsufficientQuota";
  /** A promotion item only a person can make pass (an approval, the production budget, a sponsor, an expiry). */
  public static final String PROMOTION_BLOCKED = "PromotionBlocked";
  /** A Google allow policy would pass its principal limit: the grant is not attempted. */
  public static final String POLICY_FULL = "PolicyFull";
  /** Prometheus has no OpenCost metrics: spend cannot be told. */
  public static final String OPENCOST_NOT_FOUND = "OpenCostNotFound";
  /** The project's ClusterQueue name is another's: not adopted, GPUs are not admitted through Kueue. */
  public static final String QUEUE_CONFLICT = "QueueConflict";
  /** The ClusterQueue references a ResourceFlavor that does not exist (the platform team's to create). */
  public static final String FLAVOR_NOT_FOUND = "FlavorNotFound";
  /** Kueue keeps the ClusterQueue inactive for another reason (its message says which). */
  public static final String QUEUE_INACTIVE = "QueueInactive";
  /** Allocations on nodes OpenCost has no price for: spend would read too low. */
  public static final String MISSING_PRICES = "MissingPrices";
  /** OpenCost scraped without honor_labels: its series name the namespace in exported_namespace. */
  public static final String OPENCOST_RELABELLED = "OpenCostRelabelled";
  /** Other projects call the same managed-model providers from this Google project: spend cannot be attributed. */
  public static final String SHARED_GOOGLE_PROJECT = "SharedGoogleProject";
  /** A provider in use has no usageQuery: its token spend cannot be read. */
  public static final String NO_USAGE_QUERY = "NoUsageQuery";

  // a retry can fix
  public static final String APPLY_FAILED = "ApplyFailed";
  public static final String CLOUD_UNAVAILABLE = "CloudUnavailable";
  public static final String CONCURRENT_POLICY_CHANGE = "ConcurrentPolicyChange";
  public static final String PROMETHEUS_UNAVAILABLE = "PrometheusUnavailable";
  public static final String QUERY_FAILED = "QueryFailed";
  /** Google's IAM write quota is spent: every write of the operator waits. */
  public static final String RATE_LIMITED = "RateLimited";

  // waiting
  public static final String PROVISIONING = "Provisioning";
  public static final String PENDING_APPROVAL = "PendingApproval";
  public static final String DIGEST_CHANGED = "DigestChanged";
  public static final String SCALED_TO_ZERO = "ScaledToZero";
  public static final String PENDING = "Pending";
  public static final String NO_DATA = "NoData";
  public static final String NOT_INSTALLED = "NotInstalled";
  /** Spend figures rest on part of the month only (gaps in the data, or a retention shorter than the month). */
  public static final String PARTIAL_DATA = "PartialData";
  /** A promotion waits for evidence that accrues (KPI progress, a full month within budget). */
  public static final String PROMOTION_PENDING = "PromotionPending";

  /** The budget throttles the project: Kueue admits nothing new, what runs keeps running (deliberate). */
  public static final String QUEUE_HELD = "QueueHeld";
  /** Suspended or expired: Kueue admits nothing and evicts what it admitted (deliberate). */
  public static final String QUEUE_DRAINED = "QueueDrained";
  /** The ClusterQueue is being deleted; Kueue's finalizer holds it until its workloads are gone. */
  public static final String QUEUE_TERMINATING = "QueueTerminating";

  // good news and information
  public static final String QUEUE_ACTIVE = "QueueActive";
  public static final String PROVISIONED = "Provisioned";
  public static final String GRANTED = "Granted";
  public static final String APPROVED = "Approved";
  public static final String NOT_REQUIRED = "NotRequired";
  public static final String EVALUATED = "Evaluated";
  public static final String UNDER_LIMIT = "UnderLimit";
  public static final String QUOTA_WITHIN_BUDGET = "QuotaWithinBudget";
  public static final String BUDGET_EXCEEDED = "BudgetExceeded";
  public static final String PINNED = "Pinned";
  public static final String OUTSIDE_ALLOWED_REGIONS = "OutsideAllowedRegions";
  public static final String LOCATION_UNKNOWN = "LocationUnknown";
  public static final String UNPINNED_PODS = "UnpinnedPods";

  // Event reasons that are no condition's: what the operator tells people about once (Events only)
  /** Normal: a project asks for an approval (for compliance: what to approve, with the digest). */
  public static final String APPROVAL_REQUIRED = "ApprovalRequired";
  /** Normal: a project became Ready. */
  public static final String READY = "Ready";
  /** Normal: a month ended; its spend and KPIs for the sponsor. */
  public static final String MONTHLY_SUMMARY = "MonthlySummary";
  /** Normal: spend crossed a threshold below 100 % (at 100 % the reason is {@link #BUDGET_EXCEEDED}). */
  public static final String BUDGET_THRESHOLD = "BudgetThreshold";
  /** Warning: spend is forecast above the limit this month. */
  public static final String BUDGET_FORECAST_EXCEEDED = "BudgetForecastExceeded";
  /** Warning: the pilot expires within a week. */
  public static final String PILOT_EXPIRES_SOON = "PilotExpiresSoon";
  /** Warning: the pilot expired; its GPU quota and endpoints went to zero. */
  public static final String PILOT_EXPIRED = "PilotExpired";
  /** Normal: the promotion was granted (the record is in status.promotion and the GenAIProjectRecord). */
  public static final String PROMOTED = "Promoted";
  /** Normal: the promotion waits for evidence or a sign-off (the checklist says which). */
  public static final String PROMOTION_HELD = "PromotionHeld";

  private static final Map<String, Kind> KINDS = Map.ofEntries(
      Map.entry(INVALID_SPEC, Kind.NEEDS_ACTION), Map.entry(INVALID_POLICY, Kind.NEEDS_ACTION),
      Map.entry(NAMESPACE_CONFLICT, Kind.NEEDS_ACTION), Map.entry(EXCEEDS_POLICY_CAP, Kind.NEEDS_ACTION),
      Map.entry(CLOUD_IAM_DISABLED, Kind.NEEDS_ACTION), Map.entry(NOT_SUPPORTED, Kind.NEEDS_ACTION),
      Map.entry(ROLE_NOT_ALLOWED, Kind.NEEDS_ACTION), Map.entry(QUOTA_EXCEEDS_BUDGET, Kind.NEEDS_ACTION),
      Map.entry(PERMISSION_DENIED, Kind.NEEDS_ACTION), Map.entry(NOT_FOUND, Kind.NEEDS_ACTION),
      Map.entry(INVALID_REQUEST, Kind.NEEDS_ACTION), Map.entry(MODEL_NOT_ALLOWED, Kind.NEEDS_ACTION),
      Map.entry(INSUFFICIENT_QUOTA, Kind.NEEDS_ACTION), Map.entry(PROMOTION_BLOCKED, Kind.NEEDS_ACTION),
      Map.entry(POLICY_FULL, Kind.NEEDS_ACTION), Map.entry(RATE_LIMITED, Kind.RETRY),
      Map.entry(OPENCOST_NOT_FOUND, Kind.NEEDS_ACTION), Map.entry(QUEUE_CONFLICT, Kind.NEEDS_ACTION),
      Map.entry(FLAVOR_NOT_FOUND, Kind.NEEDS_ACTION), Map.entry(QUEUE_INACTIVE, Kind.NEEDS_ACTION),
      Map.entry(QUEUE_HELD, Kind.WAITING), Map.entry(QUEUE_DRAINED, Kind.WAITING),
      Map.entry(QUEUE_TERMINATING, Kind.WAITING), Map.entry(MISSING_PRICES, Kind.NEEDS_ACTION),
      Map.entry(OPENCOST_RELABELLED, Kind.NEEDS_ACTION),
      Map.entry(SHARED_GOOGLE_PROJECT, Kind.NEEDS_ACTION), Map.entry(NO_USAGE_QUERY, Kind.NEEDS_ACTION),
      Map.entry(APPLY_FAILED, Kind.RETRY), Map.entry(CLOUD_UNAVAILABLE, Kind.RETRY),
      Map.entry(CONCURRENT_POLICY_CHANGE, Kind.RETRY), Map.entry(PROMETHEUS_UNAVAILABLE, Kind.RETRY),
      Map.entry(QUERY_FAILED, Kind.RETRY),
      Map.entry(PROVISIONING, Kind.WAITING), Map.entry(PENDING_APPROVAL, Kind.WAITING),
      Map.entry(DIGEST_CHANGED, Kind.WAITING), Map.entry(SCALED_TO_ZERO, Kind.WAITING),
      Map.entry(PENDING, Kind.WAITING), Map.entry(NO_DATA, Kind.WAITING), Map.entry(NOT_INSTALLED, Kind.WAITING),
      Map.entry(PARTIAL_DATA, Kind.WAITING),
      Map.entry(PROMOTION_PENDING, Kind.WAITING),
      Map.entry(BUDGET_EXCEEDED, Kind.INFO), Map.entry(OUTSIDE_ALLOWED_REGIONS, Kind.NEEDS_ACTION),
      Map.entry(LOCATION_UNKNOWN, Kind.NEEDS_ACTION), Map.entry(UNPINNED_PODS, Kind.NEEDS_ACTION));

  /** What the reason asks for; a reason not listed is information. */
  public static Kind kind(String reason) {
    return KINDS.getOrDefault(reason, Kind.INFO);
  }

  public static boolean needsAction(String reason) {
    return kind(reason) == Kind.NEEDS_ACTION;
  }

  /** A queue held on purpose (budget throttle, suspension, expiry): reported, never making the project not Ready. */
  public static boolean deliberateHold(String reason) {
    return QUEUE_HELD.equals(reason) || QUEUE_DRAINED.equals(reason);
  }

  /** The spec or the policy cannot be used at all: nothing new is provisioned. */
  public static boolean blocksEverything(String reason) {
    return INVALID_SPEC.equals(reason) || INVALID_POLICY.equals(reason);
  }
}
