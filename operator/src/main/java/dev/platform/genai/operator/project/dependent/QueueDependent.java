package dev.platform.genai.operator.project.dependent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.GpuQueue;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.plan.kueue.GpuQueues;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;

/**
 * A Kueue queue of the project (ClusterQueue or LocalQueue) in one API version. Active only while
 * the cluster serves Kueue at that version (one answer for all projects: JOSDK registers and
 * removes the informer with the activation); written only when the plan has queues (not when the
 * ClusterQueue's name is taken). The comparison is a subset: Kueue's webhook and the API server add
 * fields, the operator owns what it sets.
 */
public abstract class QueueDependent<R extends CustomResource<JsonNode, JsonNode>>
    extends ProjectDependent<R> {
  private final String apiVersion;

  private final boolean clusterQueue;

  /** The project's ClusterQueue (named after the project). */
  protected QueueDependent(Class<R> type, String apiVersion) {
    super(type);
    this.apiVersion = apiVersion;
    this.clusterQueue = true;
  }

  /** A LocalQueue: the same name in every project namespace. */
  protected QueueDependent(Class<R> type, String apiVersion, String fixedName) {
    super(type, fixedName);
    this.clusterQueue = false;
    this.apiVersion = apiVersion;
  }

  @Override
  protected String objectName(Plan plan) {
    return clusterQueue ? clusterQueueName(plan) : super.objectName(plan);
  }

  @Override
  protected boolean sameContent(R actual, R desired) {
    return JsonSubset.contains(actual.getSpec(), desired.getSpec());
  }

  String apiVersion() {
    return apiVersion;
  }

  /** The ClusterQueue's name. */
  static String clusterQueueName(Plan plan) {
    return GpuQueues.name(plan.project().getMetadata().getName());
  }

  /** Active while the cluster serves Kueue at the dependent's version. */
  public static class Served<R extends CustomResource<JsonNode, JsonNode>>
      extends PlanCondition<R> {
    @Override
    protected boolean holds(Plan plan, DependentResource<R, GenAIProject> dependent) {
      return ((QueueDependent<?>) dependent).apiVersion().equals(plan.observed().apis().kueue());
    }
  }

  /**
   * Written when the plan has the queues (Kueue served, the name not taken by a queue that is not
   * ours).
   */
  public static class Planned<R extends CustomResource<JsonNode, JsonNode>>
      extends PlanCondition<R> {
    @Override
    protected boolean holds(Plan plan, DependentResource<R, GenAIProject> dependent) {
      return plan.queues(((QueueDependent<?>) dependent).apiVersion());
    }
  }

  static final String V1BETA2 = GpuQueue.V1BETA2;
  static final String V1BETA1 = GpuQueue.V1BETA1;
}
