package dev.platform.genai.api.external;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Kueue's LocalQueue (v1beta1): the namespace's door to a ClusterQueue. Spec and status as JSON
 * ({@link ExternalResource}).
 */
@Group("kueue.x-k8s.io")
@Version("v1beta1")
@Kind("LocalQueue")
@Plural("localqueues")
public class LocalQueueV1beta1 extends ExternalResource implements Namespaced {}
