package dev.platform.genai.values;

import java.util.Optional;

/** Lifecycle stage of a project. */
public enum Stage {
  Pilot,
  Production;

  /** Tolerant parse: a value the CRD would have rejected is empty, not an exception. */
  public static Optional<Stage> parse(String s) {
    for (Stage v : values()) {
      if (v.name().equals(s)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
