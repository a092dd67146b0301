package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** Prices and budget rules: one currency per cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FinOpsPolicy {
  @JsonPropertyDescription(
      "The cluster's currency (ISO 4217); a project budget in another currency is rejected."
          + " Default EUR.")
  @Size(max = 3)
  @ValidationRule(
      value = "self.matches('^[A-Z]{3}$')",
      message = "currency must be an ISO 4217 code such as EUR")
  public String currency;

  @JsonPropertyDescription(
      "Hourly price of one GPU by GPU type (the spec.resources.gpuType values), as decimal"
          + " strings, e.g. nvidia-l4: \"0.71\". Used for the budget-at-risk forecast; OpenCost's prices are the truth"
          + " for spend.")
  @Size(max = 50)
  @ValidationRule(
      value = "self.all(k, self[k].matches('^[0-9]{1,6}(\\\\.[0-9]{1,6})?$'))",
      message = "each GPU price must be a decimal such as \"0.71\"")
  public Map<String, @Size(max = 16) String> gpuHourlyPrices;

  @JsonPropertyDescription(
      "Hourly price of a GPU whose type has no price of its own. Default \"2.50\".")
  @Size(max = 16)
  @ValidationRule(
      value = "self.matches('^[0-9]{1,6}(\\\\.[0-9]{1,6})?$')",
      message = "must be a decimal such as \"2.50\"")
  public String defaultGpuHourlyPrice;

  @JsonPropertyDescription("Hourly price of one CPU core. Default \"0.033\".")
  @Size(max = 16)
  @ValidationRule(
      value = "self.matches('^[0-9]{1,6}(\\\\.[0-9]{1,6})?$')",
      message = "must be a decimal such as \"0.033\"")
  public String cpuCoreHourlyPrice;

  @JsonPropertyDescription("Hourly price of one GiB of memory. Default \"0.0045\".")
  @Size(max = 16)
  @ValidationRule(
      value = "self.matches('^[0-9]{1,6}(\\\\.[0-9]{1,6})?$')",
      message = "must be a decimal such as \"0.0045\"")
  public String memoryGiBHourlyPrice;

  @JsonPropertyDescription(
      "Labels put on every project's PrometheusRule, so Prometheus Operator's ruleSelector"
          + " loads them, e.g. release: kube-prometheus-stack.")
  @Size(max = 20)
  public Map<String, @Size(max = 63) String> alertRuleLabels;

  @JsonPropertyDescription(
      "What a project whose quota, priced for a month (730 h), exceeds its monthly limit gets:"
          + " Warn (condition BudgetAtRisk and a Warning Event) or Reject (nothing new is provisioned). Default Warn.")
  @Size(max = 8)
  @ValidationRule(
      value = "self in ['Warn', 'Reject']",
      message = "budgetAtRisk must be Warn or Reject")
  public String budgetAtRisk;
}
