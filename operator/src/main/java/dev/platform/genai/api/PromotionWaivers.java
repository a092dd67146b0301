package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Per data classification: the promotion checklist items policy waives. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionWaivers {
  static final String RULE =
      "self.all(i, i in ['KpiEvidence', 'BudgetHistory', 'ProductionBudget', 'Approval',"
          + " 'NotExpired'])";
  static final String MESSAGE =
      "a waivable item is KpiEvidence, BudgetHistory, ProductionBudget, Approval or"
          + " NotExpired";

  @JsonPropertyDescription("Items waived for Public data.")
  @Size(max = 5)
  @ValidationRule(value = RULE, message = MESSAGE)
  public List<@Size(max = 32) String> publicData;

  @JsonPropertyDescription("Items waived for Internal data.")
  @Size(max = 5)
  @ValidationRule(value = RULE, message = MESSAGE)
  public List<@Size(max = 32) String> internalData;

  @JsonPropertyDescription("Items waived for Confidential data.")
  @Size(max = 5)
  @ValidationRule(value = RULE, message = MESSAGE)
  public List<@Size(max = 32) String> confidentialData;

  @JsonPropertyDescription("Items waived for Restricted data.")
  @Size(max = 5)
  @ValidationRule(value = RULE, message = MESSAGE)
  public List<@Size(max = 32) String> restrictedData;
}
