package dev.platform.genai.operator.dependent;

import dev.platform.genai.model.TeamRole;
import dev.platform.genai.plan.Plan;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;

/**
 * The RoleBinding of one team role. Subjects are compared exactly and in full: a subject added by
 * hand to an admin binding is removed at the next reconcile.
 */
public abstract class TeamRoleBindingDependent extends BindingDependent<RoleBinding> {
  private final TeamRole role;

  protected TeamRoleBindingDependent(TeamRole role) {
    super(RoleBinding.class);
    this.role = role;
  }

  @Override
  protected String objectName(Plan plan) {
    return role.bindingName();
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
