package dev.platform.genai.operator;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.plan.Notice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place status is written: only when it changed (a reconcile that finds everything as desired writes
 * nothing), with the Events the change deserves and the notices the plan asked for.
 */
final class StatusWriter {
  private static final Logger log = LoggerFactory.getLogger(StatusWriter.class);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final EventRecorder events;

  StatusWriter(EventRecorder events) {
    this.events = events;
  }

  /** After a reconcile: a status patch when something changed, else nothing. */
  UpdateControl<GenAIProject> write(GenAIProject project, GenAIProjectStatus status, List<Notice> notices) {
    if (!changed(project, status, notices)) {
      return UpdateControl.noUpdate();
    }
    return UpdateControl.patchStatus(project);
  }

  /** After a reconcile that failed: the status that says so, when it changed. */
  ErrorStatusUpdateControl<GenAIProject> writeOnError(GenAIProject project, GenAIProjectStatus status,
      List<Notice> notices) {
    return changed(project, status, notices) ? ErrorStatusUpdateControl.patchStatus(project)
        : ErrorStatusUpdateControl.noStatusUpdate();
  }

  /**
   * While a deletion waits (the framework has no status update for cleanup): an edit of the status and a Warning
   * saying why, when the status changed.
   */
  void writeDuringCleanup(KubernetesClient client, GenAIProject project, GenAIProjectStatus status, Notice why) {
    GenAIProjectStatus before = project.getStatus();
    if (same(before, status)) {
      return;
    }
    try {
      client.resources(GenAIProject.class).withName(project.getMetadata().getName()).editStatus(p -> {
        p.setStatus(status);
        return p;
      });
      events.emit(project, why.type(), why.reason(), why.message());
    } catch (RuntimeException e) {
      log.warn("project={} could not report the blocked cleanup: {}", project.getMetadata().getName(),
          e.getMessage());
    }
  }

  /** Sets the status on the project when it differs, with its Events; whether it did. */
  private boolean changed(GenAIProject project, GenAIProjectStatus status, List<Notice> notices) {
    GenAIProjectStatus before = project.getStatus();
    if (same(before, status)) {
      return false;
    }
    events.onStatusChange(project, before, status);
    notices.forEach(n -> events.emit(project, n.type(), n.reason(), n.message()));
    log.info("project={} namespace={} generation={} phase={}", project.getMetadata().getName(), status.namespace,
        status.observedGeneration, status.phase);
    project.setStatus(status);
    return true;
  }

  static boolean same(GenAIProjectStatus a, GenAIProjectStatus b) {
    return a != null && Objects.equals(JSON.asJson(a), JSON.asJson(b));
  }
}
