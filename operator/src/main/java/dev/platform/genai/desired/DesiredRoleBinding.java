package dev.platform.genai.desired;

import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.ProjectModel.Subject;
import dev.platform.genai.model.TeamRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.List;

/** One RoleBinding per team role, to the built-in ClusterRole of that role (admin, edit, view). */
public final class DesiredRoleBinding {
  private DesiredRoleBinding() {}

  public static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  public static RoleBinding of(ProjectModel m, TeamRole role) {
    List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects =
        m.team().get(role).stream().map(DesiredRoleBinding::subject).toList();
    return new RoleBindingBuilder()
        .withMetadata(Meta.inNamespace(m, role.bindingName()))
        .withNewRoleRef()
        .withApiGroup(RBAC_GROUP)
        .withKind("ClusterRole")
        .withName(role.clusterRole())
        .endRoleRef()
        // the API server omits an empty list; so do we, or every read would look like drift
        .withSubjects(subjects.isEmpty() ? null : subjects)
        .build();
  }

  /**
   * The canonical subject: apiGroup rbac.authorization.k8s.io for users and groups, none for
   * service accounts.
   */
  static io.fabric8.kubernetes.api.model.rbac.Subject subject(Subject s) {
    SubjectBuilder b = new SubjectBuilder().withKind(s.kind()).withName(s.name());
    if ("ServiceAccount".equals(s.kind())) {
      b.withNamespace(s.namespace());
    } else {
      b.withApiGroup(RBAC_GROUP);
    }
    return b.build();
  }
}
