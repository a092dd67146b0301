package dev.platform.genai.desired;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.api.external.InferenceService;
import dev.platform.genai.model.ModelEndpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * While the approval gate is closed, the desired endpoint objects are the running ones, as they
 * are: nothing new is provisioned and nothing running is lost. Only a suspension (or its end)
 * changes them: self-hosted servers go to zero replicas and come back to the approved count kept in
 * an annotation. Pure.
 */
public final class FrozenEndpoints {
  private FrozenEndpoints() {}

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  /** Copies of the running objects of endpoints still in the spec, adjusted for a suspension. */
  public static List<HasMetadata> of(
      Collection<? extends HasMetadata> running, Collection<String> endpoints, boolean suspended) {
    return of(running, endpoints, endpoint -> suspended);
  }

  /** The same, each endpoint held at zero or not. */
  public static List<HasMetadata> of(
      Collection<? extends HasMetadata> running,
      Collection<String> endpoints,
      java.util.function.Predicate<String> held) {
    List<HasMetadata> out = new ArrayList<>();
    for (HasMetadata actual : running) {
      if (endpoints.contains(endpointOf(actual))) {
        boolean suspended = held.test(endpointOf(actual));
        HasMetadata kept = copy(actual);
        if (kept instanceof Deployment d) {
          Integer current = d.getSpec().getReplicas();
          d.getSpec()
              .setReplicas(suspended ? 0 : approvedReplicas(d, current == null ? 1 : current));
        } else if (kept instanceof InferenceService is) {
          if (is.getSpec() != null
              && is.getSpec().get("predictor") instanceof ObjectNode predictor) {
            int current = predictor.path("minReplicas").asInt(1);
            predictor.put("minReplicas", suspended ? 0 : approvedReplicas(is, current));
          }
          is.getMetadata()
              .getAnnotations()
              .put(DesiredModelEndpoint.KSERVE_STOP, String.valueOf(suspended));
        }
        out.add(kept);
      }
    }
    return out;
  }

  /** The endpoint an object belongs to (its label), or null. */
  public static String endpointOf(HasMetadata r) {
    Map<String, String> labels = r.getMetadata().getLabels();
    return labels == null ? null : labels.get(ModelEndpoints.ENDPOINT_LABEL);
  }

  /**
   * The approved replica count kept on a running object; {@code fallback} when the annotation is
   * missing or was edited into something that is not a count (a hand edit must not break the
   * reconcile).
   */
  static int approvedReplicas(HasMetadata kept, int fallback) {
    Map<String, String> a = kept.getMetadata().getAnnotations();
    String v = a == null ? null : a.get(DesiredModelEndpoint.REPLICAS_ANNOTATION);
    if (v != null && v.matches("^[0-9]{1,2}$")) {
      return Integer.parseInt(v);
    }
    return fallback;
  }

  /** A copy of what runs, with the metadata we write and nothing the server set. */
  private static HasMetadata copy(HasMetadata actual) {
    ObjectNode tree = JSON.convertValue(actual, ObjectNode.class);
    tree.remove("status");
    HasMetadata copy = JSON.convertValue(tree, actual.getClass());
    ObjectMeta m = new ObjectMeta();
    m.setName(actual.getMetadata().getName());
    m.setNamespace(actual.getMetadata().getNamespace());
    m.setLabels(new LinkedHashMap<>(actual.getMetadata().getLabels()));
    m.setAnnotations(
        new LinkedHashMap<>(
            actual.getMetadata().getAnnotations() == null
                ? Map.of()
                : actual.getMetadata().getAnnotations()));
    copy.setMetadata(m);
    return copy;
  }
}
