package dev.platform.genai.desired;

import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;

/**
 * Read access to the project itself for the people it declares. A GenAIProject is cluster-scoped,
 * so the namespace's RoleBindings do not reach it: without this, {@code kubectl get gp NAME} is
 * Forbidden for its own team and sponsor. One ClusterRole that reads this project only (by name:
 * get and watch — a list cannot be narrowed to one name), bound to the team, the sponsor and the
 * adoption owner. Nothing else of the cluster.
 */
public final class DesiredProjectReader {
  private DesiredProjectReader() {}

  public static final String PROJECTS = "genaiprojects";

  public static ClusterRole role(ProjectModel m) {
    return new ClusterRoleBuilder()
        .withMetadata(meta(m))
        .withRules(
            new PolicyRuleBuilder()
                .withApiGroups("genai.platform.dev")
                .withResources(PROJECTS)
                .withResourceNames(m.name())
                .withVerbs("get", "watch")
                .build())
        .build();
  }

  public static ClusterRoleBinding binding(ProjectModel m) {
    List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects =
        m.readers().stream().map(DesiredRoleBinding::subject).toList();
    return new ClusterRoleBindingBuilder()
        .withMetadata(meta(m))
        .withNewRoleRef()
        .withApiGroup(DesiredRoleBinding.RBAC_GROUP)
        .withKind("ClusterRole")
        .withName(Names.projectReader(m.name()))
        .endRoleRef()
        .withSubjects(subjects.isEmpty() ? null : subjects)
        .build();
  }

  private static ObjectMeta meta(ProjectModel m) {
    return new ObjectMetaBuilder()
        .withName(Names.projectReader(m.name()))
        .withLabels(m.labels())
        .build();
  }
}
