package dev.platform.genai.operator.project;

import dev.platform.genai.cloud.CloudIamException;
import dev.platform.genai.cloud.IamPolicies;
import dev.platform.genai.cloud.IamRetry;
import dev.platform.genai.plan.CloudIdentity;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The cluster's Google project number (for direct Workload Identity principals), looked up off the
 * projects' reconciles: on a thread of its own at start, again with backoff (2 s to 5 min) while
 * Google fails, never again once known. A project reconciled before it is known waits
 * (CloudAccessReady Provisioning) and is woken when it arrives; a slow or hung Google holds this
 * thread only.
 */
public final class ClusterProjectNumber implements AutoCloseable {
  private final IamPolicies iam;
  private final String clusterProject;
  private final Runnable onChange;
  private final ScheduledExecutorService timer;
  private volatile Long number;
  private volatile CloudIamException failure;
  private int attempts;

  public ClusterProjectNumber(IamPolicies iam, String clusterProject, Runnable onChange) {
    this.iam = iam;
    this.clusterProject = clusterProject;
    this.onChange = onChange;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cluster-project-number");
              t.setDaemon(true);
              return t;
            });
    timer.execute(this::lookUp);
  }

  private void lookUp() {
    try {
      number = iam.projectNumber(clusterProject);
      failure = null;
      onChange.run();
    } catch (CloudIamException e) {
      failure = e;
      onChange.run();
      timer.schedule(this::lookUp, IamRetry.backoff(++attempts).toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      failure = new CloudIamException(CloudIamException.Kind.TRANSIENT, e.toString(), e);
      timer.schedule(this::lookUp, IamRetry.backoff(++attempts).toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * The identity for a plan: the number when known, why not when Google failed, a wait until then.
   */
  CloudIdentity identity() {
    Long n = number;
    if (n != null) {
      return CloudIdentity.of(clusterProject, n);
    }
    CloudIamException e = failure;
    if (e != null) {
      return CloudIdentity.failed(
          clusterProject,
          PartOutcome.failed(
              ConditionType.CloudAccessReady,
              e.kind().reason(),
              "Could not look up the number of the cluster's Google project "
                  + clusterProject
                  + " (for its Workload Identity pool): "
                  + e.getMessage()
                  + IamRetry.hint(e.kind(), false)));
    }
    return CloudIdentity.failed(
        clusterProject,
        PartOutcome.failed(
            ConditionType.CloudAccessReady,
            Reason.Provisioning,
            "Looking up the number of the cluster's Google project "
                + clusterProject
                + " (for its Workload Identity pool)."));
  }

  /** For tests. */
  Duration nextRetry() {
    return IamRetry.backoff(attempts + 1);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
