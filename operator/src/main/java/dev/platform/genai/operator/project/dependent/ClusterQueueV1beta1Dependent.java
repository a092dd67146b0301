package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.api.external.ClusterQueueV1beta1;
import dev.platform.genai.model.Names;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The project's ClusterQueue genai-&lt;project&gt; (kueue.x-k8s.io/v1beta1): cluster-scoped, owned
 * by the project.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ClusterQueueV1beta1Dependent extends QueueDependent<ClusterQueueV1beta1> {
  public static final String NAME = "cluster-queue-v1beta1";

  public ClusterQueueV1beta1Dependent() {
    super(ClusterQueueV1beta1.class, V1BETA1);
  }
}
