package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Where the pods of each data classification may pull their images from: a classification without
 * an entry pulls from anywhere. The chart's admission policy {@code <release>-images} enforces it
 * (docs/tenancy.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImagesPolicy {
  @JsonProperty("public")
  @JsonPropertyDescription("Public data.")
  public ImageRule publicData;

  @JsonProperty("internal")
  @JsonPropertyDescription("Internal data.")
  public ImageRule internalData;

  @JsonProperty("confidential")
  @JsonPropertyDescription(
      "Confidential data, e.g. {registries: [europe-docker.pkg.dev/acme-genai/]}.")
  public ImageRule confidentialData;

  @JsonProperty("restricted")
  @JsonPropertyDescription(
      "Restricted data, e.g. {registries: [europe-docker.pkg.dev/acme-genai/],"
          + " requireDigest: true}.")
  public ImageRule restrictedData;
}
