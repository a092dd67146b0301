package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The business sponsor (a person: name and email): who pays, and who answers for the KPIs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Sponsor extends Person {
  @JsonPropertyDescription("Business unit that owns the project, e.g. Retail Banking.")
  @Required
  @Size(min = 1, max = 128)
  public String businessUnit;

  @JsonPropertyDescription(
      "Cost center the spend is charged to. Becomes the namespace label"
          + " genai.platform.dev/cost-center, so it must be a valid label value.")
  @Required
  @Size(min = 1, max = 63)
  @ValidationRule(
      value = Formats.LABEL_VALUE_RULE,
      message = "costCenter " + Formats.LABEL_VALUE_MESSAGE)
  public String costCenter;
}
