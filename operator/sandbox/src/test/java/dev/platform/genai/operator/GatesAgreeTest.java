package dev.platform.genai.operator;

import static dev.platform.genai.operator.OperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.PromotionItem;
import dev.platform.genai.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gate the CLI previews says the same in `validate`, `render` and the operator, because one
 * function decides it (black-box finding: render printed a warning and exit 0 where validate said
 * invalid and the operator blocked). Each gate walked: the budget at risk the policy rejects
 * (Planner.rejectedBudgetAtRisk), the shared Google project the policy refuses
 * (GoogleProjectSharing.refusal), the promotion checklist (PromotionGate's checks).
 */
class GatesAgreeTest {
  @TempDir Path dir;

  static final Path POLICY =
      TestFiles.repoRoot()
          .resolve("operator/src/test/resources/policies/budget-at-risk-reject.yaml");

  @Test
  void aBudgetAtRiskThePolicyRejectsIsRefusedAlikeByValidateRenderAndTheOperator()
      throws Exception {
    String policy = POLICY.toString();
    String project = TestFiles.samples().resolve("public-pilot.yaml").toString();
    String expected = "The cluster policy rejects a budget at risk, so nothing new is provisioned.";

    CliRun validate = CliRun.of("validate", "--policy", policy, project);
    CliRun render = CliRun.of("render", "--policy", policy, project);
    assertThat(validate.exit()).as(validate.out() + validate.err()).isEqualTo(1);
    assertThat(render.exit()).as(render.err()).isEqualTo(1);
    String message = lineWith(validate.out() + validate.err(), expected);
    String said =
        message.substring(
            message.indexOf("spec.budget.monthlyLimit: ") + "spec.budget.monthlyLimit: ".length());

    try (OperatorHarness h = new OperatorHarness()) {
      h.client
          .resource(
              h.client
                  .getKubernetesSerialization()
                  .unmarshal(Files.readString(POLICY), GenAIPlatformPolicy.class))
          .create();
      h.client.resource(Samples.project("public-pilot.yaml")).create();
      var blocked = h.awaitPhase("support-copilot", "Failed");
      var ready = condition(blocked, "Ready").orElseThrow();
      assertThat(ready.reason).isEqualTo("QuotaExceedsBudget");
      assertThat(ready.message).as("the operator's words are validate's").contains(said);
    }
    assertThat(render.err())
        .as("render's words are validate's")
        .contains("QuotaExceedsBudget: " + said);
  }

  /**
   * Two projects calling Vertex AI from one Google project under a policy that refuses it: validate
   * says invalid, render refuses (exit 1, nothing printed), the operator refuses the managed
   * endpoint — in the same words. Before, validate only warned and render, reading one project at a
   * time, rendered the endpoint.
   */
  @Test
  void aSharedGoogleProjectThePolicyRefusesIsRefusedAlikeByValidateRenderAndTheOperator()
      throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        Files.readString(TestFiles.samples().resolve("platform-policy.yaml"))
            .replace("sharedGoogleProjects: Report", "sharedGoogleProjects: Refuse"));
    String sample = Files.readString(TestFiles.samples().resolve("contract-assistant.yaml"));
    Path projects = dir.resolve("projects.yaml");
    Files.writeString(
        projects,
        sample + "\n---\n" + sample.replace("name: contract-assistant", "name: legal-search"));
    String expected =
        "spec.models[1].managed: Google project acme-legal-ai is also used for managed models by"
            + " legal-search (VertexAI/gemini-2.5-flash); this project calls VertexAI/gemini-2.5-flash from it, and the"
            + " policy refuses managed models on shared Google projects (spec.models.sharedGoogleProjects: Refuse): give"
            + " this project a Google project of its own (spec.gcp.projectId)";

    CliRun validate = CliRun.of("validate", "--policy", policy.toString(), projects.toString());
    assertThat(validate.exit()).as(validate.out() + validate.err()).isEqualTo(1);
    assertThat(validate.out())
        .contains(": " + expected + "\n")
        .endsWith("validate: 0 valid, 2 invalid, 0 skipped (not a genai.platform.dev kind)\n");
    CliRun render = CliRun.of("render", "--policy", policy.toString(), projects.toString());
    assertThat(render.exit()).as(render.err()).isEqualTo(1);
    assertThat(render.err()).contains(": ModelNotAllowed: " + expected + "\n");
    assertThat(render.out()).as("nothing half-rendered").isEmpty();

    try (OperatorHarness h = new OperatorHarness()) {
      h.client
          .resource(
              h.client
                  .getKubernetesSerialization()
                  .unmarshal(Files.readString(policy), GenAIPlatformPolicy.class))
          .create();
      h.client.resource(Samples.project("contract-assistant.yaml")).create();
      GenAIProject other = Samples.project("contract-assistant.yaml");
      other.getMetadata().setName("legal-search");
      h.client.resource(other).create();
      var refused =
          h.awaitProject(
              "contract-assistant",
              p ->
                  p.getStatus() != null
                      && condition(p, "EndpointsReady")
                          .filter(c -> "ModelNotAllowed".equals(c.reason))
                          .isPresent());
      assertThat(condition(refused, "EndpointsReady").orElseThrow().message)
          .as("the operator's words")
          .contains(expected);
      // the other project leaves: this one is woken and its managed endpoint is no longer refused
      h.client.resources(GenAIProject.class).withName("legal-search").delete();
      h.awaitProject(
          "contract-assistant",
          p ->
              condition(p, "EndpointsReady")
                  .filter(c -> !"ModelNotAllowed".equals(c.reason))
                  .isPresent());
    }
  }

  /**
   * A project created as Production: the promotion checklist validate previews is the operator's,
   * item by item (before, validate re-derived it in its own words and left out NotExpired and
   * Sponsor), and render --unapproved says the promotion is held with the same items missing.
   */
  @Test
  void thePromotionChecklistIsTheSameInValidateRenderAndTheOperator() throws Exception {
    String project = TestFiles.samples().resolve("restricted-production.yaml").toString();
    CliRun validate = CliRun.of("validate", project);
    assertThat(validate.exit()).as(validate.out() + validate.err()).isZero();
    List<String> notes =
        validate
            .out()
            .lines()
            .filter(l -> l.contains(": note: promotion: "))
            .map(
                l -> l.substring(l.indexOf(": note: promotion: ") + ": note: promotion: ".length()))
            .toList();
    CliRun render = CliRun.of("render", "--unapproved", project);
    assertThat(render.exit()).as(render.err()).isZero();

    try (OperatorHarness h = new OperatorHarness()) {
      h.client.resource(Samples.project("restricted-production.yaml")).create();
      GenAIProject held =
          h.awaitProject(
              "fraud-assistant",
              p ->
                  p.getStatus() != null
                      && p.getStatus().promotion != null
                      && "Held".equals(p.getStatus().promotion.state));
      List<PromotionItem> checklist = held.getStatus().promotion.checklist;
      assertThat(checklist)
          .extracting(i -> i.item)
          .containsExactly("DirectProduction", "ProductionBudget", "Approval", "Sponsor");
      for (PromotionItem item : checklist) {
        String said =
            item.item + ": " + (item.met ? "met (" + item.detail + ")" : "NOT met: " + item.detail);
        assertThat(notes)
            .as("validate previews %s as the operator judges it", item.item)
            .anyMatch(n -> n.equals(said) || n.equals("created directly as Production: " + said));
        if (!item.met) {
          assertThat(render.err())
              .as("render names what holds it")
              .contains(item.item + " (" + item.detail + ")");
        }
      }
    }
  }

  private static String lineWith(String text, String fragment) {
    return text.lines()
        .filter(l -> l.contains(fragment))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line with '" + fragment + "' in:\n" + text));
  }
}
