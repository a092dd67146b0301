package dev.platform.genai.plan;

import dev.platform.genai.vocabulary.Reason;

/** An Event the plan asks for, emitted when the status that records it is written. */
public record Notice(String type, Reason reason, String message) {
  public static Notice warning(Reason reason, String message) {
    return new Notice("Warning", reason, message);
  }

  public static Notice normal(Reason reason, String message) {
    return new Notice("Normal", reason, message);
  }
}
