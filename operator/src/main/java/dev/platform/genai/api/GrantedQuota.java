package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The quota actually granted to the project namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GrantedQuota {
  @JsonPropertyDescription("GPUs granted (requests.nvidia.com/gpu).")
  public Integer gpus;

  @JsonPropertyDescription("CPU requests granted.")
  public String cpu;

  @JsonPropertyDescription("Memory requests granted.")
  public String memory;

  public GrantedQuota() {}

  public GrantedQuota(Integer gpus, String cpu, String memory) {
    this.gpus = gpus;
    this.cpu = cpu;
    this.memory = memory;
  }
}
