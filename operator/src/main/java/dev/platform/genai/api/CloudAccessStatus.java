package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * The IAM members this operator added to Google Cloud IAM policies for the project. Since the
 * record moved to the GoogleIamPolicy objects, a copy kept for one release so that a rollback finds
 * what it expects.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CloudAccessStatus {
  @JsonPropertyDescription(
      "IAM members this operator added, by policy and role. Safe when stale: removing a member"
          + " that is already gone does nothing.")
  public List<CloudMember> members = new ArrayList<>();

  /**
   * What {@link #recordedIn} says when the record is kept on GoogleIamPolicy objects (this copy is
   * for a rollback).
   */
  public static final String GOOGLE_IAM_POLICIES = "GoogleIamPolicy";

  @JsonPropertyDescription(
      "GoogleIamPolicy: the record is kept on the GoogleIamPolicy objects and this list is a"
          + " copy for a rollback to the previous release. Absent: the list was written by a release that kept the"
          + " record here; it is imported once.")
  public String recordedIn;
}
