package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A condition, as Kubernetes defines them (metav1.Condition). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "type",
  "status",
  "observedGeneration",
  "lastTransitionTime",
  "reason",
  "message"
})
public class ProjectCondition {
  @JsonPropertyDescription("Type of the condition, e.g. Ready or QuotaReady.")
  public String type;

  @JsonPropertyDescription("True, False or Unknown.")
  public String status;

  @JsonPropertyDescription("The metadata.generation the condition was computed from.")
  public Long observedGeneration;

  @JsonPropertyDescription("When the status last changed (RFC 3339).")
  public String lastTransitionTime;

  @JsonPropertyDescription("Why, in one CamelCase word.")
  public String reason;

  @JsonPropertyDescription("What happened, and what to do about it, for a person.")
  public String message;

  public ProjectCondition() {}

  public ProjectCondition(
      String type,
      String status,
      Long observedGeneration,
      String lastTransitionTime,
      String reason,
      String message) {
    this.type = type;
    this.status = status;
    this.observedGeneration = observedGeneration;
    this.lastTransitionTime = lastTransitionTime;
    this.reason = reason;
    this.message = message;
  }
}
