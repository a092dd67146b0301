package dev.platform.genai.vocabulary;

/** A condition's status, spelled as Kubernetes spells it. */
public enum ConditionStatus {
  True,
  False,
  Unknown;

  /** Whether a status condition's status is this one. */
  public boolean is(String status) {
    return name().equals(status);
  }

  /** The status a stored condition names; Unknown for anything else. */
  public static ConditionStatus of(String status) {
    for (ConditionStatus s : values()) {
      if (s.is(status)) {
        return s;
      }
    }
    return Unknown;
  }
}
