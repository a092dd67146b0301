package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.api.external.LocalQueue;
import dev.platform.genai.model.GpuQueue;
import dev.platform.genai.model.Names;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The LocalQueue named default in the project namespace (kueue.x-k8s.io/v1beta2), pointing at its
 * ClusterQueue.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class LocalQueueDependent extends QueueDependent<LocalQueue> {
  public static final String NAME = "local-queue";

  public LocalQueueDependent() {
    super(LocalQueue.class, V1BETA2, GpuQueue.LOCAL_QUEUE);
  }
}
