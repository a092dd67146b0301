package dev.platform.genai.operator;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.cloud.CloudIamException;
import dev.platform.genai.plan.Notice;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler when cloud IAM is on: a finalizer keeps a deleted project until the IAM members recorded as
 * ours are removed from every policy. Cloud unreachable: the finalizer stays and the status says why. A policy
 * that is already clean (or gone) never blocks.
 */
public class CloudAwareReconciler extends GenAIProjectReconciler {
  private static final Logger log = LoggerFactory.getLogger(CloudAwareReconciler.class);
  private final Duration cleanupRetry;

  CloudAwareReconciler(ProjectStatusFactory statusFactory, EventRecorder events, OperatorMetrics metrics,
      CloudAccessStep cloud, Observers observers, Duration cleanupRetry) {
    super(statusFactory, events, metrics, cloud, observers, cleanupRetry);
    this.cleanupRetry = cleanupRetry;
  }

  @Override
  public DeleteControl cleanup(GenAIProject project, Context<GenAIProject> context) {
    try {
      cloud.cleanup(project);
      log.info("project={} deleted; its Google Cloud IAM members are removed", project.getMetadata().getName());
      return super.cleanup(project, context);
    } catch (CloudIamException e) {
      String message = "Waiting to remove the IAM members this project added before letting it go: "
          + e.getMessage() + CloudAccessStep.hint(e.kind(), null);
      log.warn("project={} cleanup blocked: {}", project.getMetadata().getName(), e.getMessage());
      statusWriter().writeDuringCleanup(context, project,
          statusFactory().terminating(project, e.kind().reason(), message), Notice.warning(e.kind().reason(), message));
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(cleanupRetry);
    }
  }
}
