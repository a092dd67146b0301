package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * How one runtime serves a SelfHosted model: an OpenAI-compatible server image, or KServe where
 * installed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuntimePolicy {
  @JsonPropertyDescription(
      "Image of the OpenAI-compatible server (used where KServe is not installed).")
  @Required
  @Size(min = 1, max = 512)
  public String image;

  @JsonPropertyDescription("Port the server listens on. Default 8000.")
  @Min(1)
  @Max(65535)
  public Integer port;

  @JsonPropertyDescription("Readiness path. Default /health.")
  @Size(max = 256)
  public String healthPath;

  @JsonPropertyDescription(
      "Server arguments; {model}, {name} and {port} are replaced. Default: --model={model}"
          + " --served-model-name={name} --port={port}.")
  @Size(max = 32)
  public List<@Size(max = 512) String> args;

  @JsonPropertyDescription("CPU requested per replica. Default 2.")
  @Size(max = 32)
  public String cpu;

  @JsonPropertyDescription("Memory requested per replica. Default 8Gi.")
  @Size(max = 32)
  public String memory;

  @JsonPropertyDescription(
      "KServe model format name where KServe is installed. Default huggingface.")
  @Size(max = 63)
  public String kserveModelFormat;
}
