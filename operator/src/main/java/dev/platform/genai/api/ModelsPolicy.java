package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** The model catalog, and which part of it each data classification may use. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelsPolicy {
  @JsonPropertyDescription("Serving runtimes for SelfHosted models, by name (spec.models[].selfHosted.runtime)."
      + " Replaces the built-in catalog (vllm) when set.")
  @Size(max = 32)
  public Map<String, RuntimePolicy> runtimes;

  @JsonPropertyDescription("Providers of Managed models, by name (spec.models[].managed.provider). Replaces the"
      + " built-in catalog (VertexAI) when set.")
  @Size(max = 32)
  public Map<String, ProviderPolicy> providers;

  @JsonPropertyDescription("What each data classification may use. Defaults: Public and Internal anything in the"
      + " catalog; Confidential SelfHosted and VertexAI; Restricted SelfHosted only.")
  public ClassificationModelRules classifications;
}
