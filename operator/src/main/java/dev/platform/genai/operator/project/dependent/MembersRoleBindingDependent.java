package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.model.Names;
import dev.platform.genai.model.TeamRole;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The team's members, bound to the built-in ClusterRole edit (sharing the owners binding's
 * informer).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class MembersRoleBindingDependent extends TeamRoleBindingDependent {
  public static final String NAME = "members-binding";

  public MembersRoleBindingDependent() {
    super(TeamRole.MEMBERS);
  }
}
