package dev.platform.genai.desired;

import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The namespace's ResourceQuota: GPUs (extended resources take only the {@code requests.} prefix),
 * CPU and memory, as granted (request clamped to the policy cap; never "no quota").
 */
public final class DesiredQuota {
  private DesiredQuota() {}

  public static ResourceQuota of(ProjectModel m) {
    Map<String, Quantity> hard = new LinkedHashMap<>();
    hard.put(m.gpu().quotaKey(), new Quantity(String.valueOf(m.quota().gpus())));
    hard.put("requests.cpu", new Quantity(m.quota().cpu().canonical()));
    hard.put("requests.memory", new Quantity(m.quota().memory().canonical()));
    return new ResourceQuotaBuilder()
        .withMetadata(Meta.inNamespace(m, Names.QUOTA))
        .withNewSpec()
        .withHard(hard)
        .endSpec()
        .build();
  }
}
