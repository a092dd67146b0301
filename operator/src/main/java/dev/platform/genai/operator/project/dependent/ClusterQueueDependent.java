package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.api.external.ClusterQueue;
import dev.platform.genai.model.Names;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The project's ClusterQueue genai-&lt;project&gt; (kueue.x-k8s.io/v1beta2): cluster-scoped, owned
 * by the project.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ClusterQueueDependent extends QueueDependent<ClusterQueue> {
  public static final String NAME = "cluster-queue";

  public ClusterQueueDependent() {
    super(ClusterQueue.class, V1BETA2);
  }
}
