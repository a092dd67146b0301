package dev.platform.genai.desired;

import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.ProjectModel.Subject;
import dev.platform.genai.model.TeamRole;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The project namespace, labelled for cost allocation and Pod Security by classification, and
 * annotated with what the chart's admission policies read there: the declared people per team role
 * (the tenant boundary) and, where residency applies, the regions.
 */
public final class DesiredNamespace {
  private DesiredNamespace() {}

  public static Namespace of(ProjectModel m) {
    Map<String, String> annotations = new TreeMap<>(); // mutable: JOSDK adds its own on update
    for (TeamRole role : TeamRole.values()) {
      // written even when empty: an update adds and overwrites annotations, never removes them
      annotations.put(
          role.annotation(),
          m.team().get(role).stream().map(Subject::key).collect(Collectors.joining(",")));
    }
    if (m.residency()
        .applies()) { // the residency admission policy pins every pod of the namespace to them
      annotations.put(Names.RESIDENCY_REGIONS, String.join(",", m.residency().regions()));
    }
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(m.namespace())
        .withLabels(m.namespaceLabels())
        .withAnnotations(annotations)
        .endMetadata()
        .build();
  }
}
