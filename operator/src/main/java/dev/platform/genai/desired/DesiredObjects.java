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

  /** What a cluster without KServe gets, once any approval needed is given. */
  public static List<HasMetadata> of(ProjectModel m) {
    return of(m, false);
  }

  public static List<HasMetadata> of(ProjectModel model, boolean kserve) {
    ProjectModel m = model.endpoints().allowed() ? model.withEndpointEgress(model.endpoints().managedEgress())
        : model;
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
    if (m.endpoints().allowed()) {
      out.addAll(DesiredModelEndpoint.all(m, kserve));
    }
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
