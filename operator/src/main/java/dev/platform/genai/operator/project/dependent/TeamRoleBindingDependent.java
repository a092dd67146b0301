package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.model.TeamRole;
import dev.platform.genai.plan.Plan;

/**
 * The RoleBinding of one team role. Subjects are compared exactly and in full: a subject added by
 * hand to an admin binding is removed at the next reconcile.
 */
public abstract class TeamRoleBindingDependent extends RoleBindingDependent {
  private final TeamRole role;

  protected TeamRoleBindingDependent(TeamRole role) {
    super();
    this.role = role;
  }

  @Override
  protected String objectName(Plan plan) {
    return role.bindingName();
  }
}
