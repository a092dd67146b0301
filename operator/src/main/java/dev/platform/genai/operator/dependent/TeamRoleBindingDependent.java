package dev.platform.genai.operator.dependent;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.TeamRole;
import dev.platform.genai.plan.Plan;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Objects;

/**
 * The RoleBinding of one team role. Subjects are compared exactly and in full: a subject added by hand to an
 * admin binding is removed at the next reconcile.
 */
public abstract class TeamRoleBindingDependent extends ProjectDependent<RoleBinding> implements Recreates {
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
  protected boolean sameContent(RoleBinding actual, RoleBinding desired) {
    return Objects.equals(actual.getRoleRef(), desired.getRoleRef())
        && normalized(actual.getSubjects()).equals(normalized(desired.getSubjects()));
  }

  @Override
  public RoleBinding update(RoleBinding actual, RoleBinding desired, GenAIProject primary,
      Context<GenAIProject> context) {
    if (!Objects.equals(actual.getRoleRef(), desired.getRoleRef())) {
      // roleRef is immutable: a binding someone re-pointed must be replaced, not patched
      context.getClient().resource(actual).delete();
      return create(desired, primary, context);
    }
    return super.update(actual, desired, primary, context);
  }

  private static List<List<String>> normalized(List<Subject> subjects) {
    if (subjects == null) {
      return List.of();
    }
    return subjects.stream().map(s -> List.of(nz(s.getKind()), nz(s.getName()), nz(s.getNamespace()),
        "ServiceAccount".equals(s.getKind()) ? "" : nz(s.getApiGroup()))).toList();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
