package dev.platform.genai.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A resource read by the operator keeps the document the API server stored. Rules are checked on
 * that document, exactly as {@code validate} checks a file, so the two agree even on values the
 * typed API could not hold (a string where a number belongs, an unknown field): those are dropped
 * from the typed object while reading, never a failure that would stop the informer for every
 * project.
 */
public interface StoredDocument {
  void source(JsonNode document);

  JsonNode source();

  /** JOSDK reconciles a clone: the clone keeps the stored document. */
  static <T> T carry(Object from, T to) {
    if (from instanceof StoredDocumentResource<?, ?> f
        && to instanceof StoredDocumentResource<?, ?> t) {
      t.sourceBytes(f.sourceBytes()); // no parse and re-serialise on every reconcile's clone
      return to;
    }
    if (from instanceof StoredDocument f && to instanceof StoredDocument t && f.source() != null) {
      t.source(f.source());
    }
    return to;
  }
}
