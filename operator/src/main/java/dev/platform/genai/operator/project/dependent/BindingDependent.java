package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.api.GenAIProject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Objects;

/**
 * A RoleBinding or ClusterRoleBinding of the operator's. Subjects are compared exactly and in full:
 * a subject added by hand is removed at the next reconcile. The roleRef is immutable: a binding
 * someone re-pointed is replaced.
 */
public abstract class BindingDependent<R extends HasMetadata> extends ProjectDependent<R>
    implements Recreates {
  protected BindingDependent(Class<R> type) {
    super(type);
  }

  /** A binding with the same name in every project's namespace. */
  protected BindingDependent(Class<R> type, String fixedName) {
    super(type, fixedName);
  }

  protected abstract RoleRef roleRef(R binding);

  protected abstract List<Subject> subjects(R binding);

  @Override
  protected boolean sameContent(R actual, R desired) {
    return Objects.equals(roleRef(actual), roleRef(desired))
        && normalized(subjects(actual)).equals(normalized(subjects(desired)));
  }

  @Override
  public R update(R actual, R desired, GenAIProject primary, Context<GenAIProject> context) {
    if (!Objects.equals(roleRef(actual), roleRef(desired))) {
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
    return subjects.stream()
        .map(
            s ->
                List.of(
                    nz(s.getKind()),
                    nz(s.getName()),
                    nz(s.getNamespace()),
                    "ServiceAccount".equals(s.getKind()) ? "" : nz(s.getApiGroup())))
        .toList();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
