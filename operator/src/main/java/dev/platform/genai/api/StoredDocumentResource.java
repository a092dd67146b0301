package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.CustomResource;

/** Our custom resources: each keeps the document it was read from ({@link StoredDocument}). */
public abstract class StoredDocumentResource<S, T> extends CustomResource<S, T> implements StoredDocument {
  @JsonIgnore
  private transient volatile JsonNode source;

  @Override
  public void source(JsonNode document) {
    this.source = document;
  }

  @Override
  public JsonNode source() {
    return source;
  }
}
