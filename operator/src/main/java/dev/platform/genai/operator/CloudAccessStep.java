package dev.platform.genai.operator;

import static dev.platform.genai.plan.Conditions.CLOUD_ACCESS_READY;

import dev.platform.genai.api.CloudAccessStatus;
import dev.platform.genai.api.CloudMember;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.cloud.CloudAccessSync;
import dev.platform.genai.cloud.CloudIamException;
import dev.platform.genai.model.Grant;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.plan.Plan.CloudPlan;
import dev.platform.genai.plan.Reasons;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The cloud part of applying a plan: its grants synced through {@link CloudAccessSync}, reported as
 * CloudAccessReady, with the record of what was added kept in status. Never throws: a failure is an outcome.
 */
final class CloudAccessStep {
  private final CloudAccessSync sync;
  private final Duration recheck;
  private final Clock clock;
  /** By project UID: the last sync that found the policies as desired, and when. */
  private final Map<String, Synced> synced = new ConcurrentHashMap<>();

  private record Synced(Set<Grant> desired, Set<Grant> record, Instant at) {}

  /**
   * @param sync null when cloud IAM is off (GENAI_GCP_CLUSTER_PROJECT unset)
   * @param recheck how long a sync that found everything in place stands: reconciles within it (a mass resync
   *     after a policy change, a cost evaluation) make no IAM call unless the grants or the record changed
   */
  CloudAccessStep(CloudAccessSync sync, Duration recheck, Clock clock) {
    this.sync = sync;
    this.recheck = recheck;
    this.clock = clock;
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

  Result run(GenAIProject project, CloudPlan plan) {
    Set<Grant> recorded = recorded(project);
    if (plan.blocked() != null) {
      return new Result(plan.blocked(), null, false, plan.retry());
    }
    if (sync == null || (!plan.requested() && recorded.isEmpty())) {
      return Result.NONE;
    }
    Set<Grant> desired = plan.grants();
    PartOutcome granted = plan.requested() ? PartOutcome.ok(CLOUD_ACCESS_READY, Reasons.GRANTED,
        "Granted " + CloudAccessSync.describe(desired) + "." + withheld(plan.withheld(), recorded)) : null;
    String uid = project.getMetadata().getUid();
    Synced last = uid == null ? null : synced.get(uid);
    Instant now = clock.instant();
    if (last != null && last.desired().equals(desired) && last.record().equals(recorded)
        && now.isBefore(last.at().plus(recheck))) {
      return new Result(granted, recorded, false, false);
    }
    try {
      CloudAccessSync.Outcome outcome = sync.sync(desired, plan.withheld(), recorded, plan.principalLimit());
      if (outcome instanceof CloudAccessSync.NeedsRecord needs) {
        return new Result(PartOutcome.failed(CLOUD_ACCESS_READY, Reasons.PROVISIONING,
            "Recording the IAM members to add before adding them: " + CloudAccessSync.describe(needs.toAdd())
                + "."), needs.record(), true, false);
      }
      if (uid != null) {
        synced.put(uid, new Synced(Set.copyOf(desired), Set.copyOf(outcome.record()), now));
      }
      return new Result(granted, outcome.record(), false, false);
    } catch (CloudIamException e) {
      String what = desired.isEmpty() ? "remove the IAM members this project no longer needs"
          : "grant " + CloudAccessSync.describe(desired);
      return new Result(PartOutcome.failed(CLOUD_ACCESS_READY, e.kind().reason(),
          "Could not " + what + ": " + e.getMessage() + hint(e.kind(), null)), null, false, true);
    }
  }

  /** What a suspension withholds, and what it cannot cut: a grant that was there before the operator. */
  private static String withheld(Set<Grant> withheld, Set<Grant> recorded) {
    if (withheld.isEmpty()) {
      return "";
    }
    Set<Grant> notOurs = new TreeSet<>(withheld);
    notOurs.removeAll(recorded);
    return " While the project is suspended or expired, the managed models' roles are revoked: "
        + CloudAccessSync.describe(withheld) + " (restored when it is lifted)."
        + (notOurs.isEmpty() ? "" : " Not cut, since the operator did not grant them (they were there before it): "
            + CloudAccessSync.describe(notOurs) + "; remove them by hand to stop managed spend.");
  }

  static String hint(CloudIamException.Kind kind, ProjectModel.CloudRequest cloud) {
    return switch (kind) {
      case PERMISSION_DENIED -> ". The operator's Google identity needs resourcemanager.projects.getIamPolicy and"
          + " setIamPolicy on the project" + (cloud != null && cloud.serviceAccount() != null
              ? " and iam.serviceAccounts.getIamPolicy and setIamPolicy on the service account" : "")
          + " (see docs/cloud-iam.md); retrying with backoff.";
      case NOT_FOUND -> ". Check spec.gcp.projectId and spec.gcp.serviceAccount; retrying with backoff.";
      case INVALID -> ". Check the role names in spec.gcp.roles; retrying with backoff.";
      case POLICY_FULL -> ". Nothing was written; retrying with backoff in case bindings are removed.";
      case RATE_LIMITED -> "; retrying with backoff (every IAM write of the operator waits, not just this one).";
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
}
