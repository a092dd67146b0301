package dev.platform.genai.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.api.external.ClusterQueue;
import dev.platform.genai.api.external.ClusterQueueV1beta1;
import dev.platform.genai.api.external.LocalQueue;
import dev.platform.genai.api.external.LocalQueueV1beta1;
import dev.platform.genai.model.GpuQueue;
import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;
import java.util.TreeMap;

/**
 * The project's Kueue queues in the API version the cluster serves. The ClusterQueue carries every
 * default the API server fills in from Kueue's CRD schema (queueingStrategy, flavorFungibility,
 * preemption, stopPolicy), so what is read back from a real cluster holds what is desired and it is
 * not rewritten on every reconcile.
 */
public final class DesiredQueues {
  private DesiredQueues() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The label every namespace has (the API server sets it to the namespace's name, Kubernetes
   * 1.21+).
   */
  public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  public static List<HasMetadata> of(ProjectModel m, GpuQueue q) {
    CustomResource<JsonNode, JsonNode> cq =
        q.v1beta2() ? new ClusterQueue() : new ClusterQueueV1beta1();
    cq.setMetadata(
        new ObjectMetaBuilder().withName(q.name()).withLabels(new TreeMap<>(m.labels())).build());
    cq.setSpec(clusterQueueSpec(m, q));
    CustomResource<JsonNode, JsonNode> lq =
        q.v1beta2() ? new LocalQueue() : new LocalQueueV1beta1();
    lq.setMetadata(Meta.inNamespace(m, GpuQueue.LOCAL_QUEUE));
    ObjectNode lqSpec = JSON.createObjectNode();
    lqSpec.put("clusterQueue", q.name());
    lqSpec.put(
        "stopPolicy",
        "None"); // the ClusterQueue's stopPolicy holds the project; this is the default
    lq.setSpec(lqSpec);
    return List.of(cq, lq);
  }

  static ObjectNode clusterQueueSpec(ProjectModel m, GpuQueue q) {
    ObjectNode spec = JSON.createObjectNode();
    if (q.cohort() != null) {
      spec.put(q.v1beta2() ? "cohortName" : "cohort", q.cohort());
    }
    spec.putObject("namespaceSelector")
        .putObject("matchLabels")
        .put(NAMESPACE_NAME_LABEL, m.namespace());
    spec.put("queueingStrategy", "BestEffortFIFO");
    ObjectNode fungibility = spec.putObject("flavorFungibility");
    fungibility.put("whenCanBorrow", "MayStopSearch");
    fungibility.put("whenCanPreempt", "TryNextFlavor");
    ObjectNode preemption = spec.putObject("preemption");
    preemption.put("reclaimWithinCohort", q.reclaimWithinCohort());
    preemption.putObject("borrowWithinCohort").put("policy", "Never");
    preemption.put("withinClusterQueue", "Never");
    ArrayNode groups = spec.putArray("resourceGroups");
    for (GpuQueue.ResourceGroup g : q.groups()) {
      ObjectNode group = groups.addObject();
      ArrayNode covered = group.putArray("coveredResources");
      ObjectNode flavor = group.putArray("flavors").addObject();
      flavor.put("name", g.flavor());
      ArrayNode resources = flavor.putArray("resources");
      for (GpuQueue.ResourceQuota r : g.resources()) {
        covered.add(r.name());
        ObjectNode res = resources.addObject();
        res.put("name", r.name());
        res.put("nominalQuota", r.nominal());
        if (r.borrowingLimit() != null) {
          res.put("borrowingLimit", r.borrowingLimit());
        }
        if (r.lendingLimit() != null) {
          res.put("lendingLimit", r.lendingLimit());
        }
      }
    }
    spec.put("stopPolicy", q.stopPolicy());
    return spec;
  }
}
