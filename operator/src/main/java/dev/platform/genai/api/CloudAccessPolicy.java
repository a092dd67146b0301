package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Which Google Cloud projects and roles a GenAIProject may ask for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CloudAccessPolicy {
  @JsonPropertyDescription(
      "Google Cloud projects roles may be granted in. Empty or absent: any project the"
          + " operator's own identity can administer.")
  @Size(max = 100)
  @ValidationRule(
      value = "self.all(p, p.matches('^[a-z][-a-z0-9]{4,28}[a-z0-9]$'))",
      message = "each allowed project must be a Google Cloud project ID")
  public List<@Size(max = 30) String> allowedProjects;

  @JsonPropertyDescription(
      "Roles a project may ask for. Default: roles/aiplatform.user, roles/aiplatform.viewer,"
          + " roles/storage.objectViewer, roles/logging.logWriter, roles/monitoring.metricWriter. Owner, editor and"
          + " IAM-administration roles are never granted, whatever this says.")
  @Size(max = 100)
  public List<@Size(max = 128) String> allowedRoles;

  @JsonPropertyDescription(
      "Require spec.gcp.serviceAccount (Workload Identity through a Google service account)"
          + " instead of direct Workload Identity Federation. Default false.")
  public Boolean requireServiceAccount;

  @JsonPropertyDescription(
      "The most principals the operator lets one Google allow policy hold (Google counts every"
          + " member of every binding; its limit is 1,500). A grant that would pass it is not attempted: the project"
          + " says PolicyFull. Default 1500.")
  @Min(1)
  @Max(1500)
  public Integer maxPrincipalsPerPolicy;
}
