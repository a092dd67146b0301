package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One model endpoint the project needs: served in the namespace, or a managed cloud model. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.kind) || self.kind != 'SelfHosted' || has(self.selfHosted)",
    message = "a SelfHosted model needs selfHosted (runtime, storageUri, ...)",
    fieldPath = ".selfHosted")
@ValidationRule(
    value = "!has(self.kind) || self.kind != 'Managed' || has(self.managed)",
    message = "a Managed model needs managed (provider, model, region)",
    fieldPath = ".managed")
public class ModelEndpoint {
  @JsonPropertyDescription("Name of the endpoint, a DNS label of at most 40 characters.")
  @Required
  @Size(min = 1, max = 40)
  @ValidationRule(value = Formats.DNS_LABEL_RULE, message = "model name must be a DNS label")
  public String name;

  @JsonPropertyDescription(
      "SelfHosted (served in the project namespace) or Managed (a cloud-hosted model).")
  @Required
  @Size(max = 16)
  @ValidationRule(
      value = "self in ['SelfHosted', 'Managed']",
      message = "kind must be SelfHosted or Managed")
  public String kind;

  @JsonPropertyDescription("How a SelfHosted model is served.")
  public SelfHostedModel selfHosted;

  @JsonPropertyDescription("Which Managed model is used.")
  public ManagedModel managed;
}
