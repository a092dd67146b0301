package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/** A provider of Managed models. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProviderPolicy {
  @JsonPropertyDescription(
      "Endpoint URL; {region}, {project} (spec.gcp.projectId) and {model} are replaced.")
  @Required
  @Size(min = 1, max = 512)
  public String urlTemplate;

  @JsonPropertyDescription("Region used when a model names none.")
  @Size(max = 32)
  public String defaultRegion;

  @JsonPropertyDescription(
      "Where egress must open for Confidential and Restricted projects (NetworkPolicy"
          + " cannot name hosts), e.g. the Private Google Access range 199.36.153.8/30.")
  @Size(max = 32)
  public List<@Size(max = 18) String> egressCidrs;

  @JsonPropertyDescription("Models of this provider that may be used. Empty or absent: any.")
  @Size(max = 100)
  public List<@Size(max = 128) String> models;

  @JsonPropertyDescription(
      "Whether the project needs spec.gcp (its cloud identity) to call the provider.")
  public Boolean requiresCloudAccess;

  @JsonPropertyDescription(
      "Google Cloud roles the provider's models are called with (e.g. roles/aiplatform.user):"
          + " while a project that uses the provider is suspended or expired, the operator revokes them where it granted"
          + " them, and restores them when that is lifted. Default for VertexAI: roles/aiplatform.user.")
  @Size(max = 10)
  public List<@Size(max = 128) String> cloudRoles;

  @JsonPropertyDescription(
      "PromQL that counts the provider's tokens over a range, sent to GENAI_MANAGED_METRICS_URL"
          + " (Cloud Monitoring's Prometheus API). {project} (spec.gcp.projectId), {model}, {type} (input or output) and"
          + " {range} (e.g. 3600s) are replaced, and {location} (the endpoint's region) where present: without it two"
          + " endpoints of one model in two regions cannot be told apart. Default for VertexAI: Vertex AI's"
          + " aiplatform.googleapis.com/publisher/online_serving/token_count.")
  @Size(max = 1024)
  public String usageQuery;

  @JsonPropertyDescription(
      "Where the provider guarantees that a model's ML processing stays (its data-residency"
          + " table), by model name or \"*\" for every model: e.g. gemini-2.5-flash: [europe-west4, eu]. Where residency"
          + " applies (spec.residency), a managed endpoint's region must be allowed and listed here for its model; a"
          + " model without an entry gets no residency guarantee and is refused there. Keep the table's source and"
          + " date beside it (the provider's documentation changes).")
  @Size(max = 200)
  public Map<String, List<@Size(max = 63) String>> residencyLocations;

  @JsonPropertyDescription(
      "Token prices by model name, and \"default\" for the provider's other models, in the"
          + " cluster's currency, e.g. gemini-2.5-flash: {inputPerMillion: \"0.30\", outputPerMillion: \"2.50\"}. A"
          + " model without a price is reported (ManagedSpendTracked=False MissingPrices), never counted as free.")
  @Size(max = 100)
  public Map<String, TokenPricePolicy> tokenPrices;
}
