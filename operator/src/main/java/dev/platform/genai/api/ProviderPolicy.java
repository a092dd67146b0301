package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A provider of Managed models. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProviderPolicy {
  @JsonPropertyDescription("Endpoint URL; {region}, {project} (spec.gcp.projectId) and {model} are replaced.")
  @Required
  @Size(min = 1, max = 512)
  public String urlTemplate;

  @JsonPropertyDescription("Region used when a model names none.")
  @Size(max = 32)
  public String defaultRegion;

  @JsonPropertyDescription("Where egress must open for Confidential and Restricted projects (NetworkPolicy"
      + " cannot name hosts), e.g. the Private Google Access range 199.36.153.8/30.")
  @Size(max = 32)
  public List<@Size(max = 18) String> egressCidrs;

  @JsonPropertyDescription("Models of this provider that may be used. Empty or absent: any.")
  @Size(max = 100)
  public List<@Size(max = 128) String> models;

  @JsonPropertyDescription("Whether the project needs spec.gcp (its cloud identity) to call the provider.")
  public Boolean requiresCloudAccess;

  @JsonPropertyDescription("Google Cloud roles the provider's models are called with (e.g. roles/aiplatform.user):"
      + " while a project that uses the provider is suspended or expired, the operator revokes them where it granted"
      + " them, and restores them when that is lifted. Default for VertexAI: roles/aiplatform.user.")
  @Size(max = 10)
  public List<@Size(max = 128) String> cloudRoles;
}
