package dev.platform.genai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Fixtures;
import dev.platform.genai.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path dir;

  @Test
  void theSamplesAreValid() {
    CliRun r = CliRun.of("validate", TestFiles.samples().toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .endsWith("validate: 7 valid, 0 invalid, 0 skipped (not a genai.platform.dev kind)\n");
    // a Production project: the promotion checklist as far as it is known offline, as notes
    String file =
        TestFiles.samples().resolve("restricted-production.yaml") + ":8: note: promotion: ";
    String lastMonth = java.time.YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(1).toString();
    assertThat(r.out().lines().filter(l -> l.contains(": note: ")))
        .containsExactly(
            file
                + "stage Production is held (the project runs as a Pilot) until the promotion checklist passes; the"
                + " operator shows it in status.promotion and kubectl get gp -o wide",
            file
                + "ProductionBudget: met (the production quota, priced for a month, costs 59614.72 of the 65000.00"
                + " limit)",
            file
                + "Approval: NOT met: Restricted data: compliance approves the promotion with a GenAIProjectApproval"
                + " of spec.digest sha256:8c2c40c1b6526968d71a64e3051e497965c8407659e452ecdcd4a6f1967d68b4 (status.promotion.requiredDigest)",
            file + "Sponsor: met (sponsor Priya Natarajan)",
            file
                + "promoted from a Pilot: KpiEvidence: NOT met: no KPI is measured by a query: a pilot without a"
                + " measured KPI has no evidence; add a query to at least one KPI (judged by the operator from status)",
            file
                + "promoted from a Pilot: BudgetHistory: NOT met: no spend recorded for "
                + lastMonth
                + " (a full"
                + " month as a pilot is needed) (judged by the operator from status)",
            file
                + "promoted from a Pilot: NotExpired: met (no pilot expiry recorded) (judged by the operator from"
                + " status)",
            file
                + "created directly as Production: DirectProduction: NOT met: created as Production with no pilot"
                + " evidence: built-in defaults requires a GenAIProjectApproval with spec.digest"
                + " sha256:8c2c40c1b6526968d71a64e3051e497965c8407659e452ecdcd4a6f1967d68b4 (spec.promotion.directProduction)");
  }

  @Test
  void everyInvalidFixtureFailsWithItsPathAndMessage() throws IOException {
    for (Fixtures.Invalid f : Fixtures.invalid()) {
      Path file = dir.resolve(f.name() + ".yaml");
      Files.writeString(file, TestFiles.YAML.writeValueAsString(f.document()));
      CliRun r = CliRun.of("validate", file.toString());
      assertThat(r.exit()).as(f.name()).isEqualTo(1);
      for (String expected : f.expect()) {
        assertThat(r.out())
            .as(f.name())
            .containsPattern(
                "(?m)^"
                    + java.util.regex.Pattern.quote(file.toString())
                    + ":\\d+: "
                    + java.util.regex.Pattern.quote(expected)
                    + "$");
      }
      assertThat(r.out())
          .as(f.name())
          .endsWith(
              "validate: 0 valid, 1 invalid, 0 skipped (not a genai.platform.dev" + " kind)\n");
    }
  }

  @Test
  void aProblemIsReportedAtTheLineOfItsField() throws IOException {
    Path file = dir.resolve("two.yaml");
    String sample = Files.readString(TestFiles.samples().resolve("public-pilot.yaml"));
    String broken = sample.replace("monthlyLimit: \"3000\"", "monthlyLimit: \"0\"");
    Files.writeString(
        file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n" + broken);
    int line = 6 + (int) broken.lines().takeWhile(l -> !l.contains("monthlyLimit")).count();
    CliRun r = CliRun.of("validate", file.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .startsWith(
            file
                + ":"
                + line
                + ": spec.budget.monthlyLimit: monthlyLimit must be a"
                + " positive amount");
    assertThat(r.out()).contains("0 valid, 1 invalid, 1 skipped");
  }

  @Test
  void malformedYamlIsAnErrorWithItsLineNotAStackTrace() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        "apiVersion: genai.platform.dev/v1alpha1\nkind: GenAIProject\nspec:\n  stage: [Pilot\n");
    CliRun r = CliRun.of("validate", file.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .containsPattern(
            java.util.regex.Pattern.quote(file.toString()) + ":\\d+: malformed YAML: ");
    assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aMissingFileIsAUsageError() {
    CliRun r = CliRun.of("validate", dir.resolve("nope.yaml").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nope.yaml");
  }

  @Test
  void noArgumentsIsAUsageError() {
    assertThat(CliRun.of("validate").exit()).isEqualTo(2);
  }

  @Test
  void thePolicyCapsAreChecked() throws IOException {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        """
        apiVersion: genai.platform.dev/v1alpha1
        kind: GenAIPlatformPolicy
        metadata:
          name: default
        spec:
          caps:
            pilot:
              gpus: 0
        """);
    CliRun r =
        CliRun.of(
            "validate",
            "--policy",
            policy.toString(),
            TestFiles.samples().resolve("public-pilot.yaml").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            ": spec.resources.gpus: requested 1 GPU, the Pilot cap is 0: lower it, or ask the"
                + " platform team to raise the cap");
  }

  @Test
  void anInvalidPolicyFileIsAUsageError() throws IOException {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        """
        apiVersion: genai.platform.dev/v1alpha1
        kind: GenAIPlatformPolicy
        metadata:
          name: default
        spec:
          namespacePrefix: This_Is_Wrong
        """);
    CliRun r = CliRun.of("validate", "--policy", policy.toString(), TestFiles.samples().toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("spec.namespacePrefix: namespacePrefix must start with a lower-case letter");
  }

  @Test
  void aBudgetAtRiskFailsWhenThePolicyRejectsItAndAForeignCurrencyAlways() throws IOException {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        """
        apiVersion: genai.platform.dev/v1alpha1
        kind: GenAIPlatformPolicy
        metadata:
          name: default
        spec:
          finops:
            budgetAtRisk: Reject
        """);
    Path project = dir.resolve("big.yaml");
    Files.writeString(
        project,
        Files.readString(TestFiles.samples().resolve("public-pilot.yaml"))
            .replace("gpus: 1", "gpus: 4")
            .replace("gpuType: nvidia-l4", "gpuType: nvidia-h100-80gb"));
    CliRun r = CliRun.of("validate", "--policy", policy.toString(), project.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "spec.budget.monthlyLimit: The quota, priced for a month (730 h), costs 28913.84 EUR,"
                + " above the monthly limit of 3000.00 EUR");

    Files.writeString(
        project,
        Files.readString(TestFiles.samples().resolve("public-pilot.yaml"))
            .replace("currency: EUR", "currency: USD"));
    CliRun usd = CliRun.of("validate", project.toString());
    assertThat(usd.exit()).isEqualTo(1);
    assertThat(usd.out()).contains("spec.budget.currency: USD is not the cluster's currency EUR");
  }

  /**
   * Two projects calling Vertex AI from one Google project: validate says their managed spend
   * cannot be split.
   */
  @Test
  void projectsSharingAGoogleProjectForManagedModelsAreWarned() throws IOException {
    String sample = Files.readString(TestFiles.samples().resolve("contract-assistant.yaml"));
    Path a = dir.resolve("a.yaml");
    Path b = dir.resolve("b.yaml");
    Files.writeString(a, sample);
    Files.writeString(b, sample.replace("name: contract-assistant", "name: legal-search"));
    CliRun r = CliRun.of("validate", a.toString(), b.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    int line = 1 + (int) sample.lines().takeWhile(l -> !l.contains("projectId:")).count();
    assertThat(r.out())
        .contains(
            a
                + ":"
                + line
                + ": warning: Google project acme-legal-ai is also used for managed"
                + " models by legal-search (VertexAI/gemini-2.5-flash); this project calls VertexAI/gemini-2.5-flash from it:"
                + " its token spend cannot be told apart, so it is reported, not counted against this project's cap. Give"
                + " each project a Google project of its own (spec.gcp.projectId), or have the policy refuse this"
                + " (spec.models.sharedGoogleProjects: Refuse).");
    assertThat(r.out())
        .contains(
            b
                + ":"
                + line
                + ": warning: Google project acme-legal-ai is also used for managed"
                + " models by contract-assistant");
    assertThat(r.out())
        .endsWith("validate: 2 valid, 0 invalid, 0 skipped (not a genai.platform.dev kind)\n");
  }

  /**
   * The policy's token-spend fields: a usage query without its placeholders, a price that is not
   * one.
   */
  @Test
  void badManagedSpendPolicyFieldsAreNamed() throws IOException {
    String policy =
        Files.readString(TestFiles.samples().resolve("platform-policy.yaml"))
            .replace(",type=\"{type}\"}[{range}]", "}[30d]")
            .replace("default: {inputPerMillion: \"1.15\"", "default: {inputPerMillion: \"-1\"");
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, policy);
    CliRun r = CliRun.of("validate", file.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "spec.models.providers.VertexAI.usageQuery: must contain {type}, {range} (replaced"
                + " by the Google project, the model, input or output, and the range such as 3600s)");
    assertThat(r.out())
        .contains("spec.models.providers.VertexAI.tokenPrices.default.inputPerMillion");
    // the same policy given to --policy is refused before any project is read
    CliRun withPolicy =
        CliRun.of(
            "validate",
            "--policy",
            file.toString(),
            TestFiles.samples().resolve("public-pilot.yaml").toString());
    assertThat(withPolicy.exit()).isEqualTo(2);
    assertThat(withPolicy.err())
        .contains("spec.models.providers.VertexAI.usageQuery must contain {type}, {range}");
  }
}
