package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The approved request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"project", "digest", "approvedBy", "reference", "comment"})
@ValidationRule(
    value = "self == oldSelf",
    message = "an approval is immutable: create a new one for a changed request")
public class GenAIProjectApprovalSpec {
  @JsonPropertyDescription("Name of the GenAIProject approved.")
  @Required
  @Size(min = 1, max = 47)
  @ValidationRule(
      value = Formats.DNS_LABEL_RULE,
      message = "project must be a GenAIProject name (a DNS label)")
  public String project;

  @JsonPropertyDescription(
      "The project's status.approval.requiredDigest that was reviewed: sha256: and the"
          + " SHA-256 of the RFC 8785 canonical JSON of spec.dataClassification, compliance, models and gcp.")
  @Required
  @Size(min = 71, max = 71)
  @ValidationRule(
      value = "self.matches('^sha256:[0-9a-f]{64}$')",
      message =
          "digest must be sha256: followed by 64 lower-case hex digits, as status.approval.requiredDigest shows")
  public String digest;

  @JsonPropertyDescription(
      "Who approved: must be the user creating the approval (the chart's"
          + " ValidatingAdmissionPolicy enforces it).")
  @Required
  @Size(min = 1, max = 253)
  public String approvedBy;

  @JsonPropertyDescription("Where the review is recorded, e.g. a ticket or DPIA reference.")
  @Required
  @Size(min = 1, max = 256)
  public String reference;

  @JsonPropertyDescription("Free text: conditions or remarks of the approval.")
  @Size(max = 1024)
  public String comment;
}
