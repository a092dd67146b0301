package dev.platform.genai.api.external;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Kueue's ClusterQueue (v1beta1): quota per flavor, a cohort to borrow and lend in, a stop policy.
 * Cluster-scoped. Spec and status as JSON ({@link ExternalResource}).
 */
@Group("kueue.x-k8s.io")
@Version("v1beta1")
@Kind("ClusterQueue")
@Plural("clusterqueues")
public class ClusterQueueV1beta1 extends ExternalResource {}
