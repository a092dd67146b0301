package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/** One member in one role of the policy, as the operator recorded it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"role", "member", "origin", "intent", "projects", "abandoned"})
public class IamRecordEntry {
  public static final String OPERATOR = "Operator";
  public static final String PREEXISTING = "Preexisting";
  public static final String ADD = "Add";
  public static final String REMOVE = "Remove";

  @JsonPropertyDescription("The role, e.g. roles/aiplatform.user.")
  public String role;

  @JsonPropertyDescription("The member, e.g. principal://... or serviceAccount:EMAIL.")
  public String member;

  @JsonPropertyDescription(
      "Operator: the operator added it (removed when no project wants it). Preexisting: it was"
          + " in the policy before any project asked for it (never removed by the operator).")
  @io.fabric8.generator.annotation.ValidationRule("self in ['Operator', 'Preexisting']")
  public String origin;

  @JsonPropertyDescription(
      "Add or Remove: written before the write to Google, cleared after it, so that a crash in"
          + " between converges (the member is the operator's either way).")
  @io.fabric8.generator.annotation.ValidationRule("self in ['Add', 'Remove']")
  public String intent;

  @JsonPropertyDescription(
      "The GenAIProjects that want this member (or withhold it while suspended), by name.")
  public List<String> projects = new ArrayList<>();

  @JsonPropertyDescription(
      "Set when the removal was abandoned (genai.platform.dev/abandon-google-members): the member"
          + " is left in Google's policy for a person to remove; the entry goes once it is found gone.")
  public String abandoned;

  public IamRecordEntry() {}

  public IamRecordEntry(String role, String member, String origin) {
    this.role = role;
    this.member = member;
    this.origin = origin;
  }
}
