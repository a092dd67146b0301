package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Google Cloud roles for the project's workload identity. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GcpAccess {
  @JsonPropertyDescription(
      "Google Cloud project ID the roles are granted in, e.g. acme-genai-prod.")
  @Required
  @Size(max = 30)
  @ValidationRule(
      value = "self.matches('^[a-z][-a-z0-9]{4,28}[a-z0-9]$')",
      message =
          "projectId must be a Google Cloud project ID: 6 to 30 lower-case letters, digits or '-',"
              + " starting with a letter")
  public String projectId;

  @JsonPropertyDescription("Project-level roles the workload needs, e.g. roles/aiplatform.user.")
  @Size(max = 20)
  @ValidationRule(
      value =
          "self.all(r, r.matches('^(roles/[A-Za-z0-9_.]+|projects/[a-z][-a-z0-9]{4,28}[a-z0-9]/roles/[A-Za-z0-9_.]+"
              + "|organizations/[0-9]+/roles/[A-Za-z0-9_.]+)$'))",
      message =
          "each role must be a role name such as roles/aiplatform.user or projects/ID/roles/NAME")
  @ValidationRule(
      value = "self.all(r, self.exists_one(o, o == r))",
      message = "roles must be unique")
  public List<@Size(max = 128) String> roles;

  @JsonPropertyDescription(
      "Optional Google service account the workload impersonates through Workload Identity,"
          + " e.g. genai-chat@acme-genai-prod.iam.gserviceaccount.com. Unset: the roles are granted directly to the"
          + " workload's Kubernetes identity.")
  @Size(max = 254)
  @ValidationRule(
      value =
          "self.matches('^[a-z][-a-z0-9]{4,28}[a-z0-9]@[a-z][-a-z0-9]{4,28}[a-z0-9]\\\\.iam\\\\.gserviceaccount\\\\.com$')",
      message =
          "serviceAccount must be a service account email such as NAME@PROJECT.iam.gserviceaccount.com")
  public String serviceAccount;
}
