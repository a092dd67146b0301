package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Our custom resources: each keeps the document it was read from ({@link StoredDocument}),
 * compactly: as JSON bytes, without the status (the operator's own writing, never checked by the
 * rules). A Jackson tree of the whole document held by every cached project was most of the
 * operator's heap per project; it is parsed back only when a rule check asks for it.
 */
public abstract class StoredDocumentResource<S, T> extends CustomResource<S, T>
    implements StoredDocument {
  private static final ObjectMapper JSON = new ObjectMapper();

  @JsonIgnore private transient volatile byte[] source;

  @Override
  public void source(JsonNode document) {
    if (document == null) {
      this.source = null;
      return;
    }
    JsonNode kept = document;
    if (document.has("status") && document instanceof ObjectNode o) {
      ObjectNode copy = o.deepCopy();
      copy.remove("status");
      kept = copy;
    }
    try {
      this.source = JSON.writeValueAsBytes(kept);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The compact form, shared by a clone (never modified in place). */
  byte[] sourceBytes() {
    return source;
  }

  void sourceBytes(byte[] bytes) {
    this.source = bytes;
  }

  @Override
  public JsonNode source() {
    byte[] s = source;
    if (s == null) {
      return null;
    }
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
