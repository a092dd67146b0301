package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.external.ClusterNetworkPolicy;
import dev.platform.genai.desired.DesiredClusterNetworkPolicy;
import dev.platform.genai.model.Names;
import dev.platform.genai.plan.Plan;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * A Confidential or Restricted project's egress guardrail in the Admin tier of sig-network's
 * ClusterNetworkPolicy, where the cluster serves it (our own check). Compared whole: a rule added
 * by anyone, even one that only accepts, is written back (an Accept in the Admin tier is final).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ClusterNetworkPolicyDependent extends ProjectDependent<ClusterNetworkPolicy> {
  public static final String NAME = "cluster-network-policy";

  public ClusterNetworkPolicyDependent() {
    super(ClusterNetworkPolicy.class);
  }

  @Override
  protected String objectName(Plan plan) {
    return DesiredClusterNetworkPolicy.name(plan.model());
  }

  @Override
  protected boolean sameContent(ClusterNetworkPolicy actual, ClusterNetworkPolicy desired) {
    return desired.getSpec().equals(actual.getSpec());
  }

  /** Active only where the cluster serves ClusterNetworkPolicy v1beta1. */
  public static class Installed extends PlanCondition<ClusterNetworkPolicy> {
    @Override
    protected boolean holds(
        Plan plan, DependentResource<ClusterNetworkPolicy, GenAIProject> dependent) {
      return plan.observed().apis().clusterNetworkPolicies();
    }
  }

  /** Written where the project's classification restricts egress. */
  public static class RestrictsEgress extends PlanCondition<ClusterNetworkPolicy> {
    @Override
    protected boolean holds(
        Plan plan, DependentResource<ClusterNetworkPolicy, GenAIProject> dependent) {
      return plan.model().network().restrictEgress();
    }
  }
}
