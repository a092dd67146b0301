package dev.platform.genai.plan;

import dev.platform.genai.model.GpuQueue;
import java.util.Collection;
import java.util.List;

/**
 * Which optional APIs the cluster serves, as observed for one reconcile (or stated for {@code
 * render}).
 *
 * @param prometheusRules Prometheus Operator's PrometheusRule: budget alerts are created
 * @param inferenceServices KServe's InferenceService: self-hosted endpoints are InferenceServices
 * @param kueue the Kueue API version served for ClusterQueues (kueue.x-k8s.io/v1beta2 where served,
 *     else v1beta1), or null without Kueue: GPU admission through a ClusterQueue per project
 * @param aiGateway Envoy AI Gateway's AIGatewayRoute and Envoy Gateway's policies: where the
 *     platform policy names a Gateway, endpoints are reached through it, their token budget
 *     enforced there
 * @param clusterNetworkPolicies sig-network's ClusterNetworkPolicy (policy.networking.k8s.io
 *     v1beta1): the egress guardrail of Confidential and Restricted projects is written in its
 *     Admin tier as well
 */
public record InstalledApis(
    boolean prometheusRules,
    boolean inferenceServices,
    String kueue,
    boolean aiGateway,
    boolean clusterNetworkPolicies) {
  public static final InstalledApis NONE = new InstalledApis(false, false, null, false, false);

  public InstalledApis(
      boolean prometheusRules, boolean inferenceServices, String kueue, boolean aiGateway) {
    this(prometheusRules, inferenceServices, kueue, aiGateway, false);
  }

  public InstalledApis(boolean prometheusRules, boolean inferenceServices) {
    this(prometheusRules, inferenceServices, null, false);
  }

  public InstalledApis(boolean prometheusRules, boolean inferenceServices, String kueue) {
    this(prometheusRules, inferenceServices, kueue, false);
  }

  /** The names {@code render --installed} takes. */
  public static InstalledApis of(Collection<String> names) {
    return new InstalledApis(
        names.contains(PROMETHEUS_OPERATOR),
        names.contains(KSERVE),
        names.contains(KUEUE)
            ? GpuQueue.V1BETA2
            : names.contains(KUEUE_V1BETA1) ? GpuQueue.V1BETA1 : null,
        names.contains(ENVOY_AI_GATEWAY),
        names.contains(CLUSTER_NETWORK_POLICY));
  }

  public boolean kueueInstalled() {
    return kueue != null;
  }

  public static final String PROMETHEUS_OPERATOR = "prometheus-operator";
  public static final String KSERVE = "kserve";

  /** Kueue serving kueue.x-k8s.io/v1beta2 (v0.15 and later). */
  public static final String KUEUE = "kueue";

  /** An older Kueue serving only kueue.x-k8s.io/v1beta1. */
  public static final String KUEUE_V1BETA1 = "kueue-v1beta1";

  /** Envoy AI Gateway (aigateway.envoyproxy.io/v1beta1) on Envoy Gateway. */
  public static final String ENVOY_AI_GATEWAY = "envoy-ai-gateway";

  /** sig-network's ClusterNetworkPolicy (network-policy-api v0.3, policy.networking.k8s.io). */
  public static final String CLUSTER_NETWORK_POLICY = "cluster-network-policy";

  /** Every name {@code --installed} accepts. */
  public static final List<String> NAMES =
      List.of(
          PROMETHEUS_OPERATOR,
          KSERVE,
          KUEUE,
          KUEUE_V1BETA1,
          ENVOY_AI_GATEWAY,
          CLUSTER_NETWORK_POLICY);
}
