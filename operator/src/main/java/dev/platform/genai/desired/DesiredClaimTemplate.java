package dev.platform.genai.desired;

import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimTemplate;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimTemplateBuilder;

/**
 * DRA (resource.k8s.io/v1, Kubernetes 1.34+): the ResourceClaimTemplate endpoint pods claim their
 * GPUs from, one device of the GPU type's device class per claim.
 */
public final class DesiredClaimTemplate {
  private DesiredClaimTemplate() {}

  public static ResourceClaimTemplate of(ProjectModel m) {
    return new ResourceClaimTemplateBuilder()
        .withMetadata(Meta.inNamespace(m, m.gpu().claimTemplate()))
        .withNewSpec()
        .withNewSpec()
        .withNewDevices()
        .addNewRequest()
        .withName("gpu")
        .withNewExactly()
        .withDeviceClassName(m.gpu().deviceClass())
        .withAllocationMode("ExactCount")
        .withCount(1L)
        .endExactly()
        .endRequest()
        .endDevices()
        .endSpec()
        .endSpec()
        .build();
  }
}
