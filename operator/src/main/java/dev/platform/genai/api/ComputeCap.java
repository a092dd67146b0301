package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The most one project of a stage may get. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComputeCap {
  @JsonPropertyDescription("Most GPUs.")
  @Min(0)
  @Max(1024)
  public Integer gpus;

  @JsonPropertyDescription("Most CPU requests, a quantity such as 64.")
  @Size(max = 32)
  @ValidationRule(
      value = Formats.QUANTITY_RULE,
      message = "cpu must be a quantity such as 64 or 500m")
  public String cpu;

  @JsonPropertyDescription("Most memory requests, a quantity such as 256Gi.")
  @Size(max = 32)
  @ValidationRule(
      value = Formats.QUANTITY_RULE,
      message = "memory must be a quantity such as 256Gi")
  public String memory;

  public ComputeCap() {}

  public ComputeCap(Integer gpus, String cpu, String memory) {
    this.gpus = gpus;
    this.cpu = cpu;
    this.memory = memory;
  }
}
