package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Model rules per data classification. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClassificationModelRules {
  @JsonProperty("public")
  @JsonPropertyDescription("Public data. Default: anything in the catalog.")
  public ModelAccessRule publicData;

  @JsonProperty("internal")
  @JsonPropertyDescription("Internal data. Default: anything in the catalog.")
  public ModelAccessRule internalData;

  @JsonProperty("confidential")
  @JsonPropertyDescription("Confidential data. Default: SelfHosted, and Managed VertexAI/*.")
  public ModelAccessRule confidentialData;

  @JsonProperty("restricted")
  @JsonPropertyDescription("Restricted data. Default: SelfHosted only.")
  public ModelAccessRule restrictedData;
}
