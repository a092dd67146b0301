package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Where data of one classification may be processed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResidencyRule {
  @JsonPropertyDescription(
      "Allowed locations (Google Cloud regions such as europe-west4, or multi-regions such as"
          + " eu where a provider offers them). A managed endpoint's region, a self-hosted endpoint's nodes and the"
          + " project's pods must be in one of them.")
  @Size(min = 1, max = 32)
  @ValidationRule(
      value = "self.all(r, r.matches('^[a-z][a-z0-9-]*[a-z0-9]$') && r != 'global')",
      message = "regions are lower-case location names such as europe-west4; global is no location")
  public List<@Size(max = 63) String> regions;
}
