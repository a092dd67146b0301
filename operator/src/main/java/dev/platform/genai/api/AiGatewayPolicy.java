package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/**
 * Model endpoints behind Envoy AI Gateway, where its CRDs are served: a route per project on the
 * platform team's Gateway, reached only with the project's own ServiceAccount token, and the
 * project's monthly token budget enforced there at request time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.jwksUri) != has(self.jwks)",
    message = "set exactly one of jwksUri and jwks")
public class AiGatewayPolicy {
  @JsonPropertyDescription(
      "The Gateway (gateway.networking.k8s.io) the routes attach to: the platform team's,"
          + " referenced, never created. Its listener must allow routes from the project namespaces"
          + " (allowedRoutes.namespaces from: Selector on genai.platform.dev/managed-by) on the hostnames below.")
  @Required
  @Size(max = 253)
  @ValidationRule(
      value = Formats.DNS_SUBDOMAIN_RULE,
      message = "gatewayName must be a Gateway name")
  public String gatewayName;

  @JsonPropertyDescription("The Gateway's namespace.")
  @Required
  @Size(max = 63)
  @ValidationRule(
      value = Formats.DNS_LABEL_RULE,
      message = "gatewayNamespace must be a namespace name")
  public String gatewayNamespace;

  @JsonPropertyDescription(
      "Each project's hostname on the Gateway; {project} is replaced by the project's name,"
          + " e.g. {project}.models.example.com (the listener takes *.models.example.com). A project's budget is chosen"
          + " by the route its hostname selects, never by a header a client sends.")
  @Required
  @Size(max = 253)
  @ValidationRule(
      value = "self.contains('{project}')",
      message = "hostnameTemplate must contain {project}")
  public String hostnameTemplate;

  @JsonPropertyDescription(
      "The cluster's ServiceAccount token issuer (kubectl get --raw"
          + " /.well-known/openid-configuration | jq -r .issuer), e.g. https://container.googleapis.com/v1/projects/P/"
          + "locations/L/clusters/C on GKE.")
  @Required
  @Size(max = 512)
  public String issuer;

  @JsonPropertyDescription(
      "The audience of the projected tokens workloads present (a serviceAccountToken"
          + " projected volume with this audience). Default genai-gateway.")
  @Size(max = 253)
  public String audience;

  @JsonPropertyDescription(
      "Where the gateway fetches the issuer's keys, when the gateway can reach them without"
          + " credentials (GKE publishes them). Off GKE the API server's /openid/v1/jwks usually needs authentication:"
          + " set jwks instead.")
  @Size(max = 512)
  public String jwksUri;

  @JsonPropertyDescription(
      "The issuer's keys, inline (kubectl get --raw /openid/v1/jwks): a local copy for"
          + " gateways that cannot fetch them. Update it when the cluster rotates its signing keys.")
  @Size(max = 65536)
  public String jwks;

  @JsonPropertyDescription(
      "The Kubernetes ServiceAccount (in gatewayNamespace) of the gateway's Envoy pods: with"
          + " the gateway, it is this identity, not the project's workload, that holds the managed-model providers'"
          + " roles on the project's Google project (granted through Workload Identity, like a project's own roles)."
          + " Absent: the workload's provider roles are still withdrawn, and the platform team grants the gateway's"
          + " identity itself.")
  @Size(max = 253)
  @ValidationRule(
      value = Formats.DNS_SUBDOMAIN_RULE,
      message = "serviceAccount must be a ServiceAccount name")
  public String serviceAccount;

  @JsonPropertyDescription(
      "While a project is Throttled, requests for a model listed here are sent to the cheaper"
          + " model named instead (same provider), e.g. gemini-2.5-pro: gemini-2.5-flash. A model without an entry"
          + " keeps working until the budget is spent.")
  @Size(max = 100)
  public Map<String, @Size(max = 128) String> throttleFallbacks;

  @JsonPropertyDescription(
      "The PromQL template that reads a project's tokens at the gateway from the Prometheus of"
          + " GENAI_PROMETHEUS_URL: {caller} (the workload's JWT subject, which the gateway copies into the"
          + " x-genai-caller header), {endpoint} (the model name the client sent), {model} (the model served), {type}"
          + " (input or output) and {range} are replaced. The default reads AI Gateway's gen_ai_client_token_usage"
          + " histogram as its extproc exposes it; AI Gateway must be installed with"
          + " controller.metricsRequestHeaderAttributes=x-genai-caller:genai.caller for the caller's label to exist."
          + " Set it when the metrics reach Prometheus under other names (e.g. through an OpenTelemetry collector).")
  @Size(max = 2048)
  @ValidationRule(
      value = "self.contains('{caller}') && self.contains('{type}') && self.contains('{range}')",
      message = "usageQuery must contain {caller}, {type} and {range}")
  public String usageQuery;
}
