package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A GPU type served through DRA (Kubernetes 1.34+): the device class the quota counts, the name
 * Kueue counts it under (its Configuration's resources.deviceClassMappings), and the
 * ResourceClaimTemplate endpoint pods claim one device each from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DraPolicy {
  @JsonPropertyDescription(
      "The DeviceClass, e.g. gpu.nvidia.com: the ResourceQuota counts"
          + " <deviceClass>.deviceclass.resource.k8s.io/devices.")
  @Required
  @Size(max = 253)
  @ValidationRule(
      value = Formats.DNS_SUBDOMAIN_RULE,
      message = "deviceClass must be a DeviceClass name")
  public String deviceClass;

  @JsonPropertyDescription(
      "The resource name Kueue counts for this device class (the name of its"
          + " deviceClassMappings entry), e.g. nvidia.com/gpu.")
  @Required
  @Size(max = 253)
  public String kueueResource;

  @JsonPropertyDescription(
      "The ResourceClaimTemplate (in each project namespace, one device each) endpoint pods"
          + " claim a GPU from.")
  @Required
  @Size(max = 253)
  @ValidationRule(
      value = Formats.DNS_SUBDOMAIN_RULE,
      message = "claimTemplate must be a DNS subdomain name")
  public String claimTemplate;
}
