package dev.platform.genai.plan;

/** An Event the plan asks for, emitted when the status that records it is written. */
public record Notice(String type, String reason, String message) {
  public static Notice warning(String reason, String message) {
    return new Notice("Warning", reason, message);
  }

  public static Notice normal(String reason, String message) {
    return new Notice("Normal", reason, message);
  }
}
