package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The ConfigMap publishing each Managed endpoint's URL and model to the namespace. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ManagedModelConfigDependent extends EndpointDependent<ConfigMap> {
  public static final String NAME = "managed-models";

  public ManagedModelConfigDependent() {
    super(ConfigMap.class);
  }
}
