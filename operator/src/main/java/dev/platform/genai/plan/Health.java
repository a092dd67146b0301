package dev.platform.genai.plan;

import dev.platform.genai.vocabulary.Phase;
import dev.platform.genai.vocabulary.Reason;

/**
 * What a GitOps tool should make of a project: the table behind kstatus' Reconciling and Stalled
 * conditions (what Flux and kpt read) and the Argo CD health check ({@code
 * docs/argocd/genaiproject-health.lua}).
 *
 * <pre>
 * phase             Ready  Reconciling  Stalled  kstatus (Flux)  Argo CD
 * Provisioning      False  True         False    InProgress      Progressing
 * Ready             True   False        False    Current         Healthy
 * PendingApproval   False  False        True     Failed          Suspended   a person (compliance) must act
 * PromotionPending  False  True         False    InProgress      Suspended   evidence still accruing
 *                   False  False        True     Failed          Suspended   ... or a person must act
 * Throttled         False  False        False    Current         Suspended   deliberate: the budget rule works
 * Suspended         False  False        False    Current         Suspended
 * Expired           False  False        False    Current         Suspended
 * Failed            False  False        True     Failed          Degraded
 * Terminating       -      True         False    Terminating     Progressing
 * </pre>
 *
 * A human-gated wait is not healthy (kstatus Failed; Argo CD Suspended, since nothing is broken); a
 * deliberate suspension is not failed (kstatus Current, with Ready False saying why; Argo CD
 * Suspended).
 */
public enum Health {
  /** Reconciling=True: the operator works, or waits for what comes by itself. */
  RECONCILING,
  /** Stalled=True: a person must act. */
  STALLED,
  /** Both False: nothing is left for the operator to do. */
  SETTLED;

  /**
   * @param readyReason the Ready condition's reason (for a promotion: whether a person must act)
   */
  public static Health of(Phase phase, String readyReason) {
    return switch (phase) {
      case Ready, Throttled, Suspended, Expired -> SETTLED;
      case Failed, PendingApproval -> STALLED;
      case PromotionPending -> Reason.needsAction(readyReason) ? STALLED : RECONCILING;
      case Provisioning, Terminating -> RECONCILING;
    };
  }
}
