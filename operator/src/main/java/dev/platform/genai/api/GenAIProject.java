package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A team's request for a governed GenAI environment. Cluster-scoped: the project owns a namespace
 * of its own. Deliberately not {@link Namespaced}.
 */
@Group(GenAIProject.GROUP)
@Version(GenAIProject.VERSION)
@ShortNames("gp")
@Plural("genaiprojects")
@Singular("genaiproject")
@ValidationRule(
    value =
        "self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 47",
    message =
        "the project name must be a DNS label (lower-case letters, digits and '-') of at most 47 characters:"
            + " it becomes a namespace name after a prefix of up to 16")
@ValidationRule(
    value =
        "!has(oldSelf.spec) || !has(oldSelf.spec.stage) || oldSelf.spec.stage != 'Production'"
            + " || self.spec.stage == 'Production' || (has(oldSelf.status) && has(oldSelf.status.promotion)"
            + " && has(oldSelf.status.promotion.state) && oldSelf.status.promotion.state == 'Held')",
    fieldPath = ".spec.stage",
    message =
        "stage may go back from Production to Pilot only while the promotion is held (status.promotion.state"
            + " Held); a promoted project stays Production")
@AdditionalPrinterColumn(
    name = "Stage",
    jsonPath = ".spec.stage",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Classification",
    jsonPath = ".spec.dataClassification",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Budget",
    jsonPath = ".spec.budget.monthlyLimit",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Spent",
    jsonPath = ".status.budget.monthToDate",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Used%",
    jsonPath = ".status.budget.utilizationPercent",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Endpoints",
    jsonPath = ".status.endpointsReady",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "GPUs",
    jsonPath = ".status.gpu.usage",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Namespace",
    jsonPath = ".status.namespace",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Promotion",
    jsonPath = ".status.promotion.state",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Cost/KPI",
    jsonPath = ".status.kpis[0].costPerUnit",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@JsonClassDescription(
    "A team's request for a governed GenAI environment: the business sponsor and KPIs that justify it, "
        + "the monthly budget cap, the data classification and who signs off compliance, the team, GPUs and "
        + "model endpoints. The operator turns it into a namespace, RBAC, a quota, network guardrails, cost "
        + "alerts, cloud access and endpoints, and reports what it did in status (kubectl get gp, kubectl "
        + "describe gp).")
public class GenAIProject extends StoredDocumentResource<GenAIProjectSpec, GenAIProjectStatus> {
  public static final String GROUP = "genai.platform.dev";
  public static final String VERSION = "v1alpha1";
  public static final String KIND = "GenAIProject";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  @Override
  protected GenAIProjectStatus initStatus() {
    return null;
  }

  @Override
  @com.fasterxml.jackson.annotation.JsonPropertyDescription(
      "The request: sponsor, KPIs, budget, data classification,"
          + " compliance, team, resources, models and cloud access.")
  public GenAIProjectSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @com.fasterxml.jackson.annotation.JsonPropertyDescription(
      "What the operator observed and did (written by the" + " operator only).")
  public GenAIProjectStatus getStatus() {
    return super.getStatus();
  }
}
