package dev.platform.genai.operator.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.api.external.ClusterQueue;
import dev.platform.genai.api.external.InferenceService;
import dev.platform.genai.cloud.BucketLocations;
import dev.platform.genai.cost.CostScheduler;
import dev.platform.genai.desired.FrozenEndpoints;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.operator.shared.OptionalApis;
import dev.platform.genai.plan.CloudIdentity;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Observed;
import dev.platform.genai.plan.Planner.Admission;
import dev.platform.genai.plan.finops.GatewayMetering;
import dev.platform.genai.plan.finops.GoogleProjectSharing;
import dev.platform.genai.plan.finops.GoogleProjectSharing.Sharing;
import dev.platform.genai.plan.gpu.IdleSettings;
import dev.platform.genai.plan.gpu.WorkloadReader;
import dev.platform.genai.plan.kueue.GpuQueues;
import dev.platform.genai.plan.kueue.QueueObserved;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The observe step: reads, once per reconcile, everything the plan depends on besides the resource
 * and the policy — from the informers' caches, our own optional-API check, Prometheus when an
 * evaluation is due, and the cluster project's number (looked up once). Writes nothing.
 */
public final class Observer {
  private final Clock clock;
  private final OptionalApis apis;
  private final CostScheduler cost;
  private final ClusterProjectNumber clusterProject;
  private final Function<String, List<GenAIProjectApproval>> approvals;
  private final BucketLocations buckets;
  private final SimpleInboundEventSource<GenAIProject> bucketsRead =
      new SimpleInboundEventSource<>("bucket-locations");
  private volatile ClusterRegions regions;
  private volatile NamespacePods pods;
  private volatile NamespaceTenancy tenancy;

  /**
   * What in the namespace of a project whose plan was applied (the namespace is its own) breaks the
   * tenant boundary; null when its objects cannot be listed.
   */
  List<String> tenancyFindings(dev.platform.genai.plan.Plan plan, Context<GenAIProject> context) {
    NamespaceTenancy t = tenancy;
    if (t == null) {
      t = new NamespaceTenancy(context.getClient(), clock);
      tenancy = t;
    }
    return t.findings(plan.model());
  }

  /**
   * @param clusterProject the cluster project's number, looked up off the reconcile; null when
   *     cloud IAM is off
   * @param approvals the approvals naming a project (from the approvals informer)
   */
  public Observer(
      Clock clock,
      OptionalApis apis,
      CostScheduler cost,
      ClusterProjectNumber clusterProject,
      Function<String, List<GenAIProjectApproval>> approvals) {
    this(clock, apis, cost, clusterProject, approvals, null);
  }

  /**
   * @param buckets Cloud Storage's bucket locations, or null when Google Cloud access is off
   */
  public Observer(
      Clock clock,
      OptionalApis apis,
      CostScheduler cost,
      ClusterProjectNumber clusterProject,
      Function<String, List<GenAIProjectApproval>> approvals,
      BucketLocations buckets) {
    this.buckets = buckets;
    this.clock = clock;
    this.apis = apis;
    this.cost = cost;
    this.clusterProject = clusterProject;
    this.approvals = approvals;
  }

  /** The optional APIs installed now. */
  InstalledApis installed() {
    return apis.installed();
  }

