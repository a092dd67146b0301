package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The price of a managed model's tokens, per million, in the cluster's currency
 * (spec.finops.currency).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TokenPricePolicy {
  @JsonPropertyDescription("Price of 1M input (prompt) tokens, as a decimal string, e.g. \"0.30\".")
  @Required
  @Size(max = 16)
  @ValidationRule(
      value = "self.matches('^[0-9]{1,6}(\\\\.[0-9]{1,6})?$')",
      message = "must be a decimal such as \"0.30\"")
  public String inputPerMillion;

  @JsonPropertyDescription(
      "Price of 1M output (generated) tokens, as a decimal string, e.g. \"2.50\".")
  @Required
  @Size(max = 16)
  @ValidationRule(
      value = "self.matches('^[0-9]{1,6}(\\\\.[0-9]{1,6})?$')",
      message = "must be a decimal such as \"2.50\"")
  public String outputPerMillion;

  public TokenPricePolicy() {}

  public TokenPricePolicy(String inputPerMillion, String outputPerMillion) {
    this.inputPerMillion = inputPerMillion;
    this.outputPerMillion = outputPerMillion;
  }
}
