package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Per data classification: Allowed or Approval. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DirectProductionPolicy {
  static final String RULE = "self in ['Allowed', 'Approval']";
  static final String MESSAGE = "directProduction is Allowed or Approval";

  @JsonPropertyDescription("For Public data: Allowed or Approval. Default Approval.")
  @Size(max = 16)
  @ValidationRule(value = RULE, message = MESSAGE)
  public String publicData;

  @JsonPropertyDescription("For Internal data: Allowed or Approval. Default Approval.")
  @Size(max = 16)
  @ValidationRule(value = RULE, message = MESSAGE)
  public String internalData;

  @JsonPropertyDescription("For Confidential data: Allowed or Approval. Default Approval.")
  @Size(max = 16)
  @ValidationRule(value = RULE, message = MESSAGE)
  public String confidentialData;

  @JsonPropertyDescription("For Restricted data: Allowed or Approval. Default Approval.")
  @Size(max = 16)
  @ValidationRule(value = RULE, message = MESSAGE)
  public String restrictedData;
}
