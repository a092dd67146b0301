package dev.platform.genai.operator;

import static dev.platform.genai.operator.ConditionTypes.CLOUD_ACCESS_READY;

import dev.platform.genai.api.CloudAccessStatus;
import dev.platform.genai.api.CloudMember;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.cloud.CloudAccessSync;
import dev.platform.genai.cloud.CloudGrants;
import dev.platform.genai.cloud.CloudIamException;
import dev.platform.genai.cloud.Grant;
import dev.platform.genai.cloud.IamPolicies;
import dev.platform.genai.model.ProjectModel;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The cloud part of a reconcile: spec.gcp into IAM grants, synced through {@link CloudAccessSync}, reported as
 * CloudAccessReady, with the record of what was added kept in status. Never throws: a failure is an outcome.
 */
final class CloudAccessStep {
  private final IamPolicies iam;
  private final CloudAccessSync sync;
  private final String clusterProject;
  private final java.time.Duration recheck;
  /** By project UID: the last sync that found the policies as desired, and when (System.nanoTime). */
  private final java.util.Map<String, Synced> synced = new java.util.concurrent.ConcurrentHashMap<>();

  private record Synced(Set<Grant> desired, Set<Grant> record, long at) {}


  /** @param iam null when cloud IAM is off (GENAI_GCP_CLUSTER_PROJECT unset) */
  CloudAccessStep(IamPolicies iam, CloudAccessSync sync, String clusterProject) {
    this(iam, sync, clusterProject, java.time.Duration.ZERO);
  }

  /**
   * @param recheck how long a sync that found everything in place stands: reconciles within it (a mass resync
   *     after a policy change, a cost evaluation) make no IAM call unless the grants or the record changed
   */
  CloudAccessStep(IamPolicies iam, CloudAccessSync sync, String clusterProject, java.time.Duration recheck) {
    this.iam = iam;
    this.sync = sync;
    this.clusterProject = clusterProject;
    this.recheck = recheck;
  }

  /**
   * @param part the CloudAccessReady outcome, or null when the project has nothing to do with the cloud
   * @param record the new record for status, or null to keep the current one
   * @param requeue reconcile again right after the status is written (the record must land before the add)
   * @param retry a failure a retry may fix, or a person must fix and we re-check with backoff
   */
  record Result(PartOutcome part, Set<Grant> record, boolean requeue, boolean retry) {
    static final Result NONE = new Result(null, null, false, false);
  }

  static Set<Grant> recorded(GenAIProject p) {
    if (p.getStatus() == null || p.getStatus().cloudAccess == null) {
      return Set.of();
    }
    return p.getStatus().cloudAccess.members.stream().map(m -> new Grant(m.resource, m.role, m.member))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static CloudAccessStatus toStatus(Set<Grant> record) {
    CloudAccessStatus s = new CloudAccessStatus();
    record.forEach(g -> s.members.add(new CloudMember(g.resource(), g.role(), g.member())));
    return s;
  }

  Result run(GenAIProject project, ProjectModel model) {
    Set<Grant> recorded = recorded(project);
    ProjectModel.CloudRequest cloud = model.cloud();
    if (cloud == null && recorded.isEmpty()) {
      return Result.NONE;
    }
    if (iam == null) {
      return cloud == null ? Result.NONE : new Result(PartOutcome.failed(CLOUD_ACCESS_READY,
          ConditionTypes.CLOUD_IAM_DISABLED, "spec.gcp is set, but this operator has no Google Cloud IAM"
              + " configured (GENAI_GCP_CLUSTER_PROJECT is unset), so no cloud access is granted. Ask the platform"
              + " team, or remove spec.gcp."), null, false, false);
    }
    if (cloud != null && !cloud.denied().isEmpty()) {
      return new Result(PartOutcome.failed(CLOUD_ACCESS_READY, ConditionTypes.ROLE_NOT_ALLOWED,
          "Nothing is granted in Google Cloud: " + String.join("; ", cloud.denied())
              + ". Change spec.gcp, or ask the platform team to change GenAIPlatformPolicy default."),
          null, false, false);
    }
    Set<Grant> desired = Set.of();
    try {
      if (cloud != null) {
        long number = cloud.serviceAccount() == null ? iam.projectNumber(clusterProject) : 0L;
        desired = CloudGrants.of(cloud, model.namespace(), clusterProject, number);
      }
      String uid = project.getMetadata().getUid();
      Synced last = uid == null ? null : synced.get(uid);
      if (last != null && last.desired().equals(desired) && last.record().equals(recorded)
          && System.nanoTime() - last.at() < recheck.toNanos()) {
        return new Result(cloud == null ? null : PartOutcome.ok(CLOUD_ACCESS_READY, ConditionTypes.GRANTED,
            "Granted " + CloudAccessSync.describe(desired) + "."), recorded, false, false);
      }
      CloudAccessSync.Outcome outcome = sync.sync(desired, recorded);
      if (outcome instanceof CloudAccessSync.Synced done && uid != null) {
        synced.put(uid, new Synced(Set.copyOf(desired), Set.copyOf(done.record()), System.nanoTime()));
      }
      if (outcome instanceof CloudAccessSync.NeedsRecord needs) {
        return new Result(PartOutcome.failed(CLOUD_ACCESS_READY, ConditionTypes.PROVISIONING,
            "Recording the IAM members to add before adding them: " + CloudAccessSync.describe(needs.toAdd())
                + "."), needs.record(), true, false);
      }
      PartOutcome part = cloud == null ? null : PartOutcome.ok(CLOUD_ACCESS_READY, ConditionTypes.GRANTED,
          "Granted " + CloudAccessSync.describe(desired) + ".");
      return new Result(part, outcome.record(), false, false);
    } catch (CloudIamException e) {
      String what = desired.isEmpty() ? "remove the IAM members this project no longer needs"
          : "grant " + CloudAccessSync.describe(desired);
      return new Result(PartOutcome.failed(CLOUD_ACCESS_READY, e.kind().reason(),
          "Could not " + what + ": " + e.getMessage() + hint(e.kind(), cloud)), null, false, true);
    }
  }

  static String hint(CloudIamException.Kind kind, ProjectModel.CloudRequest cloud) {
    return switch (kind) {
      case PERMISSION_DENIED -> ". The operator's Google identity needs resourcemanager.projects.getIamPolicy and"
          + " setIamPolicy on the project" + (cloud != null && cloud.serviceAccount() != null
              ? " and iam.serviceAccounts.getIamPolicy and setIamPolicy on the service account" : "")
          + " (see docs/cloud-iam.md); retrying with backoff.";
      case NOT_FOUND -> ". Check spec.gcp.projectId and spec.gcp.serviceAccount; retrying with backoff.";
      case INVALID -> ". Check the role names in spec.gcp.roles; retrying with backoff.";
      default -> "; retrying with backoff.";
    };
  }

  /** Removes every recorded member; throws when the cloud cannot be reached or refuses. */
  void cleanup(GenAIProject project) throws CloudIamException {
    String uid = project.getMetadata().getUid();
    if (uid != null) {
      synced.remove(uid);
    }
    Set<Grant> recorded = recorded(project);
    if (!recorded.isEmpty()) {
      sync.cleanup(recorded);
    }
  }

  boolean enabled() {
    return iam != null;
  }
}
