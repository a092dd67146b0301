package dev.platform.genai.cost;

/** A Prometheus query failed: unreachable (retry) or refused (the query is wrong). */
public class PrometheusException extends Exception {
  private final boolean unreachable;

  public PrometheusException(boolean unreachable, String message, Throwable cause) {
    super(message, cause);
    this.unreachable = unreachable;
  }

  public boolean unreachable() {
    return unreachable;
  }
}
