package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A business KPI that justifies the budget. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Kpi {
  @JsonPropertyDescription(
      "Short identifier of the KPI, e.g. hours-saved-per-week (a label value).")
  @Required
  @Size(min = 1, max = 63)
  @ValidationRule(value = Formats.LABEL_VALUE_RULE, message = "name " + Formats.LABEL_VALUE_MESSAGE)
  public String name;

  @JsonPropertyDescription("What the KPI measures and why it matters to the business.")
  @Size(max = 512)
  public String description;

  @JsonPropertyDescription("Unit of the KPI values, e.g. hours, EUR, percent.")
  @Required
  @Size(min = 1, max = 32)
  public String unit;

  @JsonPropertyDescription("Value before the project, as a decimal string, e.g. \"0\".")
  @Required
  @Size(max = 24)
  @ValidationRule(value = Formats.DECIMAL_RULE, message = "baseline " + Formats.DECIMAL_MESSAGE)
  public String baseline;

  @JsonPropertyDescription("Value that means success, as a decimal string, e.g. \"120\".")
  @Required
  @Size(max = 24)
  @ValidationRule(value = Formats.DECIMAL_RULE, message = "target " + Formats.DECIMAL_MESSAGE)
  public String target;

  @JsonPropertyDescription("Optional PromQL query whose current value is tracked in status.kpis.")
  @Size(max = 2048)
  public String query;
}
