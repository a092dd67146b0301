package dev.platform.genai.operator.project;

import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.plan.Notice;
import java.util.List;

/**
 * Some children (or the cloud step) could not be applied: the status to report with the plan's
 * notices, and the first cause (retried with backoff).
 */
class PartialReconcileException extends RuntimeException {
  private final transient GenAIProjectStatus status;
  private final transient List<Notice> notices;

  PartialReconcileException(GenAIProjectStatus status, List<Notice> notices, Exception cause) {
    super(cause.getMessage(), cause);
    this.status = status;
    this.notices = List.copyOf(notices);
  }

  GenAIProjectStatus status() {
    return status;
  }

  List<Notice> notices() {
    return notices;
  }
}
