package dev.platform.genai.gitops;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A port of kstatus' generic rules (kubernetes-sigs/cli-utils, pkg/kstatus/status/generic.go {@code
 * checkGenericProperties} and {@code checkGeneration}, and status.go {@code Compute}), which Flux's
 * health checks and kpt use for a custom resource: no type-specific rules apply to a custom
 * resource, so these decide alone.
 */
public final class KstatusPort {
  private KstatusPort() {}

  /** InProgress, Failed, Current or Terminating, as {@code status.Compute} would answer. */
  public static String compute(JsonNode obj) {
    JsonNode deletion = obj.path("metadata").path("deletionTimestamp");
    if (deletion.isTextual() && !deletion.asText().isEmpty()) {
      return "Terminating";
    }
    JsonNode generation = obj.path("metadata").path("generation");
    JsonNode observed = obj.path("status").path("observedGeneration");
    if (generation.isNumber() && observed.isNumber() && observed.asLong() != generation.asLong()) {
      return "InProgress"; // LatestGenerationNotObserved
    }
    for (JsonNode c : obj.path("status").path("conditions")) {
      String type = c.path("type").asText();
      String status = c.path("status").asText();
      if ("Reconciling".equals(type) && "True".equals(status)) {
        return "InProgress";
      }
      if ("Stalled".equals(type) && "True".equals(status)) {
        return "Failed";
      }
    }
    return "Current"; // "the absence of any known conditions means the resource is current"
  }
}
