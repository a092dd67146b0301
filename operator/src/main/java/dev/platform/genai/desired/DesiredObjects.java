package dev.platform.genai.desired;

import dev.platform.genai.model.AiGatewayPlan;
import dev.platform.genai.model.GpuQueue;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.TeamRole;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;

/**
 * All desired objects of one project, in apply order: what the plan holds, {@code render} prints,
 * golden files keep.
 */
public final class DesiredObjects {
  private DesiredObjects() {}

  /**
   * @param model the project's model as the plan settled it (quota, egress)
   * @param alerts whether Prometheus Operator is installed (a PrometheusRule with the budget
   *     alerts, and a PodMonitor for the self-hosted endpoints' token counters)
   * @param kserve whether KServe serves the self-hosted endpoints (the PodMonitor finds their
   *     metrics port apart)
   * @param clusterNetworkPolicies whether sig-network's ClusterNetworkPolicy is served (the egress
   *     guardrail in its Admin tier too)
   * @param queue the project's Kueue queues, or null
   * @param endpoints the endpoint objects: {@link DesiredModelEndpoint#all} when the gate is open,
   *     else {@link FrozenEndpoints#of}
   * @param gateway the endpoints behind Envoy AI Gateway, or null (no gateway, or the gate closed)
   */
  public static List<HasMetadata> of(
      ProjectModel model,
      boolean alerts,
      boolean kserve,
      boolean clusterNetworkPolicies,
      GpuQueue queue,
      List<HasMetadata> endpoints,
      AiGatewayPlan gateway) {
    List<HasMetadata> out = new ArrayList<>();
    out.add(DesiredNamespace.of(model));
    out.add(DesiredServiceAccount.of(model));
    for (TeamRole role : TeamRole.values()) {
      out.add(DesiredRoleBinding.of(model, role));
    }
    out.add(DesiredProjectReader.role(model));
    out.add(DesiredProjectReader.binding(model));
    out.add(DesiredProjectReader.eventsRole(model));
    out.add(DesiredProjectReader.eventsBinding(model));
    out.add(DesiredQuota.of(model));
    out.add(DesiredLimitRange.of(model));
    out.add(DesiredNetworkPolicy.isolation(model));
    if (model.network().restrictEgress()) {
      out.add(DesiredNetworkPolicy.egress(model));
      if (clusterNetworkPolicies) {
        out.add(DesiredClusterNetworkPolicy.of(model));
      }
    }
    if (alerts) {
      out.add(DesiredPrometheusRule.of(model));
      if (DesiredPodMonitor.wanted(model)) {
        out.add(DesiredPodMonitor.of(model, kserve));
      }
    }
    if (model.gpu().dra()) {
      out.add(DesiredClaimTemplate.of(model));
    }
    if (queue != null) {
      out.addAll(DesiredQueues.of(model, queue));
    }
    out.addAll(endpoints);
    if (gateway != null) {
      out.addAll(DesiredAiGateway.of(model, gateway));
    }
    return List.copyOf(out);
  }

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** Multi-document YAML of objects, as {@code render} prints them. */
  public static String toYaml(List<? extends HasMetadata> objects) {
    StringBuilder b = new StringBuilder();
    for (HasMetadata o : objects) {
      String doc = SERIALIZATION.asYaml(o);
      b.append(doc.startsWith("---") ? doc : "---\n" + doc);
      if (!doc.endsWith("\n")) {
        b.append('\n');
      }
    }
    return b.toString();
  }
}
