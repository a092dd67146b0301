package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * What the policy controller's last reconcile observed and did. No observedGeneration: without a
 * status subresource every write of the object (its status too) moves the generation, so it would
 * say nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "granted",
  "refused",
  "projects",
  "lastChecked",
  "lastWrite",
  "conditions",
  "members"
})
public class GoogleIamPolicyStatus {
  @JsonPropertyDescription(
      "Members in place for projects (added by the operator, or there before it).")
  public Integer granted;

  @JsonPropertyDescription(
      "Members Google refused to add, or that would pass the policy's principal limit.")
  public Integer refused;

  @JsonPropertyDescription("How many GenAIProjects name this Google resource.")
  public Integer projects;

  @JsonPropertyDescription("When the policy was last read from Google (RFC 3339).")
  public String lastChecked;

  @JsonPropertyDescription("When the operator last wrote the policy (RFC 3339).")
  public String lastWrite;

  @JsonPropertyDescription("Ready: the policy holds what the projects want (or says why not).")
  public List<ProjectCondition> conditions = new ArrayList<>();

  @JsonPropertyDescription(
      "Each member's state: Granted, Preexisting, Withheld, Pending, Refused, Removing or"
          + " Abandoned, with Google's reason and message when refused.")
  public List<IamMemberState> members = new ArrayList<>();
}
