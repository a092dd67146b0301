package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The compliance approval gate of a project with model endpoints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "required",
  "requiredDigest",
  "approvedDigest",
  "approval",
  "approvedBy",
  "approvedAt",
  "reference"
})
public class ApprovalStatus {
  @JsonPropertyDescription("Whether endpoints need an approval (Confidential and Restricted data).")
  public Boolean required;

  @JsonPropertyDescription(
      "What compliance must approve: sha256: and the SHA-256 of the RFC 8785 canonical JSON"
          + " of {dataClassification, compliance, models, gcp} from the spec (absent ones left out).")
  public String requiredDigest;

  @JsonPropertyDescription(
      "Where data residency applies: the regions the approval covers (part of the digest), so"
          + " the approver sees where the data may be processed.")
  public java.util.List<String> regions;

  @JsonPropertyDescription(
      "The digest of the approval in force, or of the newest approval of this project when"
          + " none matches (then it differs from requiredDigest).")
  public String approvedDigest;

  @JsonPropertyDescription("Name of that GenAIProjectApproval.")
  public String approval;

  @JsonPropertyDescription("Who approved it.")
  public String approvedBy;

  @JsonPropertyDescription("When it was approved (the approval's creationTimestamp).")
  public String approvedAt;

  @JsonPropertyDescription("The approval's reference (ticket, DPIA).")
  public String reference;
}
