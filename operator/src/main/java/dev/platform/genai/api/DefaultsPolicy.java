package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Defaults for what a project does not say. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DefaultsPolicy {
  @JsonPropertyDescription("CPU quota of a project without resources.cpu. Default 4.")
  @Size(max = 32)
  @ValidationRule(
      value = Formats.QUANTITY_RULE,
      message = "projectCpu must be a quantity such as 4")
  public String projectCpu;

  @JsonPropertyDescription("Memory quota of a project without resources.memory. Default 16Gi.")
  @Size(max = 32)
  @ValidationRule(
      value = Formats.QUANTITY_RULE,
      message = "projectMemory must be a quantity such as 16Gi")
  public String projectMemory;

  @JsonPropertyDescription("LimitRange: CPU limit of a container that sets none. Default 1.")
  @Size(max = 32)
  @ValidationRule(
      value = Formats.QUANTITY_RULE,
      message = "containerCpuLimit must be a quantity such as 1")
  public String containerCpuLimit;

  @JsonPropertyDescription("LimitRange: memory limit of a container that sets none. Default 2Gi.")
  @Size(max = 32)
  @ValidationRule(
      value = Formats.QUANTITY_RULE,
      message = "containerMemoryLimit must be a quantity such as 2Gi")
  public String containerMemoryLimit;

  @JsonPropertyDescription("LimitRange: CPU request of a container that sets none. Default 250m.")
  @Size(max = 32)
  @ValidationRule(
      value = Formats.QUANTITY_RULE,
      message = "containerCpuRequest must be a quantity such as 250m")
  public String containerCpuRequest;

  @JsonPropertyDescription(
      "LimitRange: memory request of a container that sets none. Default 512Mi.")
  @Size(max = 32)
  @ValidationRule(
      value = Formats.QUANTITY_RULE,
      message = "containerMemoryRequest must be a quantity such as 512Mi")
  public String containerMemoryRequest;
}
