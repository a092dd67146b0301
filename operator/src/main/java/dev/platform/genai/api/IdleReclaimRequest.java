package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What a project asks of idle reclaim: less than the policy's, never more. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IdleReclaimRequest {
  @JsonPropertyDescription(
      "A longer idle window than the policy's (at most its longestWindow), e.g. 2h for a"
          + " pilot used in bursts.")
  @Size(max = 6)
  @ValidationRule(
      value = IdleReclaimPolicy.DURATION,
      message = "window" + IdleReclaimPolicy.DURATION_MESSAGE)
  public String window;
}
