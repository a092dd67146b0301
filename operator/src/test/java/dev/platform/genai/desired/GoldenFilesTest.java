package dev.platform.genai.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.plan.ProjectModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every desired object of every sample (under samples/platform-policy.yaml), against a reviewed golden file. A change to generated objects shows up
 * as a readable diff; regenerate with {@code mvn test -Dgolden.update=true} and review the diff like code.
 */
class GoldenFilesTest {
  static final Path GOLDEN = TestFiles.repoRoot().resolve("operator/src/test/resources/golden");

  static List<String> samples() {
    return TestFiles.projectSamples().stream().map(p -> p.getFileName().toString()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void desiredObjectsMatchTheGoldenFile(String sample) throws IOException {
    var model = ProjectModels.build(Samples.project(sample), Samples.policy());
    String actual = DesiredObjects.toYaml(DesiredObjects.of(model));
    Path golden = GOLDEN.resolve(sample);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, actual);
    }
    assertThat(golden).as("golden file %s (create it with -Dgolden.update=true)", golden).exists();
    assertThat(actual).isEqualTo(Files.readString(golden));
  }

  /** Where KServe is installed, self-hosted endpoints are InferenceServices instead of Deployment + Service. */
  @org.junit.jupiter.api.Test
  void withKServeSelfHostedEndpointsAreInferenceServices() throws IOException {
    var model = ProjectModels.build(Samples.project("contract-assistant.yaml"), Samples.policy());
    String actual = DesiredObjects.toYaml(DesiredModelEndpoint.all(model, true));
    Path golden = GOLDEN.resolve("kserve/contract-assistant.yaml");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(golden));
  }
}
