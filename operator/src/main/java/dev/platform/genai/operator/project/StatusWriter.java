package dev.platform.genai.operator.project;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.operator.shared.EventRecorder;
import dev.platform.genai.plan.Notice;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place status is written: only when it changed (a reconcile that finds everything as
 * desired writes nothing), with the Events the change deserves and the notices the plan asked for.
 *
 * <p>The status carries state the next reconcile builds on (the promotion record, the pilot's
 * expiry, the IAM members recorded before they are added, the month's budget record), so the next
 * reconcile must read what was written. JOSDK 5.2's {@code UpdateControl.patchStatus} without
 * server-side apply drops the response ({@code ReconciliationDispatcher.reconcileExecution}): an
 * event that arrives before the informer has the write — our own namespace's, say — reconciles the
 * project as it was, and decides again from nothing (a project promoted on its approval was
 * recorded as grandfathered that way). So the write goes through {@code
 * PrimaryUpdateAndCacheUtils}: an update of the status with optimistic locking, its response kept
 * in the framework's cache over the informer's until the informer catches up (JOSDK's documented
 * way to read one's own status writes). A conflict re-reads the project from the cache and writes
 * the status again.
 */
final class StatusWriter {
  private static final Logger log = LoggerFactory.getLogger(StatusWriter.class);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final EventRecorder events;

  StatusWriter(EventRecorder events) {
    this.events = events;
  }

  /** After a reconcile: the status written (and cached) when something changed, else nothing. */
  UpdateControl<GenAIProject> write(
      GenAIProject project,
      GenAIProjectStatus status,
      List<Notice> notices,
      Context<GenAIProject> context) {
    if (changed(project, status, notices)) {
      store(project, status, context);
    }
    return UpdateControl.noUpdate();
  }

  /**
   * After a reconcile that failed: the status that says so, when it changed. The framework's retry
   * follows either way; a status that cannot be written is logged, never in place of the failure
   * being reported.
   */
  ErrorStatusUpdateControl<GenAIProject> writeOnError(
      GenAIProject project,
      GenAIProjectStatus status,
      List<Notice> notices,
      Context<GenAIProject> context) {
    if (changed(project, status, notices)) {
      try {
        store(project, status, context);
      } catch (RuntimeException e) {
        log.warn(
            "project={} could not report the failure in status: {}",
            project.getMetadata().getName(),
            e.getMessage());
      }
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  private static void store(
      GenAIProject project, GenAIProjectStatus status, Context<GenAIProject> context) {
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
        project,
        context,
        current -> {
          current.setStatus(status);
          return current;
        });
  }

  /**
   * While a deletion waits (the framework has no status update for cleanup): an edit of the status
   * and a Warning saying why, when the status changed.
   */
  void writeDuringCleanup(
      Context<GenAIProject> context, GenAIProject project, GenAIProjectStatus status, Notice why) {
    GenAIProjectStatus before = project.getStatus();
    if (same(before, status)) {
      return;
    }
    try {
      store(project, status, context);
      events.emit(project, why.type(), why.reason(), why.message());
    } catch (RuntimeException e) {
      log.warn(
          "project={} could not report the blocked cleanup: {}",
          project.getMetadata().getName(),
          e.getMessage());
    }
  }

  /** Sets the status on the project when it differs, with its Events; whether it did. */
  private boolean changed(GenAIProject project, GenAIProjectStatus status, List<Notice> notices) {
    GenAIProjectStatus before = project.getStatus();
    if (same(before, status)) {
      return false;
    }
    project.setStatus(
        status); // first: the Events go where the new status says the team can read them
    events.onStatusChange(project, before, status);
    notices.forEach(n -> events.emit(project, n.type(), n.reason(), n.message()));
    log.info(
        "project={} namespace={} generation={} phase={}",
        project.getMetadata().getName(),
        status.namespace,
        status.observedGeneration,
        status.phase);
    return true;
  }

  static boolean same(GenAIProjectStatus a, GenAIProjectStatus b) {
    return a != null && Objects.equals(JSON.asJson(a), JSON.asJson(b));
  }
}
