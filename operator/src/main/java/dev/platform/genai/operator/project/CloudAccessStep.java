package dev.platform.genai.operator.project;

import static dev.platform.genai.vocabulary.ConditionType.CloudAccessReady;

import dev.platform.genai.api.CloudAccessStatus;
import dev.platform.genai.api.CloudMember;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GoogleIamPolicy;
import dev.platform.genai.api.GoogleIamPolicySpec;
import dev.platform.genai.api.IamRecordEntry;
import dev.platform.genai.cloud.CloudIamException;
import dev.platform.genai.cloud.IamRetry;
import dev.platform.genai.cloud.PolicyRecord;
import dev.platform.genai.cloud.PolicyRecord.Kind;
import dev.platform.genai.model.Grant;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.operator.intents.CloudIntents;
import dev.platform.genai.operator.intents.PolicyReport;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.plan.Plan.CloudPlan;
import dev.platform.genai.vocabulary.Reason;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The cloud part of a project's reconcile, without a call to Google: its plan's grants published as
 * its wish ({@link CloudIntents}), the policy objects of the Google resources it names created when
 * missing, and CloudAccessReady read from those objects' status, which their controller ({@link
 * GoogleIamPolicyReconciler}) keeps. The status still carries the members the operator added for
 * the project ({@code status.cloudAccess}), copied from the policies' records, so that the previous
 * release keeps working after a rollback; it is no longer read as a record, only imported once from
 * a project an earlier release managed.
 */
public final class CloudAccessStep {
  static final Reason RECORDS_MISSING = Reason.GoogleIamPolicyCrdMissing;

  private final CloudIntents intents;
  private final boolean enabled;
  private final boolean recordsInstalled;

  /**
   * @param enabled whether cloud IAM is on (GENAI_GCP_CLUSTER_PROJECT set)
   * @param recordsInstalled whether the GoogleIamPolicy CRD is served: without it the operator
   *     manages no IAM
   */
  public CloudAccessStep(CloudIntents intents, boolean enabled, boolean recordsInstalled) {
    this.intents = intents;
    this.enabled = enabled;
    this.recordsInstalled = recordsInstalled;
  }

  CloudIntents intents() {
    return intents;
  }

  /**
   * @param part the CloudAccessReady outcome, or null when the project has nothing to do with the
   *     cloud
   * @param record the members for {@code status.cloudAccess} (the rollback copy), or null to keep
   *     the current one
   */
  public record Result(PartOutcome part, Set<Grant> record) {
    public static final Result NONE = new Result(null, null);
  }

