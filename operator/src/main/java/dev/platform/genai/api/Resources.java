package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Compute the project asks for. The namespace's ResourceQuota is this, capped by cluster policy.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Resources {
  @JsonPropertyDescription(
      "Number of GPUs (requests.nvidia.com/gpu in the namespace quota). Default 0.")
  @Min(0)
  @Max(1024)
  public Integer gpus;

  @JsonPropertyDescription(
      "GPU model the workloads need, e.g. nvidia-l4 (a node selector value, not a quota).")
  @Size(max = 63)
  @ValidationRule(
      value = Formats.LABEL_VALUE_RULE,
      message = "gpuType " + Formats.LABEL_VALUE_MESSAGE)
  public String gpuType;

  @JsonPropertyDescription(
      "CPU requests allowed in the namespace, a Kubernetes quantity such as 16 or 500m.")
  @Size(max = 32)
  @ValidationRule(
      value = Formats.QUANTITY_RULE,
      message = "cpu must be a quantity such as 16 or 500m")
  public String cpu;

  @JsonPropertyDescription(
      "Memory requests allowed in the namespace, a Kubernetes quantity such as 64Gi.")
  @Size(max = 32)
  @ValidationRule(
      value = Formats.QUANTITY_RULE,
      message = "memory must be a quantity such as 64Gi or 512Mi")
  public String memory;
}
