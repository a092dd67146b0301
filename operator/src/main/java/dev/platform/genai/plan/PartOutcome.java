package dev.platform.genai.plan;

import dev.platform.genai.vocabulary.Conditions;

/** What one reconcile found for one part of the environment: a condition before timestamps are added. */
public record PartOutcome(String type, String status, String reason, String message) {
  public static PartOutcome ok(String type, String reason, String message) {
    return new PartOutcome(type, Conditions.TRUE, reason, message);
  }

  public static PartOutcome failed(String type, String reason, String message) {
    return new PartOutcome(type, Conditions.FALSE, reason, message);
  }

  public boolean isTrue() {
    return Conditions.TRUE.equals(status);
  }
}