  Observed observe(Admission admission, Context<GenAIProject> context) {
    Instant now = clock.instant();
    InstalledApis installed = apis.installed();
    GenAIProject project = admission.project();
    ProjectModel model = admission.model();
    if (admission.blocker() != null || model == null) {
      return Observed.at(now, installed).build();
    }
    Sharing sharing = sharing(project, context);
    Namespace ours =
        context.getSecondaryResources(Namespace.class).stream()
            .filter(ns -> model.namespace().equals(ns.getMetadata().getName()))
            .findFirst()
            .orElse(null);
    return Observed.at(now, installed)
        .approvals(approvals.apply(project.getMetadata().getName()))
        .namespaceTaken(ours == null && namespaceTaken(project, model.namespace(), context))
        .namespaceStage(
            ours == null || !ownedBy(ours, project)
                ? null
                : ours.getMetadata().getLabels().get(Names.STAGE))
        .runningEndpoints(running(context, installed))
        .cost(
            cost.read(
                project,
                model.namespace(),
                model,
                GatewayMetering.of(model, admission.policy(), installed.aiGateway()),
                IdleSettings.of(
                    admission.policy().idleReclaim(), model.stage(), model.gpu().type(), project),
                now))
        .cloud(cloudIdentity(model.cloud()))
        .queue(queue(project, installed, context))
        .sharingGoogleProject(sharing.names())
        .sharingDescribed(sharing.described())
        .buckets(buckets(project, model))
        .clusterRegions(clusterRegions(model, context))
        .unpinnedPods(unpinnedPods(model, ours, context))
        .gpuWorkloads(
            ours == null
                ? WorkloadReader.NONE
                : NamespaceGpuWorkloads.reader(
                    context.getClient(),
                    model.namespace(),
                    model.gpu(),
                    installed.inferenceServices()))
        .build();
  }

  /**
   * The namespace's pods not pinned to its regions, where residency applies (listed every ten
   * minutes at most).
   */
  private List<String> unpinnedPods(
      ProjectModel model, Namespace ours, Context<GenAIProject> context) {
    if (!model.residency().applies() || ours == null) {
      return List.of();
    }
    NamespacePods p = pods;
    if (p == null) {
      p = new NamespacePods(context.getClient(), clock);
      pods = p;
    }
    return p.unpinned(model.namespace(), model.residency().regions());
  }

  /**
   * The cluster's nodes by region, where residency applies (one list every ten minutes at most).
   */
  private Map<String, Integer> clusterRegions(ProjectModel model, Context<GenAIProject> context) {
    if (!model.residency().applies()) {
      return Map.of();
    }
    ClusterRegions r = regions;
    if (r == null) {
      r = new ClusterRegions(context.getClient(), clock);
      regions = r;
    }
    return r.read();
  }

  /**
   * Where the weights' buckets of the self-hosted endpoints are, where residency applies: as the
   * operator last read them (an hour at most); a bucket not read yet is read off the reconcile and
   * the project woken when Cloud Storage answered. Null when the operator cannot ask (Google Cloud
   * access off).
   */
  private Map<String, Observed.BucketPlace> buckets(GenAIProject project, ProjectModel model) {
    if (!model.residency().applies()) {
      return Map.of();
    }
    if (buckets == null) {
      return null;
    }
    Map<String, Observed.BucketPlace> out = new TreeMap<>();
    for (ModelEndpoints.SelfHosted e : model.endpoints().selfHosted()) {
      String bucket = BucketLocations.bucketOf(e.storageUri());
      if (bucket != null && !out.containsKey(bucket)) {
        ResourceID id = ResourceID.fromResource(project);
        out.put(
            bucket,
            buckets
                .known(bucket, () -> bucketsRead.propagateEvent(id))
                .map(l -> new Observed.BucketPlace(l.location(), l.type(), l.unknown()))
                .orElse(Observed.BucketPlace.beingRead()));
      }
    }
    return out;
  }

  /** Wake-ups when Cloud Storage answered where a bucket is, for the reconciler to register. */
  SimpleInboundEventSource<GenAIProject> bucketsRead() {
    return bucketsRead;
  }

  /** The cost scheduler's wake-ups, for the reconciler to register. */
  CostScheduler cost() {
    return cost;
  }

  /**
   * The other projects calling the same managed providers from this project's Google project: from
   * the primary cache's index by Google project and provider, not a scan of every project.
   */
  private static Sharing sharing(GenAIProject project, Context<GenAIProject> context) {
    if (project.getSpec() == null
        || project.getSpec().gcp == null
        || project.getSpec().models == null) {
      return Sharing.NONE;
    }
    List<GenAIProject> candidates = new ArrayList<>();
    for (String key : GoogleProjectSharing.indexKeys(project)) {
      candidates.addAll(context.getPrimaryCache().byIndex(GoogleProjectSharing.INDEX, key));
    }
    return GoogleProjectSharing.among(project, candidates);
  }

