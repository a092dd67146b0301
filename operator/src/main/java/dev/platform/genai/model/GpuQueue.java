package dev.platform.genai.model;

import java.util.List;

/**
 * The project's Kueue queues, where Kueue is installed: a ClusterQueue {@code genai-<project>}
 * admitting only its namespace, and a LocalQueue named {@code default} there (Kueue puts a workload
 * without a queue-name label in the namespace's LocalQueue named default).
 *
 * @param apiVersion the Kueue API version the cluster serves (kueue.x-k8s.io/v1beta2, else v1beta1)
 * @param name the ClusterQueue's name
 * @param cohort the cohort, or null for none
 * @param groups the resource groups: one flavor each (CPU and memory on the default flavor; GPUs on
 *     theirs)
 * @param reclaimWithinCohort Never, LowerPriority or Any
 * @param stopPolicy None, Hold (budget throttle) or HoldAndDrain (suspended or expired)
 * @param podIntegration whether endpoint pods carry the queue-name label
 */
public record GpuQueue(
    String apiVersion,
    String name,
    String cohort,
    List<ResourceGroup> groups,
    String reclaimWithinCohort,
    String stopPolicy,
    boolean podIntegration) {
  public static final String GROUP = "kueue.x-k8s.io";
  public static final String V1BETA2 = GROUP + "/v1beta2";
  public static final String V1BETA1 = GROUP + "/v1beta1";

  /** The LocalQueue's name: Kueue's default queue of a namespace. */
  public static final String LOCAL_QUEUE = "default";

  /** The label that puts a workload in a LocalQueue. */
  public static final String QUEUE_LABEL = GROUP + "/queue-name";

  /** Kueue's finalizer on a ClusterQueue that still has workloads. */
  public static final String IN_USE_FINALIZER = GROUP + "/resource-in-use";

  public GpuQueue {
    groups = List.copyOf(groups);
  }

  public boolean v1beta2() {
    return V1BETA2.equals(apiVersion);
  }

  /** One flavor and the quota of each resource it covers. */
  public record ResourceGroup(String flavor, List<ResourceQuota> resources) {
    public ResourceGroup {
      resources = List.copyOf(resources);
    }
  }

  /**
   * One resource's quota in canonical quantities.
   *
   * @param borrowingLimit null: none set (no cohort)
   * @param lendingLimit null: all of the nominal quota may be lent
   */
  public record ResourceQuota(
      String name, String nominal, String borrowingLimit, String lendingLimit) {}

  /** The GPUs the queue may reach at most: nominal plus borrowing limit. */
  public long gpuCeiling(String gpuResource) {
    return groups.stream()
        .flatMap(g -> g.resources().stream())
        .filter(r -> r.name().equals(gpuResource))
        .mapToLong(
            r ->
                Long.parseLong(r.nominal())
                    + (r.borrowingLimit() == null ? 0 : Long.parseLong(r.borrowingLimit())))
        .sum();
  }
}
