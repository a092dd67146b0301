package dev.platform.genai.vocabulary;

import java.util.Optional;

/**
 * An enum constant by the word a stored status holds; empty for a word this release does not know.
 */
final class Lookup {
  private Lookup() {}

  static <E extends Enum<E>> Optional<E> of(Class<E> type, String word) {
    if (word == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Enum.valueOf(type, word));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
