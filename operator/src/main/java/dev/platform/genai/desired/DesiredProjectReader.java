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
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;
import java.util.Set;

/**
 * Read access to the project itself for the people it declares. A GenAIProject is cluster-scoped,
 * so the namespace's RoleBindings do not reach it: without this, {@code kubectl get gp NAME} is
 * Forbidden for its own team and sponsor. One ClusterRole that reads this project only (by name:
 * get and watch — a list cannot be narrowed to one name), bound to the team, the sponsor and the
 * adoption owner. Nothing else of the cluster.
 *
 * <p>The project's Events are copied into its namespace, where the team's admin, edit and view read
 * them; the sponsor and the adoption owner, who have no role there, get a Role that reads Events
 * only (not the namespace's pods, logs or ConfigMaps, which view would open).
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

  /** Reads the Events of the project's namespace, nothing else there. */
  public static Role eventsRole(ProjectModel m) {
    return new RoleBuilder()
        .withMetadata(Meta.inNamespace(m, Names.PROJECT_EVENTS))
        .withRules(
            new PolicyRuleBuilder()
                .withApiGroups("")
                .withResources("events")
                .withVerbs("get", "list", "watch")
                .build())
        .build();
  }

  /** The people who read the project but have no team role in its namespace: its Events only. */
  public static RoleBinding eventsBinding(ProjectModel m) {
    Set<ProjectModel.Subject> team =
        m.team().values().stream()
            .flatMap(List::stream)
            .collect(java.util.stream.Collectors.toSet());
    List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects =
        m.readers().stream()
            .filter(s -> !team.contains(s))
            .map(DesiredRoleBinding::subject)
            .toList();
    return new RoleBindingBuilder()
        .withMetadata(Meta.inNamespace(m, Names.PROJECT_EVENTS))
        .withNewRoleRef()
        .withApiGroup(DesiredRoleBinding.RBAC_GROUP)
        .withKind("Role")
        .withName(Names.PROJECT_EVENTS)
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
