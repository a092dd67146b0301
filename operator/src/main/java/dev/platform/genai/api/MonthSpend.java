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

  public MonthSpend() {}

  public MonthSpend(String month, String spent, String limit) {
    this.month = month;
    this.spent = spent;
    this.limit = limit;
  }
}
