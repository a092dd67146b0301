package dev.platform.genai.desired;

import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.HashMap;
import java.util.Map;

/** The project namespace, labelled for cost allocation and Pod Security by classification. */
public final class DesiredNamespace {
  private DesiredNamespace() {}

  public static Namespace of(ProjectModel m) {
    Namespace ns =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(m.namespace())
            .withLabels(m.namespaceLabels())
            .endMetadata()
            .build();
    if (m.residency()
        .applies()) { // the residency admission policy pins every pod of the namespace to them
      ns.getMetadata()
          .setAnnotations(
              new HashMap<>(
                  Map.of(
                      Names.RESIDENCY_REGIONS,
                      String.join(
                          ",", m.residency().regions())))); // mutable: JOSDK adds its own on update
    }
    return ns;
  }
}
