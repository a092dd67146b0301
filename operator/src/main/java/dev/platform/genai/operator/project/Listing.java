package dev.platform.genai.operator.project;

import java.util.List;

/** "a, b and c" for messages (the status, the parts, the endpoints). */
final class Listing {
  private Listing() {}

  static String of(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }
}
