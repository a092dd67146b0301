package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A model served inside the project namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SelfHostedModel {
  @JsonPropertyDescription("Serving runtime, e.g. vllm.")
  @Required
  @Size(min = 1, max = 63)
  public String runtime;

  @JsonPropertyDescription("Where the model weights are, e.g. gs://acme-models/llama-3-8b.")
  @Required
  @Size(min = 1, max = 1024)
  public String storageUri;

  @JsonPropertyDescription("GPUs per replica. Default 1.")
  @Min(0)
  @Max(16)
  public Integer gpusPerReplica;

  @JsonPropertyDescription("Number of replicas. Default 1.")
  @Min(0)
  @Max(16)
  public Integer replicas;
}
