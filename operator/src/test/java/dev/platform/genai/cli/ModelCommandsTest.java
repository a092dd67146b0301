package dev.platform.genai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate and digest on model endpoints: what a pull request and compliance see before the cluster
 * does.
 */
class ModelCommandsTest {
  @TempDir Path dir;

  @Test
  void validateRejectsADisallowedModelNamingTheRuleWithItsLine() throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        """
        apiVersion: genai.platform.dev/v1alpha1
        kind: GenAIPlatformPolicy
        metadata: {name: default}
        spec:
          models:
            classifications:
              confidential: {kinds: [SelfHosted]}
        """);
    var r =
        CliRun.of(
            "validate",
            "--policy",
            policy.toString(),
            TestFiles.samples().resolve("contract-assistant.yaml").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "contract-assistant.yaml:58: spec.models[1].kind: Managed models are not allowed for"
                + " Confidential data (GenAIPlatformPolicy default spec.models.classifications.confidential.kinds:"
                + " SelfHosted)");
  }

  @Test
  void digestPrintsWhatTheApprovalMustCarry() throws Exception {
    var r = CliRun.of("digest", TestFiles.samples().resolve("contract-assistant.yaml").toString());
    assertThat(r.exit()).isZero();
    String approval =
        Files.readString(TestFiles.samples().resolve("contract-assistant-approval.yaml"));
    String digest = r.out().trim().split(" ")[1];
    assertThat(r.out()).startsWith("contract-assistant sha256:");
    assertThat(approval).contains("digest: " + digest);
  }
}
