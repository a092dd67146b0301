package dev.platform.genai.operator;

import static dev.platform.genai.operator.OperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A gate the CLI previews says the same in `validate`, `render` and the operator, because one function decides it
 * (black-box finding: render printed a warning and exit 0 where validate said invalid and the operator blocked).
 * Here the budget at risk the policy rejects.
 */
class GatesAgreeTest {
  static final Path POLICY = TestFiles.repoRoot()
      .resolve("operator/src/test/resources/policies/budget-at-risk-reject.yaml");

  @Test
  void aBudgetAtRiskThePolicyRejectsIsRefusedAlikeByValidateRenderAndTheOperator() throws Exception {
    String policy = POLICY.toString();
    String project = TestFiles.samples().resolve("public-pilot.yaml").toString();
    String expected = "The cluster policy rejects a budget at risk, so nothing new is provisioned.";

    CliRun validate = CliRun.of("validate", "--policy", policy, project);
    CliRun render = CliRun.of("render", "--policy", policy, project);
    assertThat(validate.exit()).as(validate.out() + validate.err()).isEqualTo(1);
    assertThat(render.exit()).as(render.err()).isEqualTo(1);
    String message = lineWith(validate.out() + validate.err(), expected);
    String said = message.substring(message.indexOf("spec.budget.monthlyLimit: ") + "spec.budget.monthlyLimit: ".length());

    try (OperatorHarness h = new OperatorHarness()) {
      h.client.resource(h.client.getKubernetesSerialization().unmarshal(Files.readString(POLICY), GenAIPlatformPolicy.class)).create();
      h.client.resource(Samples.project("public-pilot.yaml")).create();
      var blocked = h.awaitPhase("support-copilot", "Failed");
      var ready = condition(blocked, "Ready").orElseThrow();
      assertThat(ready.reason).isEqualTo("QuotaExceedsBudget");
      assertThat(ready.message).as("the operator's words are validate's").contains(said);
    }
    assertThat(render.err()).as("render's words are validate's").contains("QuotaExceedsBudget: " + said);
  }

  private static String lineWith(String text, String fragment) {
    return text.lines().filter(l -> l.contains(fragment)).findFirst()
        .orElseThrow(() -> new AssertionError("no line with '" + fragment + "' in:\n" + text));
  }
}
