package dev.platform.genai.plan;

import dev.platform.genai.api.ProjectCondition;
import dev.platform.genai.vocabulary.ConditionStatus;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import java.util.Objects;
import java.util.Optional;

/**
 * What one reconcile found for one part of the environment: a condition before timestamps are
 * added.
 */
public record PartOutcome(
    ConditionType type, ConditionStatus status, Reason reason, String message) {
  public PartOutcome {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }

  public static PartOutcome ok(ConditionType type, Reason reason, String message) {
    return new PartOutcome(type, ConditionStatus.True, reason, message);
  }

  public static PartOutcome failed(ConditionType type, Reason reason, String message) {
    return new PartOutcome(type, ConditionStatus.False, reason, message);
  }

  public boolean isTrue() {
    return status == ConditionStatus.True;
  }

  /**
   * A stored condition read back as an outcome; empty when its reason is not one this version
   * writes (a newer release's, or an edit): such a part is looked at again rather than carried.
   */
  public static Optional<PartOutcome> stored(ConditionType type, ProjectCondition c) {
    return Reason.of(c.reason)
        .map(r -> new PartOutcome(type, ConditionStatus.of(c.status), r, c.message));
  }
}
