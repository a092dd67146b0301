package dev.platform.genai.api.external;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Kueue's LocalQueue (v1beta2): the namespace's door to a ClusterQueue. Spec and status as JSON
 * ({@link ExternalResource}).
 */
@Group("kueue.x-k8s.io")
@Version("v1beta2")
@Kind("LocalQueue")
@Plural("localqueues")
public class LocalQueue extends ExternalResource implements Namespaced {}
