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

  @JsonPropertyDescription("sha256 of the query that measured it. The promotion gate counts only evidence from a"
      + " query unchanged since measuredSince: an edited query restarts its evidence.")
  public String queryDigest;

  @JsonPropertyDescription("When this query was first measured (RFC 3339).")
  public String measuredSince;
}
