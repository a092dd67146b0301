package dev.platform.genai.operator;

import static dev.platform.genai.operator.OperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A gate the CLI previews says the same in `validate`, `render` and the operator, because one function decides it
 * (black-box finding: render printed a warning and exit 0 where validate said invalid and the operator blocked).
 * Here the budget at risk the policy rejects.
 */
class GatesAgreeTest {
  static final String POLICY = """
      apiVersion: genai.platform.dev/v1alpha1
      kind: GenAIPlatformPolicy
      metadata: {name: default}
      spec:
        finops:
          currency: EUR
          budgetAtRisk: Reject
          gpuHourlyPrices: {nvidia-l4: "10"}
      """;

  record Run(int exit, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void aBudgetAtRiskThePolicyRejectsIsRefusedAlikeByValidateRenderAndTheOperator() throws Exception {
    Path policy = Files.createTempFile("policy", ".yaml");
    Files.writeString(policy, POLICY);
    String project = TestFiles.samples().resolve("public-pilot.yaml").toString();
    String expected = "The cluster policy rejects a budget at risk, so nothing new is provisioned.";

    Run validate = cli("validate", "--policy", policy.toString(), project);
    Run render = cli("render", "--policy", policy.toString(), project);
    assertThat(validate.exit()).as(validate.out() + validate.err()).isEqualTo(1);
    assertThat(render.exit()).as(render.err()).isEqualTo(1);
    String message = lineWith(validate.out() + validate.err(), expected);
    String said = message.substring(message.indexOf("spec.budget.monthlyLimit: ") + "spec.budget.monthlyLimit: ".length());

    try (OperatorHarness h = new OperatorHarness()) {
      h.client.resource(h.client.getKubernetesSerialization().unmarshal(POLICY, GenAIPlatformPolicy.class)).create();
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
