package dev.platform.genai.operator;

import dev.platform.genai.api.GenAIProjectStatus;

/** Some children could not be applied: the status to report, and the first cause (retried with backoff). */
class PartialReconcileException extends RuntimeException {
  private final transient GenAIProjectStatus status;

  PartialReconcileException(GenAIProjectStatus status, Exception cause) {
    super(cause.getMessage(), cause);
    this.status = status;
  }

  GenAIProjectStatus status() {
    return status;
  }
}
