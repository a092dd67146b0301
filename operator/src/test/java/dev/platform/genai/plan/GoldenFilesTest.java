package dev.platform.genai.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.desired.DesiredObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every desired object of every sample's plan (under samples/platform-policy.yaml, Prometheus
 * Operator installed, approved, nothing running yet: what {@code render} prints), against a
 * reviewed golden file. A change to generated objects shows up as a readable diff; regenerate with
 * {@code mvn test -Dgolden.update=true} and review the diff like code.
 */
class GoldenFilesTest {
  static final Path GOLDEN = TestFiles.repoRoot().resolve("operator/src/test/resources/golden");

  static List<String> samples() {
    return TestFiles.projectSamples().stream().map(p -> p.getFileName().toString()).toList();
  }

  static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

  static List<io.fabric8.kubernetes.api.model.HasMetadata> preview(
      String sample, InstalledApis apis) {
    return Planner.preview(Samples.project(sample), Samples.policy(), apis, true, NOW).objects();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void desiredObjectsMatchTheGoldenFile(String sample) throws IOException {
    String actual =
        DesiredObjects.toYaml(preview(sample, InstalledApis.of(List.of("prometheus-operator"))));
    Path golden = GOLDEN.resolve(sample);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, actual);
    }
    assertThat(golden).as("golden file %s (create it with -Dgolden.update=true)", golden).exists();
    assertThat(actual).isEqualTo(Files.readString(golden));
  }

  /**
   * Where Kueue is installed: every sample's objects with its ClusterQueue and LocalQueue (and the
   * quota ceiling).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void withKueueTheQueuesAreAddedAndTheQuotaHoldsTheirCeiling(String sample) throws IOException {
    String actual =
        DesiredObjects.toYaml(
            preview(sample, InstalledApis.of(List.of("prometheus-operator", "kueue"))));
    Path golden = GOLDEN.resolve("kueue/" + sample);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(golden));
  }

  /**
   * Where KServe is installed, self-hosted endpoints are InferenceServices instead of Deployment +
   * Service.
   */
  @org.junit.jupiter.api.Test
  void withKServeSelfHostedEndpointsAreInferenceServices() throws IOException {
    String actual =
        DesiredObjects.toYaml(
            preview("contract-assistant.yaml", InstalledApis.of(List.of("kserve"))).stream()
                .filter(o -> o.getMetadata().getLabels().containsKey("genai.platform.dev/endpoint"))
                .toList());
    Path golden = GOLDEN.resolve("kserve/contract-assistant.yaml");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(golden));
  }

  /**
   * Where Envoy AI Gateway is installed (and the policy names a Gateway): the project's route,
   * backends, credentials, JWT requirement and token budget, as {@code render --installed
   * envoy-ai-gateway} prints them.
   */
  @org.junit.jupiter.api.Test
  void withEnvoyAiGatewayTheEndpointsAreBehindTheGatewayWithATokenBudget() throws IOException {
    String actual =
        DesiredObjects.toYaml(
            preview(
                    "contract-assistant.yaml",
                    InstalledApis.of(List.of(InstalledApis.ENVOY_AI_GATEWAY)))
                .stream()
                .filter(o -> o.getApiVersion().contains("envoyproxy.io"))
                .toList());
    Path golden = GOLDEN.resolve("envoy-ai-gateway/contract-assistant.yaml");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual);
    }
    assertThat(golden).as("golden file %s (create it with -Dgolden.update=true)", golden).exists();
    assertThat(actual).isEqualTo(Files.readString(golden));
  }
}