  /** What an earlier release recorded in the project's status as added by the operator. */
  static Set<Grant> recorded(GenAIProject p) {
    if (p.getStatus() == null
        || p.getStatus().cloudAccess == null
        || CloudAccessStatus.GOOGLE_IAM_POLICIES.equals(p.getStatus().cloudAccess.recordedIn)) {
      return Set.of(); // our own copy: the record is on the policies
    }
    return p.getStatus().cloudAccess.members.stream()
        .map(m -> new Grant(m.resource, m.role, m.member))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  public static CloudAccessStatus toStatus(Set<Grant> record) {
    CloudAccessStatus s = new CloudAccessStatus();
    record.forEach(g -> s.members.add(new CloudMember(g.resource(), g.role(), g.member())));
    s.recordedIn = CloudAccessStatus.GOOGLE_IAM_POLICIES;
    return s;
  }

  /**
   * A plan that does not apply (blocked, or the reconcile failed before it): keep what the project
   * has.
   */
  void hold(GenAIProject project, int principalLimit) {
    if (enabled && recordsInstalled) {
      intents.publish(
          project.getMetadata().getName(),
          Kind.HOLD,
          Set.of(),
          Set.of(),
          principalLimit,
          recorded(project));
    }
  }

  Result run(GenAIProject project, CloudPlan plan, KubernetesClient client) {
    String name = project.getMetadata().getName();
    Set<Grant> legacy = recorded(project);
    if (plan.blocked() != null) {
      hold(project, plan.principalLimit());
      return new Result(plan.blocked(), null);
    }
    if (!enabled) {
      return Result.NONE;
    }
    if (!recordsInstalled) {
      return !plan.requested() && legacy.isEmpty()
          ? Result.NONE
          : new Result(
              PartOutcome.failed(
                  CloudAccessReady,
                  RECORDS_MISSING,
                  "The GoogleIamPolicy CRD (googleiampolicies.genai.platform.dev) is not installed, so the"
                      + " operator manages no Google IAM: nothing is granted or removed, and the members recorded in"
                      + " status.cloudAccess stay. Apply the chart's CRDs (helm upgrade, or kubectl apply -f crds/), then"
                      + " restart the operator."),
              null);
    }
    intents.publish(
        name, Kind.APPLY, plan.grants(), plan.withheld(), plan.principalLimit(), legacy);
    Set<Grant> ours = ours(name);
    if (!plan.requested()
        && legacy.isEmpty()
        && ours.isEmpty()
        && intents.notActedOn(name).isEmpty()) {
      return Result.NONE;
    }
    Set<String> resources = new TreeSet<>();
    plan.grants().forEach(g -> resources.add(g.resource()));
    plan.withheld().forEach(g -> resources.add(g.resource()));
    legacy.forEach(g -> resources.add(g.resource()));
    List<String> waitingFor = ensurePolicies(resources, client);
    // an earlier release's record not imported yet: status keeps it as it is until it is
    Set<Grant> record =
        !legacy.isEmpty() && !intents.notActedOn(name).isEmpty() ? null : new TreeSet<>(ours);
    if (!plan.requested()) {
      return new Result(null, record);
    }
    return new Result(outcome(plan, ours, waitingFor), record);
  }

  /**
   * The operator's members recorded for the project, from the policies' records (the status copy).
   */
  private Set<Grant> ours(String project) {
    Set<Grant> out = new TreeSet<>();
    for (String resource : intents.recordedFor(project)) {
      intents
          .policy(resource)
          .ifPresent(
              p ->
                  p.getSpec().members.stream()
                      .filter(
                          e ->
                              IamRecordEntry.OPERATOR.equals(e.origin)
                                  && e.abandoned == null
                                  && e.projects != null
                                  && e.projects.contains(project))
                      .forEach(e -> out.add(new Grant(resource, e.role, e.member))));
    }
    return out;
  }

  /**
   * Creates the policy objects that are missing; the names of those being deleted (a new one
   * follows).
   */
  private List<String> ensurePolicies(Set<String> resources, KubernetesClient client) {
    List<String> waiting = new ArrayList<>();
    for (String resource : resources) {
      Optional<GoogleIamPolicy> existing = intents.policy(resource);
      if (existing.isPresent()) {
        if (existing.get().getMetadata().getDeletionTimestamp() != null) {
          waiting.add(existing.get().getMetadata().getName());
        }
        continue;
      }
      GoogleIamPolicy p = new GoogleIamPolicy();
      p.setMetadata(
          new ObjectMetaBuilder()
              .withName(CloudIntents.objectName(resource))
              .addToLabels(
                  dev.platform.genai.model.Names.MANAGED_BY,
                  dev.platform.genai.model.Names.OPERATOR)
              .withFinalizers(GoogleIamPolicy.FINALIZER)
              .build()); // its controller's finalizer, without a patch more
      p.setSpec(new GoogleIamPolicySpec());
      p.getSpec().resource = resource;
      try {
        client.resource(p).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        waiting.add(
            p.getMetadata()
                .getName()); // there, or still being deleted: its events wake the project
      }
    }
    return waiting;
  }

  /** CloudAccessReady from the members' states in the policies' status. */
  private PartOutcome outcome(CloudPlan plan, Set<Grant> ours, List<String> waitingFor) {
    Map<String, PolicyReport> reports = new TreeMap<>();
    Map<String, String> objects = new TreeMap<>();
    for (Grant g : plan.grants()) {
      objects.put(g.resource(), CloudIntents.objectName(g.resource()));
      intents.report(g.resource()).ifPresent(r -> reports.put(g.resource(), r));
    }
    Set<Grant> refused = new TreeSet<>();
    Set<Grant> pending = new TreeSet<>();
    PolicyReport.Member why = null;
    for (Grant g : plan.grants()) {
      Optional<PolicyReport.Member> m =
          Optional.ofNullable(reports.get(g.resource())).flatMap(r -> r.member(g));
      if (m.isPresent() && m.get().inPlace()) {
        continue;
      }
      if (m.isPresent() && m.get().refused()) {
        refused.add(g);
        if (why == null
            || m.get().state().equals(Optional.of(PolicyRecord.State.REFUSED))
                && !why.state().equals(Optional.of(PolicyRecord.State.REFUSED))) {
          why = m.get();
        }
      } else {
        pending.add(g);
      }
    }
    String where =
        " (kubectl get googleiampolicy " + String.join(" ", new TreeSet<>(objects.values())) + ")";
    if (why == null && !pending.isEmpty()) {
      // the policy as a whole failed (unreachable, permission denied on the read): its Ready says
      // why
      for (Grant g : pending) {
        Optional<PolicyReport.Failure> failed =
            Optional.ofNullable(reports.get(g.resource())).flatMap(PolicyReport::failure);
        if (failed.isPresent()) {
          return PartOutcome.failed(
              CloudAccessReady,
              stored(failed.get().reason()),
              "Could not grant " + describe(pending) + ": " + failed.get().message() + where);
        }
      }
    }
    if (why != null) {
      return PartOutcome.failed(
          CloudAccessReady,
          stored(why.reason()),
          "Could not grant " + describe(refused) + ": " + why.message() + where);
    }
    if (!pending.isEmpty() || !waitingFor.isEmpty()) {
      return PartOutcome.failed(
          CloudAccessReady,
          Reason.Provisioning,
          "Granting " + describe(pending.isEmpty() ? plan.grants() : pending) + where + ".");
    }
    return PartOutcome.ok(
        CloudAccessReady,
        Reason.Granted,
        "Granted " + describe(plan.grants()) + "." + withheld(plan.withheld(), ours));
  }

  /**
   * What a suspension withholds, and what it cannot cut: a grant that was there before the
   * operator.
   */
  private static String withheld(Set<Grant> withheld, Set<Grant> ours) {
    if (withheld.isEmpty()) {
      return "";
    }
    Set<Grant> notOurs = new TreeSet<>(withheld);
    notOurs.removeAll(ours);
    return " While the project is suspended or expired, the managed models' roles are revoked: "
        + describe(withheld)
        + " (restored when it is lifted)."
        + (notOurs.isEmpty()
            ? ""
            : " Not cut, since the operator did not grant them (they were there before it): "
                + describe(notOurs)
                + "; remove them by hand to stop managed spend.");
  }

  static String hint(CloudIamException.Kind kind, ProjectModel.CloudRequest cloud) {
    return IamRetry.hint(kind, cloud != null && cloud.serviceAccount() != null);
  }

  /** For messages: who gets what where. */
  static String describe(Set<Grant> grants) {
    Map<String, List<String>> by = new HashMap<>();
    grants.forEach(
        g ->
            by.computeIfAbsent(g.resource() + " to " + g.member(), k -> new ArrayList<>())
                .add(g.role()));
    return by.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> String.join(", ", e.getValue().stream().sorted().toList()) + " on " + e.getKey())
        .reduce((x, y) -> x + "; " + y)
        .orElse("nothing");
  }

