package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Who signs off compliance, and how personal data is handled. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Compliance {
  @JsonPropertyDescription(
      "Email of the compliance owner who signs off data governance. Required for"
          + " Confidential and Restricted data.")
  @Size(max = 254)
  @ValidationRule(value = Formats.EMAIL_RULE, message = "owner " + Formats.EMAIL_MESSAGE)
  public String owner;

  @JsonPropertyDescription(
      "Reference of the data protection impact assessment (DPIA), e.g. DPIA-2026-042."
          + " Required for Confidential and Restricted data.")
  @Size(min = 1, max = 128)
  public String dpiaRef;

  @JsonPropertyDescription(
      "How personal data is handled: None (no personal data), Anonymized, Pseudonymized or"
          + " Identifiable.")
  @Size(max = 16)
  @ValidationRule(
      value = "self in ['None', 'Anonymized', 'Pseudonymized', 'Identifiable']",
      message = "piiHandling must be None, Anonymized, Pseudonymized or Identifiable")
  public String piiHandling;
}
