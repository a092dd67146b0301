package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** What a project must show before it runs as Production. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionPolicy {
  @JsonPropertyDescription(
      "How far, in percent of the way from baseline to target, every KPI with a query must"
          + " have come (measured by a query unchanged since the pilot recorded it). Default 50.")
  @Min(0)
  @Max(100)
  public Integer minKpiProgress;

  @JsonPropertyDescription(
      "Per data classification: may a project be created directly as Production (no pilot"
          + " evidence)? Allowed, or Approval: a GenAIProjectApproval of its status.promotion.requiredDigest. Default"
          + " Approval for every classification.")
  public DirectProductionPolicy directProduction;

  @JsonPropertyDescription(
      "Per data classification: checklist items that are waived (KpiEvidence,"
          + " BudgetHistory, ProductionBudget, Approval, NotExpired). A waiver is recorded in the project's"
          + " status.promotion.")
  public PromotionWaivers waivers;
}
