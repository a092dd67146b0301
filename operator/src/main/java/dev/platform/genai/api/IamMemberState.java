package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/** One member's state in the policy as last observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"role", "member", "state", "reason", "message", "projects"})
public class IamMemberState {
  @JsonPropertyDescription("The role.")
  public String role;

  @JsonPropertyDescription("The member.")
  public String member;

  @JsonPropertyDescription(
      "Granted, Preexisting, Withheld, Pending, Refused, Removing or Abandoned.")
  @io.fabric8.generator.annotation.ValidationRule(
      "self in ['Granted', 'Preexisting', 'Withheld', 'Pending',"
          + " 'Refused', 'Removing', 'Abandoned']")
  public String state;

  @JsonPropertyDescription(
      "Why, in one CamelCase word (Google's refusal, e.g. PermissionDenied or PolicyFull).")
  public String reason;

  @JsonPropertyDescription("Google's message, and what to do.")
  public String message;

  @JsonPropertyDescription("The GenAIProjects this member is for.")
  public List<String> projects = new ArrayList<>();
}
