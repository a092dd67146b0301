package dev.platform.genai.operator.project.dependent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.Names;
import dev.platform.genai.plan.Plan;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimTemplate;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * DRA: the ResourceClaimTemplate endpoint pods claim their GPUs from (resource.k8s.io/v1,
 * Kubernetes 1.34+). Active only when the policy names a DRA GPU type (the same answer for every
 * project: JOSDK starts the informer with the activation), written for projects of such a type.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ClaimTemplateDependent extends ProjectDependent<ResourceClaimTemplate> {
  public static final String NAME = "gpu-claim-template";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  public ClaimTemplateDependent() {
    super(ResourceClaimTemplate.class);
  }

  @Override
  protected String objectName(Plan plan) {
    return plan.model().gpu().claimTemplate() != null ? plan.model().gpu().claimTemplate() : "gpu";
  }

  @Override
  protected boolean sameContent(ResourceClaimTemplate actual, ResourceClaimTemplate desired) {
    return JsonSubset.contains(
        JSON.convertValue(actual.getSpec(), JsonNode.class),
        JSON.convertValue(desired.getSpec(), JsonNode.class));
  }

  /** Active where the policy names a DRA GPU type. */
  public static class DraPolicy extends PlanCondition<ResourceClaimTemplate> {
    @Override
    protected boolean holds(
        Plan plan, DependentResource<ResourceClaimTemplate, GenAIProject> dependent) {
      return plan.draPolicy();
    }
  }

  /** Written for a project whose GPU type is DRA. */
  public static class DraProject extends PlanCondition<ResourceClaimTemplate> {
    @Override
    protected boolean holds(
        Plan plan, DependentResource<ResourceClaimTemplate, GenAIProject> dependent) {
      return plan.claimTemplate();
    }
  }
}
