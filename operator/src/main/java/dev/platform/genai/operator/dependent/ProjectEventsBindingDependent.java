package dev.platform.genai.operator.dependent;

import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;

/**
 * Binds the project's Events reader Role to the sponsor and the adoption owner (sharing the owners
 * binding's informer).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ProjectEventsBindingDependent extends BindingDependent<RoleBinding> {
  public static final String NAME = "project-events-binding";

  public ProjectEventsBindingDependent() {
    super(RoleBinding.class, Names.PROJECT_EVENTS);
  }

  @Override
  protected RoleRef roleRef(RoleBinding binding) {
    return binding.getRoleRef();
  }

  @Override
  protected List<Subject> subjects(RoleBinding binding) {
    return binding.getSubjects();
  }
}
