package dev.platform.genai.admission;

/**
 * One broken rule: the field path (Kubernetes style, e.g. {@code spec.kpis[0].name}; empty for the
 * whole object) and a message that says what to fix.
 */
public record Violation(String path, String message) {
  /**
   * A problem written as "path: message", or "spec.x.y must ..." (the path is its first word), or a
   * message alone.
   */
  public static Violation parse(String problem) {
    int colon = problem.indexOf(": ");
    int space = problem.indexOf(' ');
    if (problem.startsWith("spec.") && space > 0 && (colon < 0 || space < colon)) {
      return new Violation(problem.substring(0, space), problem.substring(space + 1));
    }
    return colon < 0
        ? new Violation("", problem)
        : new Violation(problem.substring(0, colon), problem.substring(colon + 2));
  }

  @Override
  public String toString() {
    return (path.isEmpty() ? "<root>" : path) + ": " + message;
  }
}
