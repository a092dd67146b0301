package dev.platform.genai.plan;

import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.plan.finops.GoogleProjectSharing;
import dev.platform.genai.plan.gpu.WorkloadReader;
import dev.platform.genai.plan.kueue.QueueObserved;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the plan depends on besides the resource and the policy, read once at the start of a
 * reconcile (or stated, for {@code render}). Status records of the project itself (the budget
 * record, the IAM members added) are read from the resource.
 *
 * @param now the injected clock's time
 * @param apis the optional APIs the cluster serves
 * @param approvals the GenAIProjectApprovals that name this project
 * @param namespaceTaken whether the project's namespace exists and belongs to someone else
 * @param namespaceStage the stage label of the project's own namespace, or null (grandfathers a
 *     project that was Production before the promotion gate)
 * @param runningEndpoints the endpoint objects of this project as they run (kept as they are while
 *     the approval gate is closed)
 * @param cost spend and KPIs, when an evaluation was due
 * @param cloud the cluster's Google identity, for the grants
 * @param queue the project's Kueue ClusterQueue as it runs (where Kueue is installed)
 * @param sharingGoogleProject the other projects that call the same managed-model providers from
 *     this project's Google project (spec.gcp.projectId): their token spend cannot be told apart
 *     from this one's
 * @param sharingDescribed the same in words, with the managed models each calls ({@link
 *     GoogleProjectSharing#describe})
 * @param buckets where the buckets of the self-hosted endpoints' weights are, by bucket name, where
 *     residency applies and the operator can ask Cloud Storage; null when it cannot (Google Cloud
 *     access off)
 * @param clusterRegions the cluster's nodes by region label ("" for none), where residency applies;
 *     null when the nodes could not be listed
 * @param unpinnedPods the project namespace's pods not pinned to its regions (they ran before
 *     residency applied: admission does not re-check them), where residency applies; null when they
 *     could not be listed
 * @param gpuWorkloads the namespace's GPU workloads (the team's and the endpoints'), read when the
 *     plan stops or evaluates GPUs
 */
public record Observed(
    Instant now,
    InstalledApis apis,
    List<GenAIProjectApproval> approvals,
    boolean namespaceTaken,
    String namespaceStage,
    List<HasMetadata> runningEndpoints,
    CostReading cost,
    CloudIdentity cloud,
    QueueObserved queue,
    List<String> sharingGoogleProject,
    String sharingDescribed,
    Map<String, BucketPlace> buckets,
    Map<String, Integer> clusterRegions,
    List<String> unpinnedPods,
    WorkloadReader gpuWorkloads) {

  /**
   * Where a bucket is, as Cloud Storage says: its location lower-cased (a region such as
   * europe-west4, a dual-region such as eur4, a multi-region such as eu) and type — or why it is
   * unknown, or that it is being read (off the reconcile; the project is woken when Cloud Storage
   * answers).
   */
  public record BucketPlace(String location, String type, String unknown, boolean reading) {
    public BucketPlace(String location, String type, String unknown) {
      this(location, type, unknown, false);
    }

    /** Not read yet: Cloud Storage is being asked. */
    public static BucketPlace beingRead() {
      return new BucketPlace(null, null, "being read from Cloud Storage", true);
    }
  }

  public Observed {
    approvals = List.copyOf(approvals);
    runningEndpoints = List.copyOf(runningEndpoints);
    sharingGoogleProject = List.copyOf(sharingGoogleProject);
    sharingDescribed =
        sharingDescribed == null ? String.join(", ", sharingGoogleProject) : sharingDescribed;
    buckets = buckets == null ? null : Map.copyOf(buckets);
    clusterRegions = clusterRegions == null ? null : Map.copyOf(clusterRegions);
    unpinnedPods = unpinnedPods == null ? null : List.copyOf(unpinnedPods);
    gpuWorkloads = gpuWorkloads == null ? WorkloadReader.NONE : gpuWorkloads;
  }

  /** What was observed at {@code now} with these APIs; every other reading at its default. */
  public static Builder at(Instant now, InstalledApis apis) {
    return new Builder(now, apis);
  }

  /**
   * A cluster where nothing of the project runs yet: what {@code render} and the golden files
   * state.
   */
  public static Observed fresh(
      Instant now, InstalledApis apis, List<GenAIProjectApproval> approvals) {
    return at(now, apis).approvals(approvals).build();
  }

  /** This observation, to change one reading of (a test's, a preview's). */
  public Builder toBuilder() {
    return at(now, apis)
        .approvals(approvals)
        .namespaceTaken(namespaceTaken)
        .namespaceStage(namespaceStage)
        .runningEndpoints(runningEndpoints)
        .cost(cost)
        .cloud(cloud)
        .queue(queue)
        .sharingGoogleProject(sharingGoogleProject)
        .sharingDescribed(sharingDescribed)
        .buckets(buckets)
        .clusterRegions(clusterRegions)
        .unpinnedPods(unpinnedPods)
        .gpuWorkloads(gpuWorkloads);
  }

  /**
   * Named readings instead of positions: a reading not given is the default of a cluster where
   * nothing of the project runs (no approvals, nothing running, cost tracking and Google access
   * off, no queue, nobody sharing, residency's readings empty).
   */
  public static final class Builder {
    private final Instant now;
    private final InstalledApis apis;
    private List<GenAIProjectApproval> approvals = List.of();
    private boolean namespaceTaken;
    private String namespaceStage;
    private List<HasMetadata> runningEndpoints = List.of();
    private CostReading cost = CostReading.OFF;
    private CloudIdentity cloud = CloudIdentity.DISABLED;
    private QueueObserved queue = QueueObserved.NONE;
    private List<String> sharingGoogleProject = List.of();
    private String sharingDescribed;
    private Map<String, BucketPlace> buckets;
    private Map<String, Integer> clusterRegions = Map.of();
    private List<String> unpinnedPods = List.of();
    private WorkloadReader gpuWorkloads = WorkloadReader.NONE;

    private Builder(Instant now, InstalledApis apis) {
      this.now = now;
      this.apis = apis;
    }

    public Builder approvals(List<GenAIProjectApproval> v) {
      approvals = v;
      return this;
    }

    public Builder namespaceTaken(boolean v) {
      namespaceTaken = v;
      return this;
    }

    public Builder namespaceStage(String v) {
      namespaceStage = v;
      return this;
    }

    public Builder runningEndpoints(List<HasMetadata> v) {
      runningEndpoints = v;
      return this;
    }

    public Builder cost(CostReading v) {
      cost = v;
      return this;
    }

    public Builder cloud(CloudIdentity v) {
      cloud = v;
      return this;
    }

    public Builder queue(QueueObserved v) {
      queue = v;
      return this;
    }

    public Builder sharingGoogleProject(List<String> v) {
      sharingGoogleProject = v;
      return this;
    }

    public Builder sharingDescribed(String v) {
      sharingDescribed = v;
      return this;
    }

    public Builder buckets(Map<String, BucketPlace> v) {
      buckets = v;
      return this;
    }

    public Builder clusterRegions(Map<String, Integer> v) {
      clusterRegions = v;
      return this;
    }

    public Builder unpinnedPods(List<String> v) {
      unpinnedPods = v;
      return this;
    }

    public Builder gpuWorkloads(WorkloadReader v) {
      gpuWorkloads = v;
      return this;
    }

    public Observed build() {
      return new Observed(
          now,
          apis,
          approvals,
          namespaceTaken,
          namespaceStage,
          runningEndpoints,
          cost,
          cloud,
          queue,
          sharingGoogleProject,
          sharingDescribed,
          buckets,
          clusterRegions,
          unpinnedPods,
          gpuWorkloads);
    }
  }
}
