package dev.platform.genai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class RenderCommandTest {
  @Test
  void renderPrintsExactlyTheOperatorsDesiredObjects() throws IOException {
    for (var sample : TestFiles.projectSamples()) {
      CliRun r =
          CliRun.of(
              "render",
              "--policy",
              TestFiles.samples().resolve("platform-policy.yaml").toString(),
              sample.toString());
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out())
          .isEqualTo(
              Files.readString(
                  TestFiles.repoRoot()
                      .resolve("operator/src/test/resources/golden")
                      .resolve(sample.getFileName())));
    }
  }

  /**
   * With Envoy AI Gateway installed the endpoints go behind the policy's Gateway; without one
   * named, it says so.
   */
  @Test
  void renderPutsEndpointsBehindTheGatewayThePolicyNames() throws IOException {
    String sample = TestFiles.samples().resolve("contract-assistant.yaml").toString();
    CliRun with =
        CliRun.of(
            "render",
            "--policy",
            TestFiles.samples().resolve("platform-policy.yaml").toString(),
            "--installed",
            "envoy-ai-gateway",
            sample);
    assertThat(with.exit()).as(with.err()).isZero();
    assertThat(with.out()).contains("kind: \"AIGatewayRoute\"", "kind: \"BackendTrafficPolicy\"");
    assertThat(with.err()).isEmpty();
    String policy = Files.readString(TestFiles.samples().resolve("platform-policy.yaml"));
    var noGateway = Files.createTempFile("policy", ".yaml");
    Files.writeString(noGateway, policy.substring(0, policy.indexOf("  aiGateway:")));
    CliRun without =
        CliRun.of(
            "render", "--policy", noGateway.toString(), "--installed", "envoy-ai-gateway", sample);
    assertThat(without.exit()).as(without.err()).isZero();
    assertThat(without.out()).doesNotContain("AIGatewayRoute");
    assertThat(without.err()).contains("the policy names no Gateway (spec.aiGateway");
  }

  @Test
  void renderRefusesAnInvalidProject() throws IOException {
    var file = Files.createTempFile("bad", ".yaml");
    Files.writeString(
        file,
        Files.readString(TestFiles.samples().resolve("public-pilot.yaml"))
            .replace("currency: EUR", "currency: eur"));
    CliRun r = CliRun.of("render", file.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("spec.budget.currency: currency must be an ISO 4217 code");
  }

  @Test
  void renderRefusesAPolicyWithABadTokenPriceNamingTheField() throws IOException {
    var policy = Files.createTempFile("policy", ".yaml");
    Files.writeString(
        policy,
        Files.readString(TestFiles.samples().resolve("platform-policy.yaml"))
            .replace(
                "gemini-2.5-flash: {inputPerMillion: \"0.28\", outputPerMillion: \"2.30\"}",
                "gemini-2.5-flash: {inputPerMillion: \"0.28\"}"));
    CliRun r =
        CliRun.of(
            "render",
            "--policy",
            policy.toString(),
            TestFiles.samples().resolve("contract-assistant.yaml").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("spec.models.providers.VertexAI.tokenPrices.gemini-2.5-flash");
  }

  /**
   * Black-box finding: a project the operator blocks (the policy rejects a budget at risk:
   * QuotaExceedsBudget) rendered as a warning, no objects and exit 0. render previews the
   * operator's plan, so the plan's blocker is render's error, with the operator's words.
   */
  @Test
  void renderRefusesWhatTheOperatorWouldBlockWithTheOperatorsMessage() throws IOException {
    var policy =
        TestFiles.repoRoot()
            .resolve("operator/src/test/resources/policies/budget-at-risk-reject.yaml");
    CliRun r =
        CliRun.of(
            "render",
            "--policy",
            policy.toString(),
            TestFiles.samples().resolve("public-pilot.yaml").toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("QuotaExceedsBudget")
        .contains(
            "The cluster policy rejects a budget at risk, so" + " nothing new is provisioned.")
        .doesNotContain("warning");
  }

  @Test
  void anObservationFileThatCannotBeReadSaysWhatToFixAndRendersNothing(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    String sample = TestFiles.samples().resolve("contract-assistant.yaml").toString();
    String policy = TestFiles.samples().resolve("platform-policy.yaml").toString();
    var typo = dir.resolve("typo.yaml");
    Files.writeString(typo, "now: \"2026-11-20T09:00:00Z\"\nspent: {monthToDate: \"10\"}\n");
    CliRun r = CliRun.of("render", "--policy", policy, "--observed", typo.toString(), sample);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("render: --observed", "spent");
    assertThat(r.out()).isEmpty();
    var noTime = dir.resolve("no-time.yaml");
    Files.writeString(noTime, "approved: false\n");
    r = CliRun.of("render", "--policy", policy, "--observed", noTime.toString(), sample);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("now is required");
    var noSpend = dir.resolve("no-spend.yaml");
    Files.writeString(noSpend, "now: \"2026-11-20T09:00:00Z\"\nspend: {hourly: \"2\"}\n");
    r = CliRun.of("render", "--policy", policy, "--observed", noSpend.toString(), sample);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("spend needs monthToDate");
    var apis = dir.resolve("apis.yaml");
    Files.writeString(apis, "now: \"2026-11-20T09:00:00Z\"\ninstalled: [istio]\n");
    r = CliRun.of("render", "--policy", policy, "--observed", apis.toString(), sample);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("installed takes", "not istio");
    r =
        CliRun.of(
            "render", "--policy", policy, "--observed", noTime.toString(), "--unapproved", sample);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("drop --installed and --unapproved");
  }
}
