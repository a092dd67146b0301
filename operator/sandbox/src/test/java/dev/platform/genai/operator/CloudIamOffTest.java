package dev.platform.genai.operator;

import static dev.platform.genai.operator.OperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.api.GenAIProject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GENAI_GCP_CLUSTER_PROJECT unset: cloud IAM is off and said in status. The finalizer (it holds a
 * deleted project while Kueue holds its ClusterQueue) lets go at once when nothing is held.
 */
class CloudIamOffTest {
  @Test
  void aProjectAskingForCloudAccessSaysItIsOffAndOthersAreUnaffected() {
    try (OperatorHarness h = new OperatorHarness(Map.of())) {
      h.apply("restricted-production.yaml");
      h.apply("public-pilot.yaml");
      GenAIProject wantsCloud = h.awaitPhase("fraud-assistant", "Failed");
      assertThat(condition(wantsCloud, "CloudAccessReady"))
          .get()
          .satisfies(
              c -> {
                assertThat(c.reason).isEqualTo("CloudIAMDisabled");
                assertThat(c.message).contains("GENAI_GCP_CLUSTER_PROJECT is unset");
              });
      assertThat(condition(wantsCloud, "NamespaceReady").orElseThrow().status).isEqualTo("True");
      GenAIProject plain = h.awaitPhase("support-copilot", "Ready");
      assertThat(plain.getMetadata().getFinalizers())
          .containsExactly("genaiprojects.genai.platform.dev/finalizer");
      h.client.resource(plain).delete();
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(20))
          .until(() -> h.project("support-copilot") == null);
    }
  }
}
