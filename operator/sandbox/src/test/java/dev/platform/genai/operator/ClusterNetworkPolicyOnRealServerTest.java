package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.api.external.ClusterNetworkPolicy;
import dev.platform.genai.controlplane.AuditLog;
import dev.platform.genai.controlplane.KueueManager;
import dev.platform.genai.controlplane.RealCluster;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Where the cluster serves sig-network's ClusterNetworkPolicy (network-policy-api v0.3.0's CRD,
 * standard channel, as it ships), a Confidential project's egress guardrail is written in the Admin
 * tier too, and the real API server accepts it (the CRD's schema and CEL: masked CIDRs, at most one
 * kind of peer, ports). A rule added by anyone, even a cluster admin, is written back. On a control
 * plane of its own: the CRD would change what every other class sees. No engine here evaluates the
 * Admin tier (cyclonus reads NetworkPolicies only; no CNI runs): what is proven is that the policy
 * is there, exact, and kept.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterNetworkPolicyOnRealServerTest {
  static final String CRD = "clusternetworkpolicies.policy.networking.k8s.io";
  static RealCluster cluster;
  static OperatorHarness h;

  @BeforeAll
  static void start() throws Exception {
    cluster = RealCluster.start();
    try (KubernetesClient admin = cluster.admin();
        InputStream in =
            ClusterNetworkPolicyOnRealServerTest.class.getResourceAsStream(
                "/network-policy-api/policy.networking.k8s.io_clusternetworkpolicies.yaml")) {
      admin
          .resource(
              admin.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class))
          .create();
      await().atMost(Duration.ofSeconds(60)).until(() -> KueueManager.established(admin, CRD));
    }
    // the operator's own check of optional CRDs (OptionalApis.Polled) finds it at start
    h = OperatorHarness.onRealCluster(cluster, Map.of(), OperatorHarness.CLOCK, null);
  }

  @AfterAll
  static void stop() {
    try {
      if (h != null) {
        h.close(); // its watches end, and the audit log records them
        // delete is JOSDK's when a project stops restricting egress: only a lowered classification
        // does, and admission refuses that (as for the egress NetworkPolicy)
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(
                            cluster.controlPlane.audit().by(RealClusterFixtures.OPERATOR).stream()
                                .filter(
                                    r ->
                                        r.code() < 400
                                            && r.apiGroup().equals("policy.networking.k8s.io"))
                                .map(AuditLog.Request::permission)
                                .collect(Collectors.toSet()))
                        .as("every permission the chart grants for it but delete, used")
                        .contains(
                            "policy.networking.k8s.io/clusternetworkpolicies:list",
                            "policy.networking.k8s.io/clusternetworkpolicies:watch",
                            "policy.networking.k8s.io/clusternetworkpolicies:create",
                            "policy.networking.k8s.io/clusternetworkpolicies:update"));
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  static ClusterNetworkPolicy policy(String name) {
    return h.client.resources(ClusterNetworkPolicy.class).withName(name).get();
  }

  @Test
  @Order(1)
  void aConfidentialProjectsEgressIsBoundedInTheAdminTierAndAPublicOneIsNot() {
    h.apply("confidential-pilot.yaml");
    h.apply("public-pilot.yaml");
    h.awaitPhase("claims-summarizer", "Ready");
    h.awaitPhase("support-copilot", "Ready");
    ClusterNetworkPolicy p = policy("genai-egress-claims-summarizer");
    assertThat(p).as("accepted by the real API server").isNotNull();
    JsonNode spec = p.getSpec();
    assertThat(spec.path("tier").asText()).isEqualTo("Admin");
    assertThat(
            spec.path("subject")
                .path("namespaces")
                .path("matchLabels")
                .path("kubernetes.io/metadata.name")
                .asText())
        .isEqualTo("genai-claims-summarizer");
    assertThat(spec.path("egress"))
        .extracting(r -> r.path("name").asText() + " " + r.path("action").asText())
        .containsExactly(
            "dns Pass", "metadata-server Pass", "own-namespace Pass", "everything-else Deny");
    JsonNode deny = spec.path("egress").get(3).path("to");
    assertThat(deny.get(0).path("networks"))
        .extracting(JsonNode::asText)
        .containsExactly("0.0.0.0/0", "::/0");
    assertThat(p.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("GenAIProject"));
    assertThat(h.client.resources(ClusterNetworkPolicy.class).list().getItems())
        .as("Public data: egress is not restricted")
        .extracting(x -> x.getMetadata().getName())
        .containsExactly("genai-egress-claims-summarizer");
  }

  @Test
  @Order(2)
  void anAcceptRuleAddedEvenByAClusterAdminIsWrittenBack() {
    try (KubernetesClient admin = cluster.admin()) {
      admin
          .resources(ClusterNetworkPolicy.class)
          .withName("genai-egress-claims-summarizer")
          .edit(
              p -> {
                ArrayNode egress = (ArrayNode) p.getSpec().path("egress");
                ObjectNode open = egress.insertObject(0);
                open.put("name", "open");
                open.put("action", "Accept");
                open.putArray("to").addObject().putArray("networks").add("0.0.0.0/0");
                return p;
              });
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                policy("genai-egress-claims-summarizer")
                    .getSpec()
                    .path("egress")
                    .get(0)
                    .path("name")
                    .asText()
                    .equals("dns"));
  }
}
