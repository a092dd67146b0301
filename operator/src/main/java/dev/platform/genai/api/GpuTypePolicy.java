package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/**
 * One GPU type (a spec.resources.gpuType value): the nodes it runs on, the resource pods request,
 * and the Kueue ResourceFlavor that stands for it. A device plugin's extended resource
 * (nvidia.com/gpu, a MIG profile such as nvidia.com/mig-1g.10gb) or, with {@code dra}, a DRA device
 * class.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GpuTypePolicy {
  @JsonPropertyDescription(
      "The extended resource pods request, e.g. nvidia.com/gpu or nvidia.com/mig-1g.10gb."
          + " Default nvidia.com/gpu. Not with dra.")
  @Size(max = 253)
  @ValidationRule(
      value =
          "self.matches('^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
              + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$')",
      message = "resource must be a resource name such as nvidia.com/gpu or nvidia.com/mig-1g.10gb")
  public String resource;

  @JsonPropertyDescription(
      "Node labels that select this GPU type (the endpoint pods' nodeSelector). Default"
          + " cloud.google.com/gke-accelerator: <the type's name>.")
  @Size(max = 8)
  public Map<String, String> nodeLabels;

  @JsonPropertyDescription(
      "The Kueue ResourceFlavor of this GPU type: the platform team's, referenced, never"
          + " created. Default: the type's name.")
  @Size(max = 253)
  @ValidationRule(
      value = Formats.DNS_SUBDOMAIN_RULE,
      message = "flavor must be a ResourceFlavor name")
  public String flavor;

  @JsonPropertyDescription(
      "Dynamic Resource Allocation (Kubernetes 1.34+) instead of a device plugin: the names"
          + " differ, each is given.")
  public DraPolicy dra;

  @JsonPropertyDescription(
      "Idle thresholds for this GPU type, over the policy's idleReclaim.thresholds (power"
          + " above all: what an idle GPU draws depends on the model).")
  public IdleThresholds idle;
}
