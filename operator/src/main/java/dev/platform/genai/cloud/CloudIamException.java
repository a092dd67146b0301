package dev.platform.genai.cloud;

import dev.platform.genai.vocabulary.Reason;

/** An IAM call failed; the kind says whether a person must act or a retry can fix it. */
public class CloudIamException extends Exception {
  public enum Kind {
    /** HTTP 409 ABORTED: the policy changed since it was read; re-read and retry. */
    CONFLICT(Reason.ConcurrentPolicyChange),
    /** 403: the operator's identity lacks a permission; an admin must grant it. */
    PERMISSION_DENIED(Reason.PermissionDenied),
    /** 404: the project or service account does not exist. */
    NOT_FOUND(Reason.NotFound),
    /** 400: e.g. a role that does not exist. */
    INVALID(Reason.InvalidRequest),
    /**
     * 429 RESOURCE_EXHAUSTED: the calling project's IAM write quota is spent; every write of ours
     * waits.
     */
    RATE_LIMITED(Reason.RateLimited),
    /** A grant would take the allow policy past its principal limit; it is not attempted. */
    POLICY_FULL(Reason.PolicyFull),
    /** 5xx, timeouts, connection failures: retry with backoff. */
    TRANSIENT(Reason.CloudUnavailable);

    private final Reason reason;

    Kind(Reason reason) {
      this.reason = reason;
    }

    /** Whether a person must act (the vocabulary says so of the reason). */
    public boolean needsAction() {
      return reason.needsAction();
    }

    public Reason reason() {
      return reason;
    }
  }

  private final Kind kind;
  private final java.util.Set<String> subjects;

  public CloudIamException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, java.util.Set.of());
  }

  /**
   * @param subjects what Google's error details name as the cause (PreconditionFailure violations'
   *     subject)
   */
  public CloudIamException(
      Kind kind, String message, Throwable cause, java.util.Set<String> subjects) {
    super(message, cause);
    this.kind = kind;
    this.subjects = java.util.Set.copyOf(subjects);
  }

  public Kind kind() {
    return kind;
  }

  /** The members (or other subjects) Google's error details name; empty when it names none. */
  public java.util.Set<String> subjects() {
    return subjects;
  }

  /**
   * Whether Google refused this write for something in it (400 or 403), not for the moment it came
   * at.
   */
  public boolean refusesContent() {
    return kind == Kind.INVALID || kind == Kind.PERMISSION_DENIED;
  }

  /** The kind of an HTTP status code. */
  public static Kind kindOf(int httpStatus) {
    return switch (httpStatus) {
      case 409 -> Kind.CONFLICT;
      case 401, 403 -> Kind.PERMISSION_DENIED;
      case 404 -> Kind.NOT_FOUND;
      case 400 -> Kind.INVALID;
      case 429 -> Kind.RATE_LIMITED;
      default -> Kind.TRANSIENT;
    };
  }
}
