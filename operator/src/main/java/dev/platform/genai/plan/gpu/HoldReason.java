package dev.platform.genai.plan.gpu;

/**
 * Why a GPU workload is held at zero. Reasons do not undo each other: a workload comes back only
 * when none is left; the team's wake ends {@link #Idle} only, the budget's lift {@link #Budget}
 * only.
 */
public enum HoldReason {
  /** The budget's Suspend: spend reached the monthly limit. */
  Budget,
  /** The pilot expired (spec.expiresAt). */
  Expired,
  /** Every GPU signal idle over the whole window. */
  Idle
}
