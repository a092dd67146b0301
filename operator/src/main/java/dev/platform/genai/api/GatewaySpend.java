package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What Envoy AI Gateway counted this month for the project's workload (managedSource Gateway). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GatewaySpend {
  @JsonPropertyDescription(
      "The managed endpoints' tokens this month (input plus output), as the gateway counted them"
          + " for the project's workload.")
  public String tokens;

  @JsonPropertyDescription("What those tokens cost at the policy's prices.")
  public String spend;

  @JsonPropertyDescription(
      "In the month Envoy's yearly rate-limit window restarts (docs/ai-gateway.md), once it"
          + " has: the spend at the gateway this month before the restart, by which the token budget after it is"
          + " lowered.")
  public String spendBeforeWindowReset;
}
