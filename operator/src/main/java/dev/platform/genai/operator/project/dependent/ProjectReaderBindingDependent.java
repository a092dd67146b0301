package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.model.Names;
import dev.platform.genai.plan.Plan;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;

/**
 * Binds the project's reader ClusterRole to the people the project declares; compared and replaced
 * like the namespace's RoleBindings: someone added by hand is removed at the next reconcile.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ProjectReaderBindingDependent extends BindingDependent<ClusterRoleBinding> {
  public static final String NAME = "project-reader-binding";

  public ProjectReaderBindingDependent() {
    super(ClusterRoleBinding.class);
  }

  @Override
  protected String objectName(Plan plan) {
    return Names.projectReader(plan.model().name());
  }

  @Override
  protected RoleRef roleRef(ClusterRoleBinding binding) {
    return binding.getRoleRef();
  }

  @Override
  protected List<Subject> subjects(ClusterRoleBinding binding) {
    return binding.getSubjects();
  }
}
