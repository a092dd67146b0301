package dev.platform.genai.values;

import java.util.Optional;

/** Data classification, from least to most sensitive. */
public enum Classification {
  Public,
  Internal,
  Confidential,
  Restricted;

  /**
   * Confidential and Restricted data: compliance sign-off, default-deny egress, approval before
   * endpoints.
   */
  public boolean sensitive() {
    return this == Confidential || this == Restricted;
  }

  public static Optional<Classification> parse(String s) {
    for (Classification v : values()) {
      if (v.name().equals(s)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
