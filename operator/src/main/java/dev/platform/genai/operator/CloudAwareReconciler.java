package dev.platform.genai.operator;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.ProjectCondition;
import dev.platform.genai.cloud.CloudIamException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler when cloud IAM is on: a finalizer keeps a deleted project until the IAM members recorded as
 * ours are removed from every policy. Cloud unreachable: the finalizer stays and the status says why. A policy
 * that is already clean (or gone) never blocks.
 */
public class CloudAwareReconciler extends GenAIProjectReconciler implements Cleaner<GenAIProject> {
  private static final Logger log = LoggerFactory.getLogger(CloudAwareReconciler.class);
  private final Duration cleanupRetry;
  private final Clock clock;
  private final EventRecorder events;

  CloudAwareReconciler(ProjectStatusFactory statusFactory, EventRecorder events, OperatorMetrics metrics,
      CloudAccessStep cloud, FinOpsStep finops, Clock clock, Duration cleanupRetry) {
    super(statusFactory, events, metrics, cloud, finops);
    this.events = events;
    this.clock = clock;
    this.cleanupRetry = cleanupRetry;
  }

  @Override
  public DeleteControl cleanup(GenAIProject project, Context<GenAIProject> context) {
    try {
      cloud.cleanup(project);
      log.info("project={} deleted; its Google Cloud IAM members are removed", project.getMetadata().getName());
      return DeleteControl.defaultDelete();
    } catch (CloudIamException e) {
      String message = "Waiting to remove the IAM members this project added before letting it go: "
          + e.getMessage() + CloudAccessStep.hint(e.kind(), null);
      log.warn("project={} cleanup blocked: {}", project.getMetadata().getName(), e.getMessage());
      report(project, context, e.kind().reason(), message);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(cleanupRetry);
    }
  }

  /** Says in status why deletion waits; written only when the reason or message changed. */
  private void report(GenAIProject project, Context<GenAIProject> context, String reason, String message) {
    ProjectCondition previous = project.getStatus() == null ? null : project.getStatus().conditions.stream()
        .filter(c -> ConditionTypes.CLOUD_ACCESS_READY.equals(c.type)).findFirst().orElse(null);
    if (previous != null && Objects.equals(previous.reason, reason) && Objects.equals(previous.message, message)
        && ConditionTypes.PHASE_TERMINATING.equals(project.getStatus().phase)) {
      return;
    }
    try {
      context.getClient().resources(GenAIProject.class).withName(project.getMetadata().getName())
          .editStatus(p -> {
            if (p.getStatus() == null) {
              p.setStatus(new dev.platform.genai.api.GenAIProjectStatus());
            }
            p.getStatus().phase = ConditionTypes.PHASE_TERMINATING;
            p.getStatus().conditions.removeIf(c -> ConditionTypes.CLOUD_ACCESS_READY.equals(c.type));
            p.getStatus().conditions.add(new ProjectCondition(ConditionTypes.CLOUD_ACCESS_READY,
                ConditionTypes.FALSE, p.getMetadata().getGeneration(),
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(), reason, message));
            return p;
          });
      events.emit(project, "Warning", reason, message);
    } catch (RuntimeException e) {
      log.warn("project={} could not report the blocked cleanup: {}", project.getMetadata().getName(),
          e.getMessage());
    }
  }
}
