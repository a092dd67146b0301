package dev.platform.genai.desired;

import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.TeamRole;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;

/** All desired objects of one project, in apply order: what {@code render} prints and golden files hold. */
public final class DesiredObjects {
  private DesiredObjects() {}

  public static List<HasMetadata> of(ProjectModel m) {
    List<HasMetadata> out = new ArrayList<>();
    out.add(DesiredNamespace.of(m));
    out.add(DesiredServiceAccount.of(m));
    for (TeamRole role : TeamRole.values()) {
      out.add(DesiredRoleBinding.of(m, role));
    }
    out.add(DesiredQuota.of(m));
    out.add(DesiredLimitRange.of(m));
    out.add(DesiredNetworkPolicy.isolation(m));
    if (m.network().restrictEgress()) {
      out.add(DesiredNetworkPolicy.egress(m));
    }
    out.add(DesiredPrometheusRule.of(m)); // created where Prometheus Operator's CRD is installed
    return out;
  }

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** Multi-document YAML of objects, as {@code render} prints them. */
  public static String toYaml(List<? extends HasMetadata> objects) {
    StringBuilder b = new StringBuilder();
    for (HasMetadata o : objects) {
      String doc = SERIALIZATION.asYaml(o);
      b.append(doc.startsWith("---") ? doc : "---\n" + doc);
      if (!doc.endsWith("\n")) {
        b.append('\n');
      }
    }
    return b.toString();
  }
}