  /** Where a deleted project stands with Google: null when it may go, else why it waits. */
  record Release(Reason reason, String message) {}

  /**
   * A reason the policy controller wrote (from {@link Reason}); one of another release reads as
   * unavailable.
   */
  private static Reason stored(String reason) {
    return Reason.of(reason).orElse(Reason.CloudUnavailable);
  }

  /**
   * A deleted project asks every policy to remove its members; it lets go once none lists it. With
   * {@code genai.platform.dev/abandon-google-members: "true"} on the project, members Google will
   * not let the operator remove are left (marked abandoned in the policy's record) and the project
   * goes.
   */
  Release release(GenAIProject project, KubernetesClient client) {
    if (!enabled) {
      return null;
    }
    String name = project.getMetadata().getName();
    Set<Grant> legacy = recorded(project);
    if (!recordsInstalled) {
      return legacy.isEmpty() || abandons(project)
          ? null
          : new Release(
              RECORDS_MISSING,
              "Waiting to remove the IAM"
                  + " members this project added: the GoogleIamPolicy CRD is not installed. Apply the chart's CRDs and"
                  + " restart the operator, or set the annotation "
                  + GoogleIamPolicy.ABANDON_ANNOTATION
                  + "=true on the"
                  + " project to leave them in Google's policies.");
    }
    intents.release(name, abandons(project), legacy);
    Set<String> resources = new TreeSet<>(intents.recordedFor(name));
    legacy.forEach(g -> resources.add(g.resource()));
    ensurePolicies(resources, client);
    Set<String> left = new TreeSet<>(intents.recordedFor(name));
    left.addAll(intents.notActedOn(name));
    if (left.isEmpty()) {
      intents.forget(name);
      return null;
    }
    Reason reason = Reason.Provisioning;
    String detail = "";
    for (String r : left) {
      Optional<PolicyReport.Failure> failed = intents.report(r).flatMap(PolicyReport::failure);
      if (failed.isPresent()) {
        reason = stored(failed.get().reason());
        detail = ": " + failed.get().message();
      }
    }
    List<String> names = left.stream().map(CloudIntents::objectName).toList();
    return new Release(
        reason,
        "Waiting to remove the IAM members this project added before letting it go"
            + detail
            + " (kubectl get googleiampolicy "
            + String.join(" ", names)
            + "). If Google will never allow it,"
            + " set the annotation "
            + GoogleIamPolicy.ABANDON_ANNOTATION
            + "=true on the project to leave them in"
            + " Google's policies and let it go.");
  }

  private static boolean abandons(GenAIProject project) {
    return project.getMetadata().getAnnotations() != null
        && "true"
            .equals(project.getMetadata().getAnnotations().get(GoogleIamPolicy.ABANDON_ANNOTATION));
  }
}
