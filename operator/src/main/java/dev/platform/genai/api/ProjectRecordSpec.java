package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/** A project's records; the same fields as in its status, which shows a copy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "month",
  "notifiedThresholds",
  "forecastNotified",
  "expiryNoticeFor",
  "pilotExpiresAt",
  "history",
  "promotion"
})
public class ProjectRecordSpec {
  @JsonPropertyDescription("The month the notices below were sent in (YYYY-MM, UTC).")
  public String month;

  @JsonPropertyDescription(
      "Alert thresholds already notified that month (each fires once a month).")
  public List<Integer> notifiedThresholds = new ArrayList<>();

  @JsonPropertyDescription("Whether the BudgetForecastExceeded Warning was emitted that month.")
  public Boolean forecastNotified;

  @JsonPropertyDescription("The expiresAt a 7-day expiry notice was sent for.")
  public String expiryNoticeFor;

  @JsonPropertyDescription("When the pilot expires, as recorded when it started.")
  public String pilotExpiresAt;

  @JsonPropertyDescription(
      "Spend of the last full months (at most 12, oldest first), with the limit in force.")
  public List<MonthSpend> history = new ArrayList<>();

  @JsonPropertyDescription(
      "The promotion record: requested, held, promoted or grandfathered, with its approval.")
  public PromotionStatus promotion;
}
