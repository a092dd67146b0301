package dev.platform.genai.desired;

import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItemBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Container defaults, so pods that set no requests still count against the quota (a quota on
 * requests.cpu rejects pods without requests otherwise). Both default and defaultRequest are set:
 * the API server fills in nothing, so what is read back equals what was sent.
 */
public final class DesiredLimitRange {
  private DesiredLimitRange() {}

  public static LimitRange of(ProjectModel m) {
    var d = m.containerDefaults();
    return new LimitRangeBuilder()
        .withMetadata(Meta.inNamespace(m, Names.LIMIT_RANGE))
        .withNewSpec()
        .withLimits(
            new LimitRangeItemBuilder()
                .withType("Container")
                .withDefault(resources(d.cpuLimit().canonical(), d.memoryLimit().canonical()))
                .withDefaultRequest(
                    resources(d.cpuRequest().canonical(), d.memoryRequest().canonical()))
                .build())
        .endSpec()
        .build();
  }

  private static Map<String, Quantity> resources(String cpu, String memory) {
    Map<String, Quantity> r = new LinkedHashMap<>();
    r.put("cpu", new Quantity(cpu));
    r.put("memory", new Quantity(memory));
    return r;
  }
}
