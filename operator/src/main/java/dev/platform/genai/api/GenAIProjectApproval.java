package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Compliance's approval of one exact request: the project and the digest of the governance-relevant
 * parts of its spec. Cluster-scoped, immutable once created (a new request needs a new approval),
 * and kept as the audit trail: who approved, when (creationTimestamp) and under which reference.
 */
@Group(GenAIProject.GROUP)
@Version(GenAIProject.VERSION)
@ShortNames("gpa")
@Plural("genaiprojectapprovals")
@Singular("genaiprojectapproval")
@AdditionalPrinterColumn(
    name = "Project",
    jsonPath = ".spec.project",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Approved By",
    jsonPath = ".spec.approvedBy",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reference",
    jsonPath = ".spec.reference",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Digest",
    jsonPath = ".spec.digest",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@JsonClassDescription(
    "Compliance's sign-off on one project's governance-relevant spec, by digest: model endpoints of a "
        + "Confidential or Restricted project, or a promotion to Production. Only the compliance group may "
        + "create one, with its own user name in approvedBy; immutable.")
public class GenAIProjectApproval extends StoredDocumentResource<GenAIProjectApprovalSpec, Void> {
  public static final String KIND = "GenAIProjectApproval";

  @Override
  @com.fasterxml.jackson.annotation.JsonPropertyDescription(
      "What was approved, by whom, under which reference." + " Immutable.")
  public GenAIProjectApprovalSpec getSpec() {
    return super.getSpec();
  }
}
