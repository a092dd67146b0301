package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** The model catalog, and which part of it each data classification may use. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelsPolicy {
  @JsonPropertyDescription(
      "Serving runtimes for SelfHosted models, by name (spec.models[].selfHosted.runtime)."
          + " Replaces the built-in catalog (vllm) when set.")
  @Size(max = 32)
  public Map<String, RuntimePolicy> runtimes;

  @JsonPropertyDescription(
      "Providers of Managed models, by name (spec.models[].managed.provider). Replaces the"
          + " built-in catalog (VertexAI) when set.")
  @Size(max = 32)
  public Map<String, ProviderPolicy> providers;

  @JsonPropertyDescription(
      "What each data classification may use. Defaults: Public and Internal anything in the"
          + " catalog; Confidential SelfHosted and VertexAI; Restricted SelfHosted only.")
  public ClassificationModelRules classifications;

  @JsonPropertyDescription(
      "Managed models of projects that share one Google project (spec.gcp.projectId) with other"
          + " projects calling the same provider: their token spend cannot be told apart. Report (default): reported as"
          + " shared, not counted against each project's cap (ManagedSpendTracked=False SharedGoogleProject); Refuse:"
          + " such managed models are refused like a model the policy does not allow (EndpointsReady=False"
          + " ModelNotAllowed: nothing new is provisioned for spec.models, running endpoints are kept).")
  @Size(max = 8)
  @ValidationRule(
      value = "self in ['Report', 'Refuse']",
      message = "sharedGoogleProjects must be Report or Refuse")
  public String sharedGoogleProjects;
}
