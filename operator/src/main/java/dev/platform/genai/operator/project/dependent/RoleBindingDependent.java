package dev.platform.genai.operator.project.dependent;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;

/** A RoleBinding of the operator's in the project's namespace (the team's, the Events reader's). */
public abstract class RoleBindingDependent extends BindingDependent<RoleBinding> {
  protected RoleBindingDependent() {
    super(RoleBinding.class);
  }

  protected RoleBindingDependent(String fixedName) {
    super(RoleBinding.class, fixedName);
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
