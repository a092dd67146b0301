package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What the project may burn per month. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Budget {
  /**
   * Thresholds are strictly ascending; standard CEL has no index loop, so the rule spells out each
   * pair.
   */
  static final String ASCENDING_RULE =
      "(size(self) < 2 || self[0] < self[1])"
          + " && (size(self) < 3 || self[1] < self[2]) && (size(self) < 4 || self[2] < self[3])"
          + " && (size(self) < 5 || self[3] < self[4]) && (size(self) < 6 || self[4] < self[5])";

  @JsonPropertyDescription(
      "Monthly spending cap as a positive decimal string, e.g. \"5000\" or \"1250.50\".")
  @Required
  @Size(max = 24)
  @ValidationRule(
      value = "self.matches('^[0-9]{1,12}(\\\\.[0-9]{1,2})?$') && double(self) > 0.0",
      message =
          "monthlyLimit must be a positive amount with at most two decimals, such as \"5000\" or \"1250.50\"")
  public String monthlyLimit;

  @JsonPropertyDescription("ISO 4217 currency code of the cap, e.g. EUR or USD.")
  @Required
  @Size(max = 3)
  @ValidationRule(
      value = "self.matches('^[A-Z]{3}$')",
      message = "currency must be an ISO 4217 code such as EUR or USD")
  public String currency;

  @JsonPropertyDescription(
      "Percentages of the cap at which an alert fires, strictly ascending, each 1..100."
          + " Default: 50, 80, 100.")
  @Size(max = 6)
  @ValidationRule(
      value = "self.all(t, t >= 1 && t <= 100)",
      message = "each alert threshold is a percentage of the cap from 1 to 100")
  @ValidationRule(
      value = ASCENDING_RULE,
      message = "alertThresholds must be strictly ascending, e.g. [50, 80, 100]")
  public List<Integer> alertThresholds;

  @JsonPropertyDescription(
      "What happens when spend reaches the cap: Alert (events and conditions only), Throttle"
          + " (GPU quota set to zero), Suspend (also scale model endpoints to zero). Default: Alert.")
  @Size(max = 16)
  @ValidationRule(
      value = "self in ['Alert', 'Throttle', 'Suspend']",
      message = "onExceeded must be Alert, Throttle or Suspend")
  public String onExceeded;
}
