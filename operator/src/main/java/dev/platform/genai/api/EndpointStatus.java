package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One model endpoint: where it is and whether it serves. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "kind",
  "model",
  "url",
  "gatewayUrl",
  "ready",
  "replicas",
  "message",
  "tokensThisMonth",
  "spendThisMonth",
  "costPerMillionTokens"
})
public class EndpointStatus {
  @JsonPropertyDescription("spec.models[].name.")
  public String name;

  @JsonPropertyDescription("SelfHosted or Managed.")
  public String kind;

  @JsonPropertyDescription(
      "The model served: storage URI (SelfHosted) or provider/model (Managed).")
  public String model;

  @JsonPropertyDescription(
      "OpenAI-compatible base URL (SelfHosted) or the provider's endpoint (Managed).")
  public String url;

  @JsonPropertyDescription(
      "Behind Envoy AI Gateway: the OpenAI-compatible base URL on the project's host, called"
          + " with the workload's projected ServiceAccount token and \"model\": the endpoint's name; the project's token"
          + " budget applies there.")
  public String gatewayUrl;

  @JsonPropertyDescription("Whether the endpoint serves requests.")
  public Boolean ready;

  @JsonPropertyDescription("Ready replicas / desired replicas of a SelfHosted endpoint, e.g. 1/2.")
  public String replicas;

  @JsonPropertyDescription("Why it is not ready, or what it is.")
  public String message;

  @JsonPropertyDescription(
      "Tokens (input plus output) served this month: vLLM's counters (SelfHosted) or Cloud"
          + " Monitoring (Managed, the Google project's for this model).")
  public String tokensThisMonth;

  @JsonPropertyDescription(
      "What the endpoint cost this month: its pods (OpenCost, SelfHosted) or its tokens at the"
          + " policy's prices (Managed).")
  public String spendThisMonth;

  @JsonPropertyDescription("spendThisMonth per million tokens served, in the cluster's currency.")
  public String costPerMillionTokens;

  @JsonPropertyDescription(
      "The endpoints whose figures these are together, when the usage metric cannot tell them"
          + " apart (one model in one location, or a usageQuery without {location}): counted once in the project's"
          + " managed spend, not once per endpoint.")
  public java.util.List<String> figuresOf;

  public EndpointStatus() {}

  public EndpointStatus(
      String name,
      String kind,
      String model,
      String url,
      boolean ready,
      String replicas,
      String message) {
    this.name = name;
    this.kind = kind;
    this.model = model;
    this.url = url;
    this.ready = ready;
    this.replicas = replicas;
    this.message = message;
  }
}
