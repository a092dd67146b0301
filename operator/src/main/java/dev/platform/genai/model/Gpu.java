package dev.platform.genai.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a project's GPUs are named, from its GPU type in policy: what the ResourceQuota counts, what
 * pods request (a device plugin's extended resource, or DRA claims), what Kueue counts, the nodes,
 * the ResourceFlavor.
 *
 * @param type the spec.resources.gpuType, or null
 * @param podResource the extended resource pods request (nvidia.com/gpu, nvidia.com/mig-1g.10gb);
 *     null with DRA
 * @param quotaKey the ResourceQuota key (requests.nvidia.com/gpu, or
 *     gpu.nvidia.com.deviceclass.resource.k8s.io/devices)
 * @param kueueResource the name Kueue counts
 * @param nodeLabels the endpoint pods' node selector
 * @param flavor the ResourceFlavor of the GPUs
 * @param deviceClass the DRA device class, or null
 * @param claimTemplate the ResourceClaimTemplate pods claim one device each from (DRA), or null
 */
public record Gpu(
    String type,
    String podResource,
    String quotaKey,
    String kueueResource,
    Map<String, String> nodeLabels,
    String flavor,
    String deviceClass,
    String claimTemplate) {
  public Gpu {
    nodeLabels = Collections.unmodifiableMap(new TreeMap<>(nodeLabels));
  }

  public boolean dra() {
    return deviceClass != null;
  }

  /** GPUs before any GPU type policy: nvidia.com/gpu on GKE's accelerator label. */
}
