package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.Names;
import dev.platform.genai.plan.Plan;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * Default-deny egress for Confidential and Restricted data (shares the isolation policy's
 * informer).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class EgressPolicyDependent extends NetworkPolicyDependent {
  public static final String NAME = "egress";

  public EgressPolicyDependent() {
    super(Names.EGRESS_POLICY);
  }

  /**
   * Only sensitive data restricts egress. Deletion when it turns false is the intent here, and can
   * only follow a classification being lowered, which admission forbids.
   */
  public static class RestrictsEgress extends PlanCondition<NetworkPolicy> {
    @Override
    protected boolean holds(Plan plan, DependentResource<NetworkPolicy, GenAIProject> dependent) {
      return plan.model().network().restrictEgress();
    }
  }
}
