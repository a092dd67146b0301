package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.api.external.LocalQueueV1beta1;
import dev.platform.genai.model.GpuQueue;
import dev.platform.genai.model.Names;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The LocalQueue named default in the project namespace (kueue.x-k8s.io/v1beta1), pointing at its
 * ClusterQueue.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class LocalQueueV1beta1Dependent extends QueueDependent<LocalQueueV1beta1> {
  public static final String NAME = "local-queue-v1beta1";

  public LocalQueueV1beta1Dependent() {
    super(LocalQueueV1beta1.class, V1BETA1, GpuQueue.LOCAL_QUEUE);
  }
}
