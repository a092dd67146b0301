package dev.platform.genai.api.external;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * Another project's kind the operator writes (Kueue's queues, KServe's InferenceService): spec and
 * status stay JSON — the operator writes the spec it owns (with the defaults the API server would
 * fill in) and reads the status the other controller keeps. Typed by its subclass's annotations, so
 * the client needs no discovery. Not a CRD of ours: none is generated for it.
 */
public abstract class ExternalResource extends CustomResource<JsonNode, JsonNode> {
  @Override
  protected JsonNode initSpec() {
    return null;
  }

  @Override
  protected JsonNode initStatus() {
    return null;
  }
}
