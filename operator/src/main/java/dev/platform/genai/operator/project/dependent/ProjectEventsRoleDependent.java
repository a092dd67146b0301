package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Objects;

/**
 * The Role reading the project's Events in its namespace (for its sponsor and adoption owner); its
 * rules compared exactly, so a rule widened by hand is put back.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ProjectEventsRoleDependent extends ProjectDependent<Role> {
  public static final String NAME = "project-events-role";

  public ProjectEventsRoleDependent() {
    super(Role.class, Names.PROJECT_EVENTS);
  }

  @Override
  protected boolean sameContent(Role actual, Role desired) {
    return Objects.equals(actual.getRules(), desired.getRules());
  }
}
