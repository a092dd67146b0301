package dev.platform.genai.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.admission.AdmissionRules;
import dev.platform.genai.admission.Violation;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.build.InvalidProjectException;
import dev.platform.genai.model.build.ProjectModels;
import dev.platform.genai.policy.PlatformPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;

/**
 * Every rule a GenAIProject must pass, in one place for the reconciler and for {@code validate}:
 * the CRD's own admission rules, then the policy's. Admission violations block provisioning; policy
 * findings (a request above the cap) are provisioned at the cap in the cluster and fail {@code
 * validate}, so a pull request learns before merge what the cluster would report after.
 */
public final class ProjectRules {
  private ProjectRules() {}

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /**
   * @param model the model, when the spec is usable
   * @param violations what admission (or reading the spec) rejects: nothing is provisioned
   * @param policyFindings what the policy caps: provisioned at the cap, reported
   */
  public record Checked(
      ProjectModel model, List<Violation> violations, List<Violation> policyFindings) {
    public boolean admitted() {
      return violations.isEmpty();
    }

    public List<Violation> all() {
      List<Violation> out = new ArrayList<>(violations);
      out.addAll(policyFindings);
      return out;
    }
  }

  /**
   * A resource read by the operator: the document the API server stored is checked, exactly as
   * {@code validate} checks a file (so they agree even on values the typed API could not hold).
   */
  public static Checked check(GenAIProject project, PlatformPolicy policy) {
    List<Violation> violations = new ArrayList<>();
    JsonNode source = project.source();
    if (source != null) {
      violations.addAll(AdmissionRules.project().validate(withoutStatus(source)));
    } else {
      violations.addAll(
          AdmissionRules.project().validate(SERIALIZATION.convertValue(project, JsonNode.class)));
    }
    return violations.isEmpty() ? model(project, policy) : new Checked(null, violations, List.of());
  }

  /** For a document read from a file: typed reading happens only when the schema allows it. */
  public static Checked check(JsonNode document, PlatformPolicy policy) {
    List<Violation> violations = AdmissionRules.project().validate(document);
    if (!violations.isEmpty()) {
      return new Checked(null, violations, List.of());
    }
    return model(SERIALIZATION.convertValue(document, GenAIProject.class), policy);
  }

  private static Checked model(GenAIProject project, PlatformPolicy policy) {
    try {
      ProjectModel model = ProjectModels.build(project, policy);
      List<Violation> findings =
          new ArrayList<>(
              model.quota().capped().stream()
                  .map(
                      c ->
                          new Violation(
                              c.field(),
                              c.message()
                                  + ": lower it, or ask the platform team to raise the cap"))
                  .toList());
      Planner.rejectedBudgetAtRisk(model, policy)
          .ifPresent(m -> findings.add(new Violation("spec.budget.monthlyLimit", m)));
      model.endpoints().notAllowed().forEach(p -> findings.add(Violation.parse(p)));
      if (model.endpoints().fitProblem() != null) {
        findings.add(new Violation("spec.models", model.endpoints().fitProblem()));
      }
      if (model.cloud() != null) {
        model.cloud().denied().forEach(d -> findings.add(new Violation("spec.gcp", d)));
      }
      dev.platform.genai.plan.gpu.IdleSettings.refusal(project, policy.idleReclaim())
          .ifPresent(m -> findings.add(new Violation("spec.idleReclaim.window", m)));
      return new Checked(model, List.of(), findings);
    } catch (InvalidProjectException e) {
      return new Checked(null, e.problems().stream().map(Violation::parse).toList(), List.of());
    }
  }

  /** Status is the operator's own writing, not the user's request. */
  private static JsonNode withoutStatus(JsonNode document) {
    if (document.has("status") && document instanceof ObjectNode o) {
      ObjectNode copy = o.deepCopy();
      copy.remove("status");
      return copy;
    }
    return document;
  }
}
