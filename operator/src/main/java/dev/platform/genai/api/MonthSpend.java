package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One full month's spend, as last evaluated, with the limit in force that month. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonthSpend {
  @JsonPropertyDescription("The month (YYYY-MM, UTC).")
  public String month;

  @JsonPropertyDescription("Spend that month, as last evaluated.")
  public String spent;

  @JsonPropertyDescription("The monthly limit in force that month.")
  public String limit;

  @JsonPropertyDescription("Of the spend: in-cluster (OpenCost), as last evaluated.")
  public String inCluster;

  @JsonPropertyDescription(
      "Managed-model (token) spend of the project's Google project, as last evaluated; part of"
          + " spent only when it was attributed exactly.")
  public String managed;

  @JsonPropertyDescription("The currency of the figures.")
  public String currency;

  @JsonPropertyDescription(
      "The KPIs at the month's end: value, gain over the baseline and spend per unit of gain —"
          + " the sponsor's summary of what the month bought.")
  public java.util.List<MonthKpi> kpis;

  @com.fasterxml.jackson.annotation.JsonPropertyDescription(
      "GPU-hours idle reclaim handed back that month.")
  public String idleGpuHours;

  @com.fasterxml.jackson.annotation.JsonPropertyDescription(
      "What they would have cost at the policy's GPU price.")
  public String idleSaved;

  public MonthSpend() {}

  public MonthSpend(String month, String spent, String limit) {
    this.month = month;
    this.spent = spent;
    this.limit = limit;
  }
}
