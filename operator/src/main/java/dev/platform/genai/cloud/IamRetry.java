package dev.platform.genai.cloud;

import java.time.Duration;

/**
 * How an IAM failure is retried and what its message asks of a person: one schedule and one wording
 * for the policy controller, the project controller and the cluster project's number.
 */
public final class IamRetry {
  /** The first retry after a failure. */
  public static final Duration FIRST = Duration.ofSeconds(2);

  /** The longest wait between retries. */
  public static final Duration LONGEST = Duration.ofMinutes(5);

  private IamRetry() {}

  /** 2 s, 4 s, 8 s ... up to 5 min. */
  public static Duration backoff(int attempt) {
    long seconds = FIRST.toSeconds() << Math.min(attempt - 1, 10);
    return seconds > LONGEST.toSeconds() ? LONGEST : Duration.ofSeconds(seconds);
  }

  /**
   * What to fix, appended to a failure's message.
   *
   * @param serviceAccountNamed whether the request names a service account (its permissions are
   *     asked for too)
   */
  public static String hint(CloudIamException.Kind kind, boolean serviceAccountNamed) {
    return switch (kind) {
      case PERMISSION_DENIED ->
          ". The operator's Google identity needs resourcemanager.projects.getIamPolicy and"
              + " setIamPolicy on the project"
              + (serviceAccountNamed
                  ? " and iam.serviceAccounts.getIamPolicy and setIamPolicy on the service account"
                  : "")
              + " (see docs/cloud-iam.md); retrying with backoff.";
      case NOT_FOUND ->
          ". Check spec.gcp.projectId and spec.gcp.serviceAccount; retrying with backoff.";
      case INVALID -> ". Check the role names in spec.gcp.roles; retrying with backoff.";
      case POLICY_FULL ->
          ". Nothing was written; retrying with backoff in case bindings are removed.";
      case RATE_LIMITED ->
          "; retrying with backoff (every IAM write of the operator waits, not just this one).";
      default -> "; retrying with backoff.";
    };
  }
}
