package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One IAM member in one role of one policy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CloudMember {
  @JsonPropertyDescription(
      "The policy's resource: projects/ID or projects/-/serviceAccounts/EMAIL.")
  public String resource;

  @JsonPropertyDescription("The role, e.g. roles/aiplatform.user.")
  public String role;

  @JsonPropertyDescription("The member, e.g. principal://... or serviceAccount:EMAIL.")
  public String member;

  public CloudMember() {}

  public CloudMember(String resource, String role, String member) {
    this.resource = resource;
    this.role = role;
    this.member = member;
  }
}
