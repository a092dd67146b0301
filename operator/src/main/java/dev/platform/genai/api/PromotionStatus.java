package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * The Pilot→Production gate: where a promotion stands, the checklist with its figures, and — once
 * promoted — the record of who approved it, when, and on what evidence (Events expire; this stays).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionStatus {
  @JsonPropertyDescription(
      "Held (spec.stage is Production, the project runs as a Pilot until the evidence is in),"
          + " Promoted, Grandfathered (already Production when the gate was introduced), or Withdrawn (back to"
          + " Pilot while held).")
  public String state;

  @JsonPropertyDescription(
      "Whether the project was created directly as Production (no pilot evidence).")
  public Boolean direct;

  @JsonPropertyDescription(
      "The digest a GenAIProjectApproval must carry to approve the promotion (digest"
          + " version 2: stage, dataClassification, compliance, models and gcp).")
  public String requiredDigest;

  @JsonPropertyDescription(
      "When the promotion was first requested, and when it was granted (RFC 3339).")
  public String requestedAt;

  @JsonPropertyDescription("When the promotion was granted (RFC 3339).")
  public String promotedAt;

  @JsonPropertyDescription(
      "The GenAIProjectApproval that approved the promotion, and who signed it.")
  public String approval;

  @JsonPropertyDescription("Who signed the approval of the promotion.")
  public String approvedBy;

  @JsonPropertyDescription(
      "The checklist: each item, whether it is met (or waived), and its figures.")
  public List<PromotionItem> checklist = new ArrayList<>();
}
