package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Where this project's data may be processed: within what the policy allows for its classification.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProjectResidency {
  @JsonPropertyDescription(
      "Allowed locations, narrowing the policy's for the project's classification"
          + " (spec.residency of the GenAIPlatformPolicy); a location the policy does not allow is refused. Part of the"
          + " approval digest.")
  @Size(min = 1, max = 32)
  @ValidationRule(
      value = "self.all(r, r.matches('^[a-z][a-z0-9-]*[a-z0-9]$') && r != 'global')",
      message = "regions are lower-case location names such as europe-west4; global is no location")
  public List<@Size(max = 63) String> regions;
}
