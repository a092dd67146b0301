package dev.platform.genai.operator;

import java.util.List;
import java.util.Set;

/** Condition types, reasons and phases, as the brief names them. */
public final class ConditionTypes {
  private ConditionTypes() {}

  public static final String READY = "Ready";
  public static final String NAMESPACE_READY = "NamespaceReady";
  public static final String ACCESS_READY = "AccessReady";
  public static final String QUOTA_READY = "QuotaReady";
  public static final String GUARDRAILS_READY = "GuardrailsReady";
  public static final String CLOUD_ACCESS_READY = "CloudAccessReady";
  public static final String ENDPOINTS_READY = "EndpointsReady";
  public static final String APPROVED = "Approved";
  public static final String BUDGET_AT_RISK = "BudgetAtRisk";
  public static final String WITHIN_BUDGET = "WithinBudget";
  public static final String COST_TRACKING_READY = "CostTrackingReady";
  public static final String COST_ALERTS_READY = "CostAlertsReady";

  /** The parts, in the order status lists them. */
  public static final List<String> PARTS = List.of(NAMESPACE_READY, ACCESS_READY, QUOTA_READY, GUARDRAILS_READY,
      CLOUD_ACCESS_READY, APPROVED, ENDPOINTS_READY, BUDGET_AT_RISK, WITHIN_BUDGET, COST_ALERTS_READY,
      COST_TRACKING_READY);

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  // reasons a user or platform engineer must act on: phase Failed, a Warning Event, no retry storm
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String INVALID_POLICY = "InvalidPolicy";
  public static final String NAMESPACE_CONFLICT = "NamespaceConflict";
  public static final String EXCEEDS_POLICY_CAP = "ExceedsPolicyCap";
  public static final String CLOUD_IAM_DISABLED = "CloudIAMDisabled";
  public static final String NOT_SUPPORTED = "NotSupported";
  public static final String ROLE_NOT_ALLOWED = "RoleNotAllowed";
  public static final String QUOTA_EXCEEDS_BUDGET = "QuotaExceedsBudget";
  public static final Set<String> NEEDS_ACTION = Set.of(INVALID_SPEC, INVALID_POLICY, NAMESPACE_CONFLICT,
      EXCEEDS_POLICY_CAP, CLOUD_IAM_DISABLED, NOT_SUPPORTED, ROLE_NOT_ALLOWED, "PermissionDenied", "NotFound",
      "InvalidRequest",
      "ModelNotAllowed", "InsufficientQuota");

  // reasons a retry can fix
  public static final String APPLY_FAILED = "ApplyFailed";
  public static final String PROVISIONING = "Provisioning";

  // good news
  public static final String PROVISIONED = "Provisioned";
  public static final String GRANTED = "Granted";

  public static final String PHASE_PROVISIONING = "Provisioning";
  public static final String PHASE_READY = "Ready";
  public static final String PHASE_PENDING_APPROVAL = "PendingApproval";
  public static final String PHASE_FAILED = "Failed";
  public static final String PHASE_TERMINATING = "Terminating";
}
