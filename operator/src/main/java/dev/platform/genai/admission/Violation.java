package dev.platform.genai.admission;

/**
 * One broken rule: the field path (Kubernetes style, e.g. {@code spec.kpis[0].name}; empty for the whole object)
 * and a message that says what to fix.
 */
public record Violation(String path, String message) {
  @Override
  public String toString() {
    return (path.isEmpty() ? "<root>" : path) + ": " + message;
  }
}
