package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One KPI as a month ended: what the month's spend bought. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonthKpi {
  @JsonPropertyDescription("The KPI's name.")
  public String name;

  @JsonPropertyDescription("Its last measured value that month.")
  public String value;

  @JsonPropertyDescription("The gain over the baseline (towards the target).")
  public String gain;

  @JsonPropertyDescription("The month's spend per unit of gain, when there was a gain.")
  public String costPerUnit;

  @JsonPropertyDescription("What costPerUnit is in, e.g. EUR per hours gained (higher is better).")
  public String costPerUnitOf;

  public MonthKpi() {}
}
