package dev.platform.genai.desired;

import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/**
 * The {@code workload} ServiceAccount the project's pods run as (and the cloud identity is bound
 * to).
 */
public final class DesiredServiceAccount {
  private DesiredServiceAccount() {}

  public static final String GKE_SERVICE_ACCOUNT = "iam.gke.io/gcp-service-account";

  public static ServiceAccount of(ProjectModel m) {
    ServiceAccount sa =
        new ServiceAccountBuilder()
            .withMetadata(Meta.inNamespace(m, Names.WORKLOAD_SERVICE_ACCOUNT))
            .build();
    if (m.cloud() != null && m.cloud().serviceAccount() != null && m.cloud().denied().isEmpty()) {
      // GKE Workload Identity through a Google service account
      sa.getMetadata().getAnnotations().put(GKE_SERVICE_ACCOUNT, m.cloud().serviceAccount());
    }
    return sa;
  }
}
