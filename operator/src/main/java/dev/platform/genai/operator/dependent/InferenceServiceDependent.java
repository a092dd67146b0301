package dev.platform.genai.operator.dependent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.external.InferenceService;
import dev.platform.genai.desired.DesiredModelEndpoint;
import dev.platform.genai.model.ModelEndpoints.Endpoint;
import dev.platform.genai.model.ModelEndpoints.SelfHosted;
import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * KServe InferenceServices for SelfHosted endpoints, where KServe's CRD is installed. Active only then (our own
 * injectable check, as for PrometheusRule), so the informer starts only once the CRD exists.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class InferenceServiceDependent extends EndpointDependent<InferenceService> {
  public static final String NAME = "inference-services";

  public InferenceServiceDependent() {
    super(InferenceService.class);
  }

  @Override
  protected InferenceService desired(ProjectModel model, Endpoint endpoint, Plan plan) {
    return endpoint instanceof SelfHosted s && plan.kserve()
        ? DesiredModelEndpoint.inferenceService(model, s, plan.suspended()) : null;
  }

  @Override
  protected void adjustFrozen(InferenceService kept, boolean suspended) {
    if (kept.getSpec() != null && kept.getSpec().get("predictor") instanceof ObjectNode predictor) {
      int current = predictor.path("minReplicas").asInt(1);
      predictor.put("minReplicas", suspended ? 0 : approvedReplicas(kept, current));
    }
    kept.getMetadata().getAnnotations().put(DesiredModelEndpoint.KSERVE_STOP, String.valueOf(suspended));
  }

  /** Active only where KServe is installed. */
  public static class Installed implements Condition<InferenceService, GenAIProject> {
    @Override
    public boolean isMet(DependentResource<InferenceService, GenAIProject> dependent, GenAIProject primary,
        Context<GenAIProject> context) {
      return plan(context).kserve();
    }
  }
}
