package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Data residency per data classification: a classification without an entry is unrestricted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResidencyPolicy {
  @JsonProperty("public")
  @JsonPropertyDescription("Public data.")
  public ResidencyRule publicData;

  @JsonProperty("internal")
  @JsonPropertyDescription("Internal data.")
  public ResidencyRule internalData;

  @JsonProperty("confidential")
  @JsonPropertyDescription("Confidential data, e.g. {regions: [europe-west4, europe-west1]}.")
  public ResidencyRule confidentialData;

  @JsonProperty("restricted")
  @JsonPropertyDescription("Restricted data.")
  public ResidencyRule restrictedData;
}
