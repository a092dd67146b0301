package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The {@code workload} ServiceAccount. Annotations we set must be present; others' are kept. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class WorkloadServiceAccountDependent extends ProjectDependent<ServiceAccount> {
  public static final String NAME = "workload-sa";

  public WorkloadServiceAccountDependent() {
    super(ServiceAccount.class, Names.WORKLOAD_SERVICE_ACCOUNT);
  }

  @Override
  protected boolean sameContent(ServiceAccount actual, ServiceAccount desired) {
    return containsAll(
        actual.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations());
  }
}
