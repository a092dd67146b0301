package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.model.Names;
import dev.platform.genai.model.TeamRole;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The team's owners, bound to the built-in ClusterRole admin. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class OwnersRoleBindingDependent extends TeamRoleBindingDependent {
  public static final String NAME = "owners-binding";

  public OwnersRoleBindingDependent() {
    super(TeamRole.OWNERS);
  }
}
