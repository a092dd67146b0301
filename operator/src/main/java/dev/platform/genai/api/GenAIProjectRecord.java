package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * What the operator must remember about a project that it cannot observe again: the monthly spend
 * history (the promotion gate reads it), the promotion record, the pilot's recorded expiry, and the
 * notices already sent this month. Kubernetes' API conventions want status reconstructable from
 * observation, and backups commonly restore objects without their status: so these live here, one
 * object per project, named after it, written only by the operator (the project's status shows a
 * copy). No owner reference: a project restored from backup gets a new UID, and the garbage
 * collector would take a record owned by the old one. Deleted with its project.
 */
@Group(GenAIProject.GROUP)
@Version(GenAIProject.VERSION)
@ShortNames("gpr")
@Plural("genaiprojectrecords")
@Singular("genaiprojectrecord")
@AdditionalPrinterColumn(
    name = "Month",
    jsonPath = ".spec.month",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Promotion",
    jsonPath = ".spec.promotion.state",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@JsonClassDescription(
    "What the operator must remember about one project beyond its status (spend history, the promotion "
        + "record, notices already sent), so that a status wipe or a restore without status loses none of it. "
        + "Written by the operator only; deleted with its project.")
public class GenAIProjectRecord extends CustomResource<ProjectRecordSpec, Void> {
  @Override
  @com.fasterxml.jackson.annotation.JsonPropertyDescription(
      "The records (written by the operator only).")
  public ProjectRecordSpec getSpec() {
    return super.getSpec();
  }
}
