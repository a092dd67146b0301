package dev.platform.genai.operator.dependent;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.ModelEndpoints.Endpoint;
import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The objects of the model endpoints, one of each per endpoint (a bulk dependent: an endpoint removed from the
 * spec has its objects deleted). The approval gate is applied here, not with a reconcile precondition (which
 * would delete what it guards): while the gate is closed, the desired objects are the running ones, as they are
 * (scaled to zero during a suspension), so nothing new is provisioned and nothing running is lost.
 */
public abstract class EndpointDependent<R extends HasMetadata> extends ProjectDependent<R>
    implements CRUDKubernetesBulkDependentResource<R, GenAIProject>, KubernetesBulkDependentResource<R, GenAIProject> {

  /** Context key of the {@link Plan} for this reconcile. */
  public static final String PLAN = "genai.endpoints";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  /**
   * @param open whether new endpoint objects may be provisioned (approved, allowed, fitting)
   * @param suspended whether self-hosted endpoints are scaled to zero (budget suspension or pilot expiry)
   * @param kserve whether KServe serves self-hosted endpoints (its CRD is installed)
   */
  public record Plan(boolean open, boolean suspended, boolean kserve) {}

  protected EndpointDependent(Class<R> type) {
    super(type);
  }

  public static Plan plan(Context<GenAIProject> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(PLAN, Plan.class);
  }

  @Override
  public Map<ResourceID, R> desiredResources(GenAIProject primary, Context<GenAIProject> context) {
    ProjectModel model = model(context);
    Plan plan = plan(context);
    Map<ResourceID, R> out = new LinkedHashMap<>();
    if (plan.open()) {
      for (Endpoint e : model.endpoints().endpoints()) {
        R desired = desired(model, e, plan);
        if (desired != null) {
          out.put(ResourceID.fromResource(desired), desired);
        }
      }
    } else {
      for (R actual : getSecondaryResources(primary, context).values()) {
        if (model.endpoints().names().contains(endpointOf(actual))) {
          R kept = frozen(actual);
          adjustFrozen(kept, plan.suspended());
          out.put(ResourceID.fromResource(kept), kept);
        }
      }
    }
    return out;
  }

  /** The object of this type for an endpoint, or null when the endpoint has none. */
  protected abstract R desired(ProjectModel model, Endpoint endpoint, Plan plan);

  /** A running object kept while the gate is closed: only a suspension (or its end) changes it. */
  protected void adjustFrozen(R kept, boolean suspended) {}

  @Override
  protected final R desired(ProjectModel model) {
    throw new UnsupportedOperationException("bulk: see desiredResources");
  }

  @Override
  public Predicate<R> secondaryResourceFilter(GenAIProject primary, Context<GenAIProject> context) {
    return r -> endpointOf(r) != null;
  }

  /**
   * The approved replica count kept on a running object; {@code fallback} when the annotation is missing or was
   * edited into something that is not a count (a hand edit must not break the reconcile).
   */
  static int approvedReplicas(HasMetadata kept, int fallback) {
    Map<String, String> a = kept.getMetadata().getAnnotations();
    String v = a == null ? null : a.get(dev.platform.genai.desired.DesiredModelEndpoint.REPLICAS_ANNOTATION);
    if (v != null && v.matches("^[0-9]{1,2}$")) {
      return Integer.parseInt(v);
    }
    return fallback;
  }

  public static String endpointOf(HasMetadata r) {
    Map<String, String> labels = r.getMetadata().getLabels();
    return labels == null ? null : labels.get(ModelEndpoints.ENDPOINT_LABEL);
  }

  /** A copy of what runs, with the metadata we write and nothing the server set. */
  @SuppressWarnings("unchecked")
  private R frozen(R actual) {
    com.fasterxml.jackson.databind.node.ObjectNode tree = JSON.convertValue(actual,
        com.fasterxml.jackson.databind.node.ObjectNode.class);
    tree.remove("status");
    R copy = (R) JSON.convertValue(tree, actual.getClass());
    ObjectMeta m = new ObjectMeta();
    m.setName(actual.getMetadata().getName());
    m.setNamespace(actual.getMetadata().getNamespace());
    m.setLabels(new LinkedHashMap<>(actual.getMetadata().getLabels()));
    m.setAnnotations(new LinkedHashMap<>(actual.getMetadata().getAnnotations() == null ? Map.of()
        : actual.getMetadata().getAnnotations()));
    copy.setMetadata(m);
    return copy;
  }

  /** Everything we set is present with our values; what the API server or KServe adds is left alone. */
  @Override
  protected boolean sameContent(R actual, R desired) {
    return containsAll(actual.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations())
        && JsonSubset.contains(JSON.convertValue(actual, com.fasterxml.jackson.databind.JsonNode.class),
            JSON.convertValue(desired, com.fasterxml.jackson.databind.JsonNode.class), "metadata", "status");
  }
}
