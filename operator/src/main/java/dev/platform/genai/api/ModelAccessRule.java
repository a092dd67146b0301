package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * What one data classification may use. An absent field keeps the built-in default for the
 * classification.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelAccessRule {
  @JsonPropertyDescription("Kinds allowed: SelfHosted, Managed. Empty: no model endpoints at all.")
  @Size(max = 2)
  @ValidationRule(
      value = "self.all(k, k in ['SelfHosted', 'Managed'])",
      message = "kinds are SelfHosted or Managed")
  public List<@Size(max = 16) String> kinds;

  @JsonPropertyDescription(
      "Runtimes allowed (names in runtimes). Absent: every runtime in the catalog.")
  @Size(max = 32)
  public List<@Size(max = 63) String> runtimes;

  @JsonPropertyDescription(
      "Managed models allowed, as provider/model or provider/* (e.g. VertexAI/*). Absent:"
          + " every model in the catalog.")
  @Size(max = 100)
  public List<@Size(max = 200) String> managedModels;
}
