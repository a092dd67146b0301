package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * A record of what was applied outside the cluster: the IAM members this operator added (or is about to add)
 * to Google Cloud IAM policies. Deletion removes exactly these; a member that existed before is never listed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CloudAccessStatus {
  @JsonPropertyDescription("IAM members this operator added, by policy and role. Safe when stale: removing a member"
      + " that is already gone does nothing.")
  public List<CloudMember> members = new ArrayList<>();
}
