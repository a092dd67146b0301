package dev.platform.genai.api.external;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Kueue's ClusterQueue (v1beta2): quota per flavor, a cohort to borrow and lend in, a stop policy.
 * Cluster-scoped. Spec and status as JSON ({@link ExternalResource}).
 */
@Group("kueue.x-k8s.io")
@Version("v1beta2")
@Kind("ClusterQueue")
@Plural("clusterqueues")
public class ClusterQueue extends ExternalResource {
  /** The typed class of the ClusterQueue in this served version: v1beta2, else v1beta1. */
  public static Class<? extends ExternalResource> type(String apiVersion) {
    return io.fabric8.kubernetes.api.model.HasMetadata.getApiVersion(ClusterQueue.class)
            .equals(apiVersion)
        ? ClusterQueue.class
        : ClusterQueueV1beta1.class;
  }
}
