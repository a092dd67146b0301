package dev.platform.genai.desired;

import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

/** The project namespace, labelled for cost allocation and Pod Security by classification. */
public final class DesiredNamespace {
  private DesiredNamespace() {}

  public static Namespace of(ProjectModel m) {
    return new NamespaceBuilder()
        .withNewMetadata().withName(m.namespace()).withLabels(m.namespaceLabels()).endMetadata()
        .build();
  }
}
