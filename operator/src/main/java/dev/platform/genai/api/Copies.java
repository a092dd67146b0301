package dev.platform.genai.api;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Deep copies of status values through their JSON form: a field added to a status type is copied without anyone
 * remembering to add it to a hand-written copy (a hand-written copy that misses a field loses it silently on the
 * next status write). For the small values a plan edits (a KPI, the promotion record), never for whole objects on a
 * hot path.
 */
public final class Copies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Copies() {}

  /** A copy sharing nothing with {@code value}; null for null. */
  @SuppressWarnings("unchecked")
  public static <T> T deep(T value) {
    return value == null ? null : (T) JSON.convertValue(JSON.valueToTree(value), value.getClass());
  }
}
