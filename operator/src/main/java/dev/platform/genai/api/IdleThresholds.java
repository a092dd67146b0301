package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The highest reading over the whole window that still counts as idle, per DCGM exporter metric, in
 * that metric's own unit. A metric left unset keeps the value around it (the policy's, for a GPU
 * type); power has no default, because an idle GPU's draw depends on the model.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IdleThresholds {
  @JsonPropertyDescription(
      "DCGM_FI_DEV_GPU_UTIL, percent 0-100: idle while its highest value in the window is at"
          + " most this. Default 1.")
  @Min(0)
  @Max(100)
  public Integer utilizationPercent;

  @JsonPropertyDescription(
      "DCGM_FI_PROF_GR_ENGINE_ACTIVE, a ratio 0-1 (idle GPUs have a noise floor): idle while"
          + " its highest value is at most this, where the exporter exports it. Default 0.01.")
  @Size(max = 8)
  @ValidationRule(
      value = "self.matches('^(0(\\\\.[0-9]{1,4})?|1(\\\\.0{1,4})?)$')",
      message = "engineActive must be a ratio between 0 and 1, e.g. 0.01")
  public String engineActive;

  @JsonPropertyDescription(
      "DCGM_FI_DEV_POWER_USAGE, watts: idle while the highest draw is at most this. Unset: power"
          + " is not a signal (set it per GPU type: an idle L4 draws about 16 W, an idle H100 about 70 W).")
  @Min(1)
  @Max(2000)
  public Integer powerWatts;
}
