package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A KPI's current value, from its PromQL query. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KpiStatus {
  @JsonPropertyDescription("The KPI's name.")
  public String name;

  @JsonPropertyDescription("Current value of the query.")
  public String value;

  @JsonPropertyDescription("The target from the spec.")
  public String target;

  @JsonPropertyDescription("Progress from baseline to target, in percent.")
  public Integer progressPercent;

  @JsonPropertyDescription("When the value was last evaluated (RFC 3339).")
  public String lastEvaluated;

  @JsonPropertyDescription("Why the value is missing or old, when it is.")
  public String message;

  @JsonPropertyDescription(
      "sha256 of the query that measured it. The promotion gate counts only evidence from a"
          + " query unchanged since measuredSince: an edited query restarts its evidence.")
  public String queryDigest;

  @JsonPropertyDescription("When this query was first measured (RFC 3339).")
  public String measuredSince;

  @JsonPropertyDescription(
      "The gain over the baseline, in the KPI's unit, in the direction that is better (from"
          + " baseline towards target): negative when it got worse.")
  public String gain;

  @JsonPropertyDescription(
      "Cost per unit of gain: spend this month divided by the gain (e.g. EUR per minute of"
          + " handling time saved). Absent while there is no gain yet.")
  public String costPerUnit;

  @JsonPropertyDescription(
      "What costPerUnit is, e.g. \"EUR per minutes gained (lower is better)\".")
  public String costPerUnitOf;
}
