package dev.platform.genai.operator;

/** What one reconcile found for one part of the environment: a condition before timestamps are added. */
public record PartOutcome(String type, String status, String reason, String message) {
  public static PartOutcome ok(String type, String reason, String message) {
    return new PartOutcome(type, ConditionTypes.TRUE, reason, message);
  }

  public static PartOutcome failed(String type, String reason, String message) {
    return new PartOutcome(type, ConditionTypes.FALSE, reason, message);
  }

  public boolean isTrue() {
    return ConditionTypes.TRUE.equals(status);
  }
}