  /**
   * The project's ClusterQueue, from the cache; when not there (not created yet, or someone else's:
   * the label-filtered informer cannot see it), looked up by name. One that is not ours is never
   * adopted.
   */
  static QueueObserved queue(
      GenAIProject project, InstalledApis installed, Context<GenAIProject> context) {
    if (!installed.kueueInstalled()) {
      return QueueObserved.NONE;
    }
    Class<? extends CustomResource<JsonNode, JsonNode>> type = ClusterQueue.type(installed.kueue());
    String name = GpuQueues.name(project.getMetadata().getName());
    CustomResource<JsonNode, JsonNode> found;
    try {
      found =
          context.getSecondaryResources(type).stream()
              .filter(q -> name.equals(q.getMetadata().getName()))
              .findFirst()
              .orElse(null);
    } catch (IllegalArgumentException e) {
      found =
          null; // its informer starts with the dependent's activation (Kueue installed just now)
    }
    if (found == null
        || found.getStatus() == null) { // not cached, or Kueue's first report not seen there yet
      found = context.getClient().resources(type).withName(name).get();
    }
    if (found == null) {
      return QueueObserved.NONE;
    }
    if (!ownedBy(found, project)) {
      return new QueueObserved(true, null, false);
    }
    return new QueueObserved(
        false, found.getStatus(), found.getMetadata().getDeletionTimestamp() != null);
  }

  /**
   * Whether a namespace with the project's name exists and is not ours: never adopted. The
   * label-filtered informer cannot see foreign namespaces, so when ours is not in the cache it is
   * looked up by name.
   */
  private static boolean namespaceTaken(
      GenAIProject project, String namespace, Context<GenAIProject> context) {
    Namespace existing = context.getClient().namespaces().withName(namespace).get();
    return existing != null && !ownedBy(existing, project);
  }

  static boolean ownedBy(HasMetadata ns, GenAIProject project) {
    return ns.getMetadata().getOwnerReferences().stream()
            .anyMatch(o -> Objects.equals(o.getUid(), project.getMetadata().getUid()))
        && Names.OPERATOR.equals(ns.getMetadata().getLabels().get(Names.MANAGED_BY));
  }

  /** The project's endpoint objects as they run, from the caches. */
  static List<HasMetadata> running(Context<GenAIProject> context, InstalledApis installed) {
    List<HasMetadata> out = new ArrayList<>();
    out.addAll(endpointObjects(context, Deployment.class));
    out.addAll(endpointObjects(context, Service.class));
    out.addAll(endpointObjects(context, ConfigMap.class));
    if (installed.inferenceServices()) {
      out.addAll(endpointObjects(context, InferenceService.class));
    }
    return out;
  }

  private static <R extends HasMetadata> List<R> endpointObjects(
      Context<GenAIProject> context, Class<R> type) {
    try {
      return context.getSecondaryResources(type).stream()
          .filter(r -> FrozenEndpoints.endpointOf(r) != null)
          .toList();
    } catch (IllegalArgumentException e) {
      return List
          .of(); // its informer starts with the dependent's activation (KServe installed just now)
    }
  }

  /**
   * The cluster project's number for direct Workload Identity principals; not needed with a service
   * account.
   */
  private CloudIdentity cloudIdentity(ProjectModel.CloudRequest cloud) {
    if (clusterProject == null) {
      return CloudIdentity.DISABLED;
    }
    CloudIdentity identity = clusterProject.identity();
    if (cloud == null || cloud.serviceAccount() != null || !cloud.denied().isEmpty()) {
      return CloudIdentity.of(identity.clusterProject(), 0L);
    }
    return identity;
  }
}
