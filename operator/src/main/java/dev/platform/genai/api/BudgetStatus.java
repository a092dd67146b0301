package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Spend against the budget, as last evaluated from Prometheus (OpenCost metrics). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BudgetStatus {
  @JsonPropertyDescription("Currency of every amount here.")
  public String currency;

  @JsonPropertyDescription("The monthly limit these figures are measured against.")
  public String monthlyLimit;

  @JsonPropertyDescription(
      "What the granted quota would cost for a whole month (730 h) at the policy's prices.")
  public String quotaMonthlyCost;

  @JsonPropertyDescription("The month these figures are for (YYYY-MM, UTC).")
  public String month;

  @JsonPropertyDescription(
      "Spend since the first of the month counted against the cap: in-cluster plus managed"
          + " when that is attributed exactly.")
  public String monthToDate;

  @JsonPropertyDescription(
      "In-cluster spend since the first of the month (OpenCost: GPUs, CPU, memory).")
  public String inCluster;

  @JsonPropertyDescription(
      "Managed-model (token) spend since the first of the month at the policy's token prices:"
          + " the project's own calls as Envoy AI Gateway counted them (managedSource Gateway; for the endpoints' own"
          + " models Cloud Monitoring's figure instead when it is clearly higher on a Google project of the project's"
          + " own: calls that bypassed the gateway), or"
          + " its Google project's usage from Cloud Monitoring (CloudMonitoring). Counted in monthToDate only when"
          + " managedAttribution is Exact.")
  public String managed;

  @JsonPropertyDescription(
      "Exact: the figure is this project's alone (read at the gateway, or its Google project is"
          + " its own), and counts against the cap. Shared: read from Cloud Monitoring, and other projects call the same"
          + " providers from the Google project (sharedWith), so it is reported, not counted.")
  public String managedAttribution;

  @JsonPropertyDescription(
      "Where the managed figure is read: Gateway (Envoy AI Gateway's token metrics, labelled"
          + " with the caller) or CloudMonitoring (the provider's usage metric, labelled with the Google project only).")
  public String managedSource;

  /** managedSource: read at Envoy AI Gateway. */
  public static final String SOURCE_GATEWAY = "Gateway";

  /** managedSource: read from Cloud Monitoring. */
  public static final String SOURCE_CLOUD_MONITORING = "CloudMonitoring";

  @JsonPropertyDescription(
      "With managedSource Gateway: Cloud Monitoring's figure this month for the Google project's"
          + " same models, the check on the gateway's (it reads later than the gateway, and includes other projects'"
          + " calls on a shared Google project).")
  public String managedCheck;

  @JsonPropertyDescription(
      "With managedSource Gateway: the tokens and spend this month at the gateway.")
  public GatewaySpend gateway;

  @JsonPropertyDescription(
      "The projects sharing the Google project, when managedAttribution is Shared.")
  public List<String> sharedWith;

  @JsonPropertyDescription(
      "Forecast for the whole month: spend so far plus the current hourly cost until month end.")
  public String forecast;

  @JsonPropertyDescription("Month-to-date spend as a percentage of the monthly limit.")
  public Integer utilizationPercent;

  @JsonPropertyDescription(
      "When spend was last evaluated (RFC 3339). Older values are kept, with this time, when"
          + " Prometheus cannot be reached: unknown is never read as zero.")
  public String lastEvaluated;

  @JsonPropertyDescription(
      "When the managed-model figure was last read from Cloud Monitoring (RFC 3339): it is"
          + " read on its own, whether or not in-cluster spend could be.")
  public String managedEvaluated;

  @JsonPropertyDescription(
      "What monthToDate does not include, when a part of spend is unknown — in-cluster"
          + " (Prometheus, OpenCost) or managed (Cloud Monitoring) — and which earlier figure, if any, stands for it."
          + " Absent when every part is counted as read.")
  public String incomplete;

  @JsonPropertyDescription(
      "Alert thresholds already notified this month (a record, so each fires once a month).")
  public List<Integer> notifiedThresholds = new ArrayList<>();

  @JsonPropertyDescription(
      "The expiresAt a 7-day expiry notice was sent for (a record, so it is sent once).")
  public String expiryNoticeFor;

  @JsonPropertyDescription(
      "Spend of the last full months (at most 12, oldest first), as last evaluated, with the"
          + " limit in force each month: the promotion gate reads the last full month.")
  public List<MonthSpend> history = new ArrayList<>();

  @JsonPropertyDescription(
      "Whether the BudgetForecastExceeded Warning was emitted this month (once a month).")
  public Boolean forecastNotified;

  @JsonPropertyDescription(
      "GPU-seconds handed back by idle reclaim this month: stopped time times the GPUs the"
          + " workloads requested.")
  public Long idleGpuSeconds;

  @JsonPropertyDescription("The same in GPU-hours, two decimals.")
  public String idleGpuHours;

  @JsonPropertyDescription(
      "What those GPU-hours would have cost at the policy's GPU price (finops.gpuHourlyPrices),"
          + " in the budget's currency, to the cent.")
  public String idleSaved;

  @JsonPropertyDescription("Until when the idle GPU-seconds are counted (RFC 3339).")
  public String idleCountedAt;
}
