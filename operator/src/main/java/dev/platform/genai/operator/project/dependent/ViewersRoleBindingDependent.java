package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.model.Names;
import dev.platform.genai.model.TeamRole;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The team's viewers, bound to the built-in ClusterRole view (sharing the owners binding's
 * informer).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ViewersRoleBindingDependent extends TeamRoleBindingDependent {
  public static final String NAME = "viewers-binding";

  public ViewersRoleBindingDependent() {
    super(TeamRole.VIEWERS);
  }
}
