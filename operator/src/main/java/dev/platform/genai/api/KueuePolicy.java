package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * GPU admission through Kueue, where Kueue is installed: a ClusterQueue per project in a cohort per
 * stage, and a LocalQueue named default in its namespace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KueuePolicy {
  @JsonPropertyDescription(
      "Whether Kueue manages Deployments and pods here (its Configuration's"
          + " integrations.frameworks include deployment or pod): only then do endpoints carry the"
          + " kueue.x-k8s.io/queue-name label. A CRD cannot tell. Default false.")
  public Boolean podIntegration;

  @JsonPropertyDescription(
      "The ResourceFlavor for CPU and memory, and for GPUs without a gpuType: the platform"
          + " team's, referenced, never created. Default default-flavor.")
  @Size(max = 253)
  @ValidationRule(
      value = Formats.DNS_SUBDOMAIN_RULE,
      message = "defaultFlavor must be a ResourceFlavor name")
  public String defaultFlavor;

  @JsonPropertyDescription(
      "Queues of Pilot projects. Defaults: cohort genai-pilot, borrowing up to the stage"
          + " cap, everything lent, reclaimWithinCohort Never.")
  public KueueStagePolicy pilot;

  @JsonPropertyDescription(
      "Queues of Production projects. Defaults: cohort genai-production, borrowing up to the"
          + " stage cap, everything lent, reclaimWithinCohort Any (preempts: it deletes borrowers' pods).")
  public KueueStagePolicy production;
}
