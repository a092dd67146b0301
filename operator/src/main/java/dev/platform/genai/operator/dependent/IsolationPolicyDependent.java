package dev.platform.genai.operator.dependent;

import dev.platform.genai.model.Names;
import dev.platform.genai.plan.Plan;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** Ingress isolation between projects (every project). */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class IsolationPolicyDependent extends NetworkPolicyDependent {
  public static final String NAME = "isolation";

  @Override
  protected String objectName(Plan plan) {
    return Names.ISOLATION_POLICY;
  }
}
