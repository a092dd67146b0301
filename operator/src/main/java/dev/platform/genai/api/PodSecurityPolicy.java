package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Pod Security Standard level (privileged, baseline, restricted) per data classification. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodSecurityPolicy {
  static final String LEVEL_RULE = "self in ['privileged', 'baseline', 'restricted']";
  static final String LEVEL_MESSAGE = "a Pod Security level is privileged, baseline or restricted";

  @JsonPropertyDescription("Level for Public projects. Default baseline.")
  @Size(max = 16)
  @ValidationRule(value = LEVEL_RULE, message = LEVEL_MESSAGE)
  public String publicLevel;

  @JsonPropertyDescription("Level for Internal projects. Default baseline.")
  @Size(max = 16)
  @ValidationRule(value = LEVEL_RULE, message = LEVEL_MESSAGE)
  public String internalLevel;

  @JsonPropertyDescription("Level for Confidential projects. Default restricted.")
  @Size(max = 16)
  @ValidationRule(value = LEVEL_RULE, message = LEVEL_MESSAGE)
  public String confidentialLevel;

  @JsonPropertyDescription("Level for Restricted projects. Default restricted.")
  @Size(max = 16)
  @ValidationRule(value = LEVEL_RULE, message = LEVEL_MESSAGE)
  public String restrictedLevel;
}
