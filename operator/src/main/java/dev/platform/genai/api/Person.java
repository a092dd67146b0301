package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A named person with an email address. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Person {
  @JsonPropertyDescription("Full name.")
  @Required
  @Size(min = 1, max = 128)
  public String name;

  @JsonPropertyDescription("Email address, e.g. jane.doe@example.com.")
  @Required
  @Size(max = 254)
  @ValidationRule(value = Formats.EMAIL_RULE, message = Formats.EMAIL_MESSAGE)
  public String email;

  public Person() {}

  public Person(String name, String email) {
    this.name = name;
    this.email = email;
  }
}
