package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.external.InferenceService;
import dev.platform.genai.model.Names;
import dev.platform.genai.plan.Plan;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * KServe InferenceServices for SelfHosted endpoints, where KServe's CRD is installed. Active only
 * then (our own injectable check, as for PrometheusRule), so the informer starts only once the CRD
 * exists.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class InferenceServiceDependent extends EndpointDependent<InferenceService> {
  public static final String NAME = "inference-services";

  public InferenceServiceDependent() {
    super(InferenceService.class);
  }

  /** Active only where KServe is installed. */
  public static class Installed extends PlanCondition<InferenceService> {
    @Override
    protected boolean holds(
        Plan plan, DependentResource<InferenceService, GenAIProject> dependent) {
      return plan.kserve();
    }
  }
}
