package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.model.Names;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** Ingress isolation between projects (every project). */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class IsolationPolicyDependent extends NetworkPolicyDependent {
  public static final String NAME = "isolation";

  public IsolationPolicyDependent() {
    super(Names.ISOLATION_POLICY);
  }
}
