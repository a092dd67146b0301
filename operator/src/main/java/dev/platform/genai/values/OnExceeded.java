package dev.platform.genai.values;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What happens when spend reaches the cap ({@code spec.budget.onExceeded}), spelled as the CRD
 * spells it.
 */
public enum OnExceeded {
  /** Events and conditions only. */
  Alert,
  /** The GPU quota set to zero: no new GPU pod starts. */
  Throttle,
  /** Throttle, and the model endpoints scaled to zero. */
  Suspend;

  /** The default when the spec says nothing. */
  public static final OnExceeded DEFAULT = Alert;

  /**
   * The value a spec names; null reads as the default. A value this release does not know is
   * refused with what to write instead, never read as Alert ("nothing is stopped"): the offline
   * admission refuses it first (the CRD's rule), this is the guard behind it.
   */
  public static OnExceeded of(String stored) {
    if (stored == null) {
      return DEFAULT;
    }
    for (OnExceeded o : values()) {
      if (o.name().equals(stored)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "spec.budget.onExceeded: \""
            + stored
            + "\" is not one of "
            + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
  }
}
