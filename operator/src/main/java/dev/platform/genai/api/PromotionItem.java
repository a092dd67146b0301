package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One item of the promotion checklist. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionItem {
  @JsonPropertyDescription(
      "KpiEvidence, BudgetHistory, ProductionBudget, Approval, Sponsor, NotExpired or"
          + " DirectProduction.")
  public String item;

  @JsonPropertyDescription("Whether the item is met (a waived item counts as met).")
  public Boolean met;

  @JsonPropertyDescription("Whether policy waived the item.")
  public Boolean waived;

  @JsonPropertyDescription("The figures, or what is missing.")
  public String detail;

  public PromotionItem() {}

  public PromotionItem(String item, boolean met, boolean waived, String detail) {
    this.item = item;
    this.met = met;
    this.waived = waived ? Boolean.TRUE : null;
    this.detail = detail;
  }
}
