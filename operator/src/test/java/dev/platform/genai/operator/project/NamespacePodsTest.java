package dev.platform.genai.operator.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator's reading of "pinned" for pods that ran before residency applied is the admission
 * policy's: the same cases ResidencyAdmissionOnRealServerTest runs through the real API server's
 * ValidatingAdmissionPolicy.
 */
class NamespacePodsTest {
  static final List<String> EU = List.of("europe-west4", "europe-west1");

  static Affinity regionsIn(String... regions) {
    return new AffinityBuilder()
        .withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm()
        .addNewMatchExpression()
        .withKey("topology.kubernetes.io/region")
        .withOperator("In")
        .withValues(regions)
        .endMatchExpression()
        .endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity()
        .build();
  }

  static PodSpec spec(Map<String, String> nodeSelector, Affinity affinity) {
    return new PodSpecBuilder().withNodeSelector(nodeSelector).withAffinity(affinity).build();
  }

  @Test
  void pinnedAsTheAdmissionPolicyJudgesIt() {
    assertThat(NamespacePods.pinned(spec(null, null), EU)).isFalse();
    assertThat(
            NamespacePods.pinned(
                spec(Map.of("topology.kubernetes.io/region", "us-central1"), null), EU))
        .isFalse();
    assertThat(NamespacePods.pinned(spec(null, regionsIn("europe-west4", "us-central1")), EU))
        .isFalse();
    assertThat(
            NamespacePods.pinned(
                spec(Map.of("topology.kubernetes.io/region", "europe-west4"), null), EU))
        .isTrue();
    assertThat(NamespacePods.pinned(spec(null, regionsIn("europe-west1", "europe-west4")), EU))
        .isTrue();
  }
}
