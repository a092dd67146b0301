package dev.platform.genai.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.admission.CrdValidator;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Planner;
import dev.platform.genai.policy.PlatformPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Kueue object the operator writes, for every sample and both policies (the samples', and one
 * with MIG, DRA, lending and no borrowing), is valid against Kueue's own CRDs (kueue/README.md says
 * which commit) in both versions: schema, unknown fields, and the CRDs' x-kubernetes-validations
 * rules.
 */
class KueueSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  static CrdValidator validator(String crd, String version) throws IOException {
    try (InputStream in =
        KueueSchemaTest.class.getClassLoader().getResourceAsStream("kueue/" + crd + ".yaml")) {
      return CrdValidator.fromCrd(YAML.readTree(in), version);
    }
  }

  static Stream<Arguments> cases() {
    PlatformPolicy gpus =
        Samples.policy(
            TestFiles.repoRoot().resolve("operator/src/test/resources/kueue/gpu-policy.yaml"));
    List<Arguments> out = new ArrayList<>();
    for (String version : List.of("kueue", "kueue-v1beta1")) {
      for (var sample : TestFiles.projectSamples()) {
        String file = sample.getFileName().toString();
        out.add(Arguments.of(version, file, null, false));
        out.add(Arguments.of(version, file, null, true));
      }
      for (String type : List.of("nvidia-l4", "a100-mig-1g", "h100-dra")) {
        out.add(Arguments.of(version, "contract-assistant.yaml", type, true));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} gpuType={2} gpuPolicy={3}")
  @MethodSource("cases")
  void everyKueueObjectIsValidAgainstKueuesCrd(
      String installed, String sample, String gpuType, boolean gpuPolicy) throws IOException {
    GenAIProject p = Samples.project(sample);
    if (gpuType != null) {
      p.getSpec().resources.gpuType = gpuType;
    } else if (gpuPolicy && p.getSpec().resources != null) {
      p.getSpec().resources.gpuType = "nvidia-l4";
    }
    PlatformPolicy policy =
        gpuPolicy
            ? Samples.policy(
                TestFiles.repoRoot().resolve("operator/src/test/resources/kueue/gpu-policy.yaml"))
            : Samples.policy();
    List<HasMetadata> objects =
        Planner.preview(
                p,
                policy,
                InstalledApis.of(List.of(installed)),
                true,
                Instant.parse("2026-11-01T00:00:00Z"))
            .objects();
    String version = installed.equals("kueue") ? "v1beta2" : "v1beta1";
    List<HasMetadata> kueue =
        objects.stream().filter(o -> o.getApiVersion().startsWith("kueue.x-k8s.io/")).toList();
    assertThat(kueue)
        .extracting(HasMetadata::getKind)
        .containsExactly("ClusterQueue", "LocalQueue");
    for (HasMetadata o : kueue) {
      assertThat(o.getApiVersion()).isEqualTo("kueue.x-k8s.io/" + version);
      CrdValidator v =
          validator(o.getKind().equals("ClusterQueue") ? "clusterqueues" : "localqueues", version);
      assertThat(v.validate(JSON.convertValue(o, JsonNode.class))).as(o.getKind()).isEmpty();
    }
  }

  /** The validator bites: what Kueue's CRD refuses is refused here too. */
  @Test
  void whatKueueRefusesIsRefused() throws IOException {
    HasMetadata cq =
        Planner.preview(
                Samples.project("public-pilot.yaml"),
                Samples.policy(),
                InstalledApis.of(List.of("kueue")),
                true,
                Instant.parse("2026-11-01T00:00:00Z"))
            .objects()
            .stream()
            .filter(o -> o.getKind().equals("ClusterQueue"))
            .findFirst()
            .orElseThrow();
    CrdValidator v = validator("clusterqueues", "v1beta2");
    ObjectNode noCohort = JSON.convertValue(cq, ObjectNode.class);
    ((ObjectNode) noCohort.get("spec")).remove("cohortName"); // a borrowing limit without a cohort
    assertThat(v.validate(noCohort).toString())
        .contains("borrowingLimit must be nil when cohort is empty");
    ObjectNode v1beta1Field = JSON.convertValue(cq, ObjectNode.class);
    ((ObjectNode) v1beta1Field.get("spec"))
        .put("cohort", "genai-pilot"); // v1beta1's name in v1beta2
    assertThat(v.validate(v1beta1Field)).isNotEmpty();
    ObjectNode badStop = JSON.convertValue(cq, ObjectNode.class);
    ((ObjectNode) badStop.get("spec")).put("stopPolicy", "Drain");
    assertThat(v.validate(badStop)).isNotEmpty();
  }
}
