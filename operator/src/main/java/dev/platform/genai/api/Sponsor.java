package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The business sponsor: who pays, and who answers for the KPIs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Sponsor {
  @JsonPropertyDescription("Full name of the sponsor.")
  @Required
  @Size(min = 1, max = 128)
  public String name;

  @JsonPropertyDescription("Email address of the sponsor.")
  @Required
  @Size(max = 254)
  @ValidationRule(value = Formats.EMAIL_RULE, message = Formats.EMAIL_MESSAGE)
  public String email;

  @JsonPropertyDescription("Business unit that owns the project, e.g. Retail Banking.")
  @Required
  @Size(min = 1, max = 128)
  public String businessUnit;

  @JsonPropertyDescription("Cost center the spend is charged to. Becomes the namespace label"
      + " genai.platform.dev/cost-center, so it must be a valid label value.")
  @Required
  @Size(min = 1, max = 63)
  @ValidationRule(value = Formats.LABEL_VALUE_RULE, message = "costCenter " + Formats.LABEL_VALUE_MESSAGE)
  public String costCenter;
}
