package dev.platform.genai.api.external;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Kueue's LocalQueue (v1beta1): the namespace's door to a ClusterQueue. Spec and status stay JSON: the operator writes the spec it owns (with the defaults the API server would
 * fill in) and reads the status Kueue keeps. Typed, so the client needs no discovery. Not a CRD of ours.
 */
@Group("kueue.x-k8s.io")
@Version("v1beta1")
@Kind("LocalQueue")
@Plural("localqueues")
public class LocalQueueV1beta1 extends CustomResource<JsonNode, JsonNode> implements Namespaced {
  public static final String CRD = "localqueues.kueue.x-k8s.io";

  @Override
  protected JsonNode initSpec() {
    return null;
  }

  @Override
  protected JsonNode initStatus() {
    return null;
  }
}
