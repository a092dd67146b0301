package dev.platform.genai.operator.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.external.ClusterQueue;
import dev.platform.genai.model.GpuQueue;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.kueue.GpuQueues;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * On deletion: the project's ClusterQueue is deleted, and its namespace with it so that the
 * workloads go (the garbage collector would delete both only after the project is gone, and Kueue's
 * finalizer {@code kueue.x-k8s.io/resource-in-use} holds a ClusterQueue while it has admitted
 * workloads).
 */
final class QueueRelease {
  private QueueRelease() {}

  /** Null when nothing holds the project; else why it waits. */
  static String release(GenAIProject project, InstalledApis apis, KubernetesClient client) {
    if (!apis.kueueInstalled()) {
      return null;
    }
    Class<? extends CustomResource<JsonNode, JsonNode>> type = ClusterQueue.type(apis.kueue());
    String name = GpuQueues.name(project.getMetadata().getName());
    CustomResource<JsonNode, JsonNode> queue = client.resources(type).withName(name).get();
    if (queue == null || !Observer.ownedBy(queue, project)) {
      return null;
    }
    if (queue.getMetadata().getDeletionTimestamp() == null) {
      String ns = project.getStatus() == null ? null : project.getStatus().namespace;
      Namespace namespace = ns == null ? null : client.namespaces().withName(ns).get();
      if (namespace != null && Observer.ownedBy(namespace, project)) {
        client.namespaces().withName(ns).delete();
      }
      client.resources(type).withName(name).delete();
      queue = client.resources(type).withName(name).get();
      if (queue == null) {
        return null;
      }
    }
    JsonNode status = queue.getStatus();
    int admitted = status == null ? 0 : status.path("admittedWorkloads").asInt(0);
    return "Waiting for Kueue to release ClusterQueue "
        + name
        + ": its finalizer "
        + GpuQueue.IN_USE_FINALIZER
        + " holds it while it has workloads ("
        + admitted
        + " admitted); the namespace is being deleted with"
        + " them. The project goes once the queue is gone.";
  }
}
