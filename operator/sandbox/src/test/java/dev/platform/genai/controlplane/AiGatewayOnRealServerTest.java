package dev.platform.genai.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.Samples;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Planner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the operator writes for Envoy AI Gateway, created on the real API server with the published
 * CRDs installed (operator/src/test/resources/envoy-ai-gateway, pinned commits): the server judges
 * the schemas and their CEL rules, not our reading of them.
 */
class AiGatewayOnRealServerTest {
  static RealCluster cluster;

  @BeforeAll
  static void installTheGatewayCrds() {
    cluster = RealCluster.shared();
    cluster.installEnvoyAiGatewayCrds();
  }

  /** The cluster is shared: an operator started later must not find the gateway. */
  @AfterAll
  static void removeTheGatewayCrds() {
    cluster.removeEnvoyAiGatewayCrds();
  }

  static List<HasMetadata> gatewayObjects(String sample) {
    return Planner.preview(
            Samples.project(sample),
            Samples.policy(),
            InstalledApis.of(List.of(InstalledApis.ENVOY_AI_GATEWAY)),
            true,
            Instant.parse("2026-12-05T10:00:00Z"))
        .objects()
        .stream()
        .filter(o -> o.getApiVersion().contains("envoyproxy.io"))
        .toList();
  }

  @Test
  void theServerAcceptsEveryObjectOfAProjectWithAManagedAndASelfHostedEndpoint() {
    List<HasMetadata> objects = gatewayObjects("contract-assistant.yaml");
    assertThat(objects).hasSize(8);
    String ns = objects.get(0).getMetadata().getNamespace();
    try (KubernetesClient admin = cluster.admin()) {
      admin
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .createOr(n -> n.update());
      for (HasMetadata o : objects) {
        HasMetadata created = admin.resource(o).createOr(r -> r.update());
        assertThat(created.getMetadata().getUid())
            .as(o.getKind() + " " + o.getMetadata().getName())
            .isNotBlank();
      }
      GenericKubernetesResource budget =
          admin
              .genericKubernetesResources("gateway.envoyproxy.io/v1alpha1", "BackendTrafficPolicy")
              .inNamespace(ns)
              .withName("token-budget-2026-12")
              .get();
      assertThat(budget.get("spec", "rateLimit", "global", "rules", 0, "limit", "unit").toString())
          .isEqualTo("Year");
    }
  }

  /**
   * The server's CEL, not ours: a Service as an AIServiceBackend's backend is refused with the
   * CRD's message.
   */
  @Test
  void theServerRefusesWhatTheCrdsRefuse() {
    HasMetadata backend =
        gatewayObjects("contract-assistant.yaml").stream()
            .filter(o -> o.getKind().equals("AIServiceBackend"))
            .findFirst()
            .orElseThrow();
    try (KubernetesClient admin = cluster.admin()) {
      ObjectNode bad = admin.getKubernetesSerialization().convertValue(backend, ObjectNode.class);
      bad.with("metadata").put("name", "refused");
      bad.with("spec").with("backendRef").put("kind", "Service").put("group", "").put("port", 80);
      GenericKubernetesResource r =
          admin.getKubernetesSerialization().convertValue(bad, GenericKubernetesResource.class);
      admin
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(r.getMetadata().getNamespace())
                  .endMetadata()
                  .build())
          .createOr(n -> n.update());
      assertThatThrownBy(() -> admin.resource(r).create())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("BackendRef must be a Backend resource of Envoy Gateway");
    }
  }
}
