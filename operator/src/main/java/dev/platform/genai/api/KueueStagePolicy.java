package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The ClusterQueues of one stage: their cohort, what they borrow and lend, whether they reclaim.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KueueStagePolicy {
  @JsonPropertyDescription(
      "The cohort the stage's ClusterQueues share idle quota in; empty for none (no"
          + " borrowing, no lending).")
  @Size(max = 253)
  @ValidationRule(
      value = "self == '' || " + Formats.DNS_SUBDOMAIN_RULE,
      message = "cohort must be empty or a DNS subdomain name")
  public String cohort;

  @JsonPropertyDescription(
      "Whether a project may borrow idle quota of its cohort: up to the stage cap, and never"
          + " more GPUs than its budget affords (nominal + borrowing limit never exceed either).")
  public Boolean borrow;

  @JsonPropertyDescription(
      "How much of its nominal quota a project lends to the cohort, in percent. Default 100.")
  @Min(0)
  @Max(100)
  public Integer lendPercent;

  @JsonPropertyDescription(
      "Whether a queue takes back lent quota by preempting borrowers: Never, LowerPriority or"
          + " Any. Reclaiming deletes the borrowers' pods, serving pods included.")
  @ValidationRule(
      value = "self in ['Never', 'LowerPriority', 'Any']",
      message = "reclaimWithinCohort must be Never, LowerPriority or Any")
  public String reclaimWithinCohort;
}
