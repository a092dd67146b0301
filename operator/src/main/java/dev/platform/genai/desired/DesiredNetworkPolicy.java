package dev.platform.genai.desired;

import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Network guardrails. Isolation (every project): ingress only from the namespace itself and the
 * namespaces policy lists. Egress (Confidential and Restricted only): deny all but DNS, the GKE
 * metadata server (Workload Identity needs it), the namespace itself and the CIDRs policy allows.
 * Protocols and policyTypes are explicit, as the API server would default them.
 */
public final class DesiredNetworkPolicy {
  private DesiredNetworkPolicy() {}

  public static NetworkPolicy isolation(ProjectModel m) {
    LabelSelector fromNamespaces =
        new LabelSelectorBuilder()
            .addNewMatchExpression()
            .withKey(Names.NAMESPACE_NAME_LABEL)
            .withOperator("In")
            .withValues(m.network().ingressNamespaces())
            .endMatchExpression()
            .build();
    return new NetworkPolicyBuilder()
        .withMetadata(Meta.inNamespace(m, Names.ISOLATION_POLICY))
        .withNewSpec()
        .withPodSelector(new LabelSelector())
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .withFrom(
            peerPods(),
            new NetworkPolicyPeerBuilder().withNamespaceSelector(fromNamespaces).build())
        .endIngress()
        .endSpec()
        .build();
  }

  public static NetworkPolicy egress(ProjectModel m) {
    List<NetworkPolicyEgressRule> rules = new ArrayList<>();
    rules.add(
        new NetworkPolicyEgressRuleBuilder()
            .withTo(
                new NetworkPolicyPeerBuilder()
                    .withNamespaceSelector(
                        new LabelSelectorBuilder()
                            .withMatchLabels(Map.of(Names.NAMESPACE_NAME_LABEL, "kube-system"))
                            .build())
                    .build())
            .withPorts(port("UDP", 53), port("TCP", 53))
            .build());
    rules.add(
        new NetworkPolicyEgressRuleBuilder()
            .withTo(
                m.network().metadataServerCidrs().stream().map(DesiredNetworkPolicy::cidr).toList())
            .withPorts(port("TCP", 80), port("TCP", 988))
            .build());
    rules.add(new NetworkPolicyEgressRuleBuilder().withTo(peerPods()).build());
    if (!m.network().egressCidrs().isEmpty()) {
      rules.add(
          new NetworkPolicyEgressRuleBuilder()
              .withTo(m.network().egressCidrs().stream().map(DesiredNetworkPolicy::cidr).toList())
              .withPorts(port("TCP", 443))
              .build());
    }
    return new NetworkPolicyBuilder()
        .withMetadata(Meta.inNamespace(m, Names.EGRESS_POLICY))
        .withNewSpec()
        .withPodSelector(new LabelSelector())
        .withPolicyTypes("Egress")
        .withEgress(rules)
        .endSpec()
        .build();
  }

  private static NetworkPolicyPeer peerPods() {
    return new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelector()).build();
  }

  private static NetworkPolicyPeer cidr(String cidr) {
    return new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).endIpBlock().build();
  }

  private static NetworkPolicyPort port(String protocol, int port) {
    return new NetworkPolicyPortBuilder()
        .withProtocol(protocol)
        .withPort(new IntOrString(port))
        .build();
  }
}
