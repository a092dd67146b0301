package dev.platform.genai.operator.project.dependent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.desired.FrozenEndpoints;
import dev.platform.genai.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The objects of the model endpoints of one kind, one per endpoint (a bulk dependent: an endpoint
 * removed from the spec has its objects deleted). The approval gate is in the plan, not a reconcile
 * precondition (which would delete what it guards): while the gate is closed, the plan's endpoint
 * objects are the running ones, as they are (scaled to zero during a suspension), so nothing new is
 * provisioned and nothing running is lost.
 */
public abstract class EndpointDependent<R extends HasMetadata> extends ProjectDependent<R>
    implements CRUDKubernetesBulkDependentResource<R, GenAIProject>,
        KubernetesBulkDependentResource<R, GenAIProject> {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  protected EndpointDependent(Class<R> type) {
    super(type);
  }

  @Override
  public Map<ResourceID, R> desiredResources(GenAIProject primary, Context<GenAIProject> context) {
    Map<ResourceID, R> out = new LinkedHashMap<>();
    for (R desired : PlanContext.of(context).objects(resourceType())) {
      if (FrozenEndpoints.endpointOf(desired) != null) {
        out.put(ResourceID.fromResource(desired), desired);
      }
    }
    return out;
  }

  @Override
  protected final String objectName(Plan plan) {
    throw new UnsupportedOperationException("bulk: see desiredResources");
  }

  @Override
  public Predicate<R> secondaryResourceFilter(GenAIProject primary, Context<GenAIProject> context) {
    return r -> FrozenEndpoints.endpointOf(r) != null;
  }

  /**
   * Everything we set is present with our values; what the API server or KServe adds is left alone.
   */
  @Override
  protected boolean sameContent(R actual, R desired) {
    return containsAll(
            actual.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations())
        && JsonSubset.contains(
            JSON.convertValue(actual, JsonNode.class),
            JSON.convertValue(desired, JsonNode.class),
            "metadata",
            "status");
  }
}
