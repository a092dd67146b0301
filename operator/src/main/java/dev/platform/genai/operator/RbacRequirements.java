package dev.platform.genai.operator;

import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.api.GoogleIamPolicy;
import dev.platform.genai.api.external.ClusterQueue;
import dev.platform.genai.operator.project.GenAIProjectReconciler;
import dev.platform.genai.operator.project.dependent.Recreates;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.BulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The API permissions the operator uses, derived from its own configuration (the workflow's
 * dependents, the informers, the status and Events it writes), as "group/resource:verb" strings.
 * The chart's ClusterRole must grant exactly these; a test compares them.
 */
public final class RbacRequirements {
  private RbacRequirements() {}

  /**
   * @param cloudIam whether GENAI_GCP_CLUSTER_PROJECT is set (the reconciler then keeps a
   *     finalizer)
   */
  public static Set<String> clusterWide(boolean cloudIam) {
    Set<String> out = new TreeSet<>();
    if (Cleaner.class.isAssignableFrom(GenAIProjectReconciler.class)) {
      add(
          out,
          GenAIProject.class,
          "",
          "patch"); // JOSDK adds and removes its finalizer with a JSON patch
    }
    informer(out, GenAIProject.class);
    // StatusWriter: an update with optimistic locking (PrimaryUpdateAndCacheUtils), a PUT of the
    // status subresource
    add(out, GenAIProject.class, "status", "update");
    informer(out, GenAIPlatformPolicy.class); // PolicySource
    informer(out, GenAIProjectApproval.class); // ApprovalSource
    // held, not called: each project's reader ClusterRole grants it, and RBAC's escalation check
    // lets the operator
    // create a role only with permissions it holds itself
    add(out, GenAIProject.class, "", "get");
    // likewise held to grant them: each project's Role that reads the Events of its namespace
    add(out, Event.class, "", "get");
    add(out, Event.class, "", "list");
    add(out, Event.class, "", "watch");
    add(out, Event.class, "", "create"); // EventRecorder
    add(out, Namespace.class, "", "get"); // the namespace-conflict lookup by name
    add(
        out,
        Node.class,
        "",
        "list"); // ClusterRegions: where the nodes are, for data residency (no watch)
    add(
        out,
        io.fabric8.kubernetes.api.model.Pod.class,
        "",
        "list"); // NamespacePods: pods that ran before residency
    // NamespaceGpuWorkloads and HoldStep: the namespace's GPU workloads, listed when a plan stops
    // or
    // evaluates GPUs, held at zero and brought back with a merge patch; a bare GPU pod the budget
    // stops is deleted
    add(out, io.fabric8.kubernetes.api.model.apps.Deployment.class, "", "patch");
    add(out, io.fabric8.kubernetes.api.model.apps.StatefulSet.class, "", "list");
    add(out, io.fabric8.kubernetes.api.model.apps.StatefulSet.class, "", "patch");
    add(out, io.fabric8.kubernetes.api.model.batch.v1.Job.class, "", "list");
    add(out, io.fabric8.kubernetes.api.model.batch.v1.Job.class, "", "patch");
    add(out, io.fabric8.kubernetes.api.model.batch.v1.CronJob.class, "", "list");
    add(out, io.fabric8.kubernetes.api.model.batch.v1.CronJob.class, "", "patch");
    add(out, io.fabric8.kubernetes.api.model.Pod.class, "", "delete");
    add(
        out,
        io.fabric8.kubernetes.api.model.networking.v1.Ingress.class,
        "",
        "list"); // NamespaceTenancy: what breaks the tenant boundary (Services, NetworkPolicies
    // and RoleBindings it lists with the verbs its informers hold)
    add(
        out,
        ClusterQueue.class,
        "",
        "get"); // the ClusterQueue-conflict lookup by name, and its release
    add(
        out,
        Namespace.class,
        "",
        "delete"); // a deleted project's namespace goes with its ClusterQueue
    out.add(
        "apiextensions.k8s.io/customresourcedefinitions:get"); // OptionalApis: are optional CRDs
    // there
    // ProjectRecords: the records a status wipe must not lose (informer; created, updated, deleted
    // with the project)
    informer(out, dev.platform.genai.api.GenAIProjectRecord.class);
    add(out, dev.platform.genai.api.GenAIProjectRecord.class, "", "create");
    add(out, dev.platform.genai.api.GenAIProjectRecord.class, "", "update");
    add(out, dev.platform.genai.api.GenAIProjectRecord.class, "", "delete");
    if (cloudIam) { // the GoogleIamPolicy records and their controller (GoogleIamPolicyReconciler)
      Class<GoogleIamPolicy> gip = GoogleIamPolicy.class;
      informer(out, gip);
      add(out, gip, "", "create"); // CloudAccessStep: the first project naming a Google resource
      add(out, gip, "", "update"); // the record (spec), with optimistic locking
      add(
          out, gip, "",
          "patch"); // JOSDK removes the object's finalizer (the project step creates it with it)
      add(out, gip, "", "delete"); // the controller deletes an empty record no project names
    }
    // GatewayStep: the project's objects at Envoy AI Gateway, watched (informers registered once
    // the kinds are served), written, and deleted when no longer wanted
    for (var k : dev.platform.genai.desired.DesiredAiGateway.KINDS) {
      String resource = k.group() + "/" + k.plural();
      for (String verb : List.of("list", "watch", "create", "update", "delete")) {
        out.add(resource + ":" + verb);
      }
    }
    Workflow workflow = GenAIProjectReconciler.class.getAnnotation(Workflow.class);
    for (Dependent d : workflow.dependents()) {
      Class<? extends HasMetadata> type = resourceType(d);
      informer(out, type);
      add(out, type, "", "create");
      add(out, type, "", "update");
      boolean deletedWhenConditionFails = d.reconcilePrecondition() != Condition.class;
      boolean bulk =
          BulkDependentResource.class.isAssignableFrom(
              d.type()); // deletes the objects of an endpoint removed from the spec
      if (deletedWhenConditionFails || bulk || Recreates.class.isAssignableFrom(d.type())) {
        add(out, type, "", "delete");
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends HasMetadata> resourceType(Dependent d) {
    return (Class<? extends HasMetadata>) instance(d).resourceType();
  }

  private static DependentResource<?, ?> instance(Dependent d) {
    try {
      return d.type().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot instantiate dependent " + d.type(), e);
    }
  }

  private static void informer(Set<String> out, Class<? extends HasMetadata> type) {
    add(out, type, "", "list");
    add(out, type, "", "watch");
  }

  private static void add(
      Set<String> out, Class<? extends HasMetadata> type, String sub, String verb) {
    String resource = HasMetadata.getPlural(type) + (sub.isEmpty() ? "" : "/" + sub);
    out.add(HasMetadata.getGroup(type) + "/" + resource + ":" + verb);
  }
}
