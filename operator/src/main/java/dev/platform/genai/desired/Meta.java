package dev.platform.genai.desired;

import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

final class Meta {
  private Meta() {}

  /** Metadata of a child in the project namespace: its name and the operator's labels. */
  static ObjectMeta inNamespace(ProjectModel m, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(m.namespace())
        .withLabels(m.labels())
        .build();
  }
}
