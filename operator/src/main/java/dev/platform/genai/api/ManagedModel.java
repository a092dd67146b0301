package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A cloud-hosted model; data leaves the cluster, so classification policy decides if it is allowed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManagedModel {
  @JsonPropertyDescription("Provider of the model, e.g. VertexAI.")
  @Required
  @Size(min = 1, max = 32)
  public String provider;

  @JsonPropertyDescription("Model name at the provider, e.g. gemini-2.5-pro.")
  @Required
  @Size(min = 1, max = 128)
  public String model;

  @JsonPropertyDescription("Region of the endpoint, e.g. europe-west4.")
  @Size(max = 32)
  public String region;
}
