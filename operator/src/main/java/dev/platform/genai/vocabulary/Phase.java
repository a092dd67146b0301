package dev.platform.genai.vocabulary;

/** {@code status.phase}: one word for {@code kubectl get}. Conditions say why. */
public enum Phase {
  Provisioning,
  Ready,
  PendingApproval,
  PromotionPending,
  Throttled,
  Suspended,
  Expired,
  /** A person must act; a condition says what to fix. */
  Failed,
  Terminating;

  /** Whether the status's phase string is this one. */
  public boolean is(String phase) {
    return name().equals(phase);
  }
}
