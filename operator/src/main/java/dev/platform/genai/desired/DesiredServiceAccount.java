package dev.platform.genai.desired;

import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/** The {@code workload} ServiceAccount the project's pods run as (and the cloud identity is bound to). */
public final class DesiredServiceAccount {
  private DesiredServiceAccount() {}

  public static ServiceAccount of(ProjectModel m) {
    return new ServiceAccountBuilder().withMetadata(Meta.inNamespace(m, Names.WORKLOAD_SERVICE_ACCOUNT)).build();
  }
}
