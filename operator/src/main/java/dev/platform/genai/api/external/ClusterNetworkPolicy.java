package dev.platform.genai.api.external;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * sig-network's ClusterNetworkPolicy (sigs.k8s.io/network-policy-api v0.3, policy.networking.k8s.io
 * v1beta1; AdminNetworkPolicy was merged into it), cluster-scoped, spec as JSON: the Admin tier,
 * evaluated before any NetworkPolicy a namespace holds. Not a CRD of ours.
 */
@Group("policy.networking.k8s.io")
@Version("v1beta1")
@Kind("ClusterNetworkPolicy")
@Plural("clusternetworkpolicies")
public class ClusterNetworkPolicy extends CustomResource<JsonNode, Void> {}
