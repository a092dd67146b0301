package dev.platform.genai.controlplane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The permissions the chart grants the operator, as "group/resource:verb", and those exercised
 * elsewhere.
 */
public final class ChartPermissions {
  /** The chart's ClusterRole for the operator (release "genai-operator"). */
  public static final String CLUSTER_ROLE = "genai-operator";

  /**
   * Permissions that need an API this control plane does not serve, and where they are exercised
   * instead.
   */
  /** Where the holds on GPU workloads use theirs (and check each was used). */
  public static final String GPU_STOPS =
      "GPU stops: GpuStopsOnRealServerTest (the same control plane; it checks the audit log itself)";

  public static final Map<String, String> ELSEWHERE =
      Map.ofEntries(
          Map.entry(
              "kueue.x-k8s.io/clusterqueues:*",
              "Kueue's CRDs: KueueOperatorTest (sandbox), KueueOnRealServerTest"
                  + " (a control plane of its own)"),
          Map.entry(
              "kueue.x-k8s.io/localqueues:*",
              "Kueue's CRDs: KueueOperatorTest (sandbox), KueueOnRealServerTest"),
          Map.entry(
              "/namespaces:delete",
              "a deleted project's namespace goes with its Kueue ClusterQueue:"
                  + " KueueOperatorTest (sandbox)"),
          Map.entry(
              "serving.kserve.io/inferenceservices:*",
              "KServe's CRD: ModelEndpointsKServeTest (sandbox)"),
          Map.entry(
              "resource.k8s.io/resourceclaimtemplates:*",
              "DRA's resource.k8s.io/v1 is served from Kubernetes"
                  + " 1.34; this control plane is 1.33"),
          Map.entry(
              "policy.networking.k8s.io/clusternetworkpolicies:*",
              "network-policy-api's CRD: ClusterNetworkPolicyOnRealServerTest (a control plane of its"
                  + " own; it checks the audit log itself)"),
          Map.entry("/pods:delete", GPU_STOPS),
          Map.entry("apps/deployments:patch", GPU_STOPS),
          Map.entry("apps/statefulsets:*", GPU_STOPS),
          Map.entry("batch/jobs:*", GPU_STOPS),
          Map.entry("batch/cronjobs:*", GPU_STOPS),
          Map.entry(
              "networking.k8s.io/networkpolicies:delete",
              "JOSDK deletes the egress policy when RestrictsEgress"
                  + " turns false, which only a lowered classification does, and admission refuses that"));

  private ChartPermissions() {}

  /** What the chart's ClusterRole for the operator and its leader-election Role grant. */
  public static Set<String> granted(List<HasMetadata> chart) {
    Set<String> granted = new TreeSet<>();
    for (HasMetadata o : chart) {
      List<PolicyRule> rules =
          o instanceof ClusterRole cr && cr.getMetadata().getName().equals(CLUSTER_ROLE)
              ? cr.getRules()
              : o instanceof Role r ? r.getRules() : List.of();
      for (PolicyRule rule : rules) {
        for (String g : rule.getApiGroups()) {
          for (String res : rule.getResources()) {
            for (String v : rule.getVerbs()) {
              granted.add(g + "/" + res + ":" + v);
            }
          }
        }
      }
    }
    return granted;
  }

  public static boolean elsewhere(String permission) {
    String resource = permission.substring(0, permission.indexOf(':'));
    return ELSEWHERE.containsKey(permission)
        || ELSEWHERE.containsKey(resource + ":*")
        || newest() && permission.contains("envoyproxy.io/");
  }

  /**
   * On the newest Kubernetes (GENAI_KUBERNETES=newest) the gateway's objects are not written: from
   * 1.36 the API server refuses Envoy Gateway v1.8.1's BackendTrafficPolicy
   * (envoyproxy/gateway#9186, docs/ai-gateway.md), so their permissions are exercised on the oldest
   * (AiGatewayOperatorTest).
   */
  static boolean newest() {
    return "newest".equals(System.getenv("GENAI_KUBERNETES"));
  }
}
