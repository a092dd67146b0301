package dev.platform.genai.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;

/**
 * Reading that never fails on a value of the wrong JSON type, or an unknown field, in our
 * resources: the value is dropped from the typed object, and the resource keeps the stored document
 * ({@link StoredDocument}) on which the rules are checked. One object the CRD would have rejected
 * (an older CRD, bypassed admission) then gets a condition; without this it stops the informer, and
 * the operator, for every project.
 */
public final class TolerantReading extends DeserializationProblemHandler {

  /** The serialization the operator's client uses. */
  public static KubernetesSerialization serialization() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.addHandler(new TolerantReading());
    // keep each resource's document as read: the operator checks exactly what the API server stored
    SimpleModule keepSource =
        new com.fasterxml.jackson.databind.module.SimpleModule("genai-keep-source");
    keepSource.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyDeserializer(
              DeserializationConfig config,
              BeanDescription beanDesc,
              JsonDeserializer<?> deserializer) {
            return StoredDocument.class.isAssignableFrom(beanDesc.getBeanClass())
                ? new KeepSource(deserializer)
                : deserializer;
          }
        });
    mapper.registerModule(keepSource);
    mapper
        .coercionConfigDefaults()
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
    return new KubernetesSerialization(mapper, true);
  }

  /** Set while one of our resources is read: its unreadable values are dropped, not failures. */
  private static final ThreadLocal<Boolean> LENIENT = new ThreadLocal<>();

  /**
   * Reads the document as a tree, remembers it on the resource, then reads the resource from it.
   */
  static final class KeepSource extends DelegatingDeserializer {
    KeepSource(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
      return new KeepSource(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode tree = ctxt.readTree(p);
      JsonParser tp = tree.traverse(p.getCodec());
      tp.nextToken();
      Boolean outer = LENIENT.get();
      LENIENT.set(Boolean.TRUE);
      try {
        Object value;
        try {
          value = _delegatee.deserialize(tp, ctxt);
        } catch (IOException | RuntimeException e) {
          // whatever else a malformed document does to reading: an empty resource that keeps its
          // identity and
          // its document, so the rules report it instead of the informer failing
          value = _delegatee.getEmptyValue(ctxt);
          if (value instanceof HasMetadata h && tree.has("metadata")) {
            h.setMetadata(p.getCodec().treeToValue(tree.get("metadata"), ObjectMeta.class));
          }
        }
        if (value instanceof StoredDocument r) {
          r.source(tree);
        }
        return value;
      } finally {
        LENIENT.set(outer);
      }
    }
  }

  @Override
  public boolean handleUnknownProperty(
      DeserializationContext ctxt,
      JsonParser p,
      JsonDeserializer<?> deserializer,
      Object beanOrClass,
      String propertyName)
      throws IOException {
    if (!Boolean.TRUE.equals(LENIENT.get())) {
      return false;
    }
    p.skipChildren();
    return true;
  }

  @Override
  public Object handleWeirdStringValue(
      DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg) {
    return drop();
  }

  @Override
  public Object handleWeirdNumberValue(
      DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg) {
    return drop();
  }

  @Override
  public Object handleUnexpectedToken(
      DeserializationContext ctxt,
      JavaType targetType,
      JsonToken t,
      JsonParser p,
      String failureMsg)
      throws IOException {
    Object r = drop();
    if (r == null) {
      p.skipChildren();
    }
    return r;
  }

  @Override
  public Object handleMissingInstantiator(
      DeserializationContext ctxt,
      Class<?> instClass,
      ValueInstantiator valueInsta,
      JsonParser p,
      String msg)
      throws IOException {
    Object r = drop();
    if (r == null) {
      p.skipChildren();
    }
    return r;
  }

  /** null (the value is dropped) inside one of our resources; elsewhere, fail as usual. */
  private static Object drop() {
    return Boolean.TRUE.equals(LENIENT.get()) ? null : DeserializationProblemHandler.NOT_HANDLED;
  }
}
