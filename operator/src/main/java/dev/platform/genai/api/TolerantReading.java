package dev.platform.genai.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;

/**
 * Reading that never fails on a value of the wrong JSON type in our resources: the value is dropped, and the
 * problem is recorded on the resource ({@link ReadProblems}) with its path. One object the CRD would have rejected
 * (an older CRD, bypassed admission) then gets a condition; without this it stops the informer, and the operator,
 * for every project.
 */
public final class TolerantReading extends DeserializationProblemHandler {

  /** The serialization the operator's client uses. */
  public static KubernetesSerialization serialization() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.addHandler(new TolerantReading());
    return new KubernetesSerialization(mapper, true);
  }

  @Override
  public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
      com.fasterxml.jackson.databind.JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName)
      throws IOException {
    ReadProblems root = root(p.getParsingContext());
    if (root == null) {
      return false;
    }
    String parent = path(p.getParsingContext());
    String at = parent.endsWith(propertyName) ? parent : (parent.isEmpty() ? propertyName : parent);
    root.readProblem(at, "unknown field");
    p.skipChildren();
    return true;
  }

  @Override
  public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value,
      String failureMsg) {
    return record(ctxt.getParser(), "\"" + value + "\" is not " + describe(targetType));
  }

  @Override
  public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value,
      String failureMsg) {
    return record(ctxt.getParser(), value + " is not " + describe(targetType));
  }

  @Override
  public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
      String failureMsg) throws IOException {
    Object r = record(p, "must be " + describe(targetType.getRawClass()) + ", not " + token(t));
    p.skipChildren();
    return r;
  }

  @Override
  public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
      ValueInstantiator valueInsta, JsonParser p, String msg) throws IOException {
    Object r = record(p, "must be " + describe(instClass) + ", not " + token(p.currentToken()));
    p.skipChildren();
    return r;
  }

  /** Records on the enclosing resource; returns null (the value read) when it could, NOT_HANDLED otherwise. */
  private static ReadProblems root(JsonStreamContext ctx) {
    ReadProblems root = null;
    for (JsonStreamContext c = ctx; c != null; c = c.getParent()) {
      if (c.getCurrentValue() instanceof ReadProblems r) {
        root = r;
      }
    }
    return root;
  }

  private static Object record(JsonParser p, String message) {
    JsonStreamContext ctx = p.getParsingContext();
    ReadProblems root = root(ctx);
    if (root == null) {
      return DeserializationProblemHandler.NOT_HANDLED; // not one of our resources: fail as usual
    }
    root.readProblem(path(ctx), message);
    return null;
  }

  private static String path(JsonStreamContext ctx) {
    String pointer = ctx.pathAsPointer().toString(); // /spec/resources/gpus or /spec/kpis/0/name
    StringBuilder b = new StringBuilder();
    for (String seg : pointer.split("/")) {
      if (seg.isEmpty()) {
        continue;
      }
      if (seg.matches("[0-9]+")) {
        b.append('[').append(seg).append(']');
      } else {
        b.append(b.length() == 0 ? "" : ".").append(seg.replace("~1", "/").replace("~0", "~"));
      }
    }
    return b.toString();
  }

  private static String describe(Class<?> type) {
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type == Boolean.class) {
      return "true or false";
    }
    return "an object";
  }

  private static String token(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_ARRAY -> "a list";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }
}
