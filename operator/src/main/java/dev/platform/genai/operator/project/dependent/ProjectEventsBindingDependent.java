package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.model.Names;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * Binds the project's Events reader Role to the sponsor and the adoption owner (sharing the owners
 * binding's informer).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ProjectEventsBindingDependent extends RoleBindingDependent {
  public static final String NAME = "project-events-binding";

  public ProjectEventsBindingDependent() {
    super(Names.PROJECT_EVENTS);
  }
}
