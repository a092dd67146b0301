package dev.platform.genai.api.external;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * KServe's InferenceService. Spec and status stay JSON: the operator writes a small part of the spec and reads
 * status.url and the Ready condition; KServe's webhook defaults the rest. Typed, so the client needs no API
 * discovery for it. Not a CRD of ours.
 */
@Group("serving.kserve.io")
@Version("v1beta1")
@Kind("InferenceService")
@Plural("inferenceservices")
public class InferenceService extends CustomResource<JsonNode, JsonNode> implements Namespaced {
  public static final String CRD = "inferenceservices.serving.kserve.io";

  @Override
  protected JsonNode initSpec() {
    return null;
  }

  @Override
  protected JsonNode initStatus() {
    return null;
  }
}
