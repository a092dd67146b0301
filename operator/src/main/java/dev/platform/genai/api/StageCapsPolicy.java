package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Caps per stage. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StageCapsPolicy {
  @JsonPropertyDescription("Caps for a Pilot project.")
  public ComputeCap pilot;

  @JsonPropertyDescription("Caps for a Production project.")
  public ComputeCap production;
}
