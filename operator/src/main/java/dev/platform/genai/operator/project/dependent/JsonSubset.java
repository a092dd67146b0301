package dev.platform.genai.operator.project.dependent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Whether an object holds everything we desire of it: every field we set present with our value,
 * fields only the API server (or another controller's webhook) sets ignored. Lists must have our
 * elements in our order. This is what keeps a Deployment from being rewritten on every reconcile of
 * a real cluster, which defaults a dozen fields the operator never sets.
 */
public final class JsonSubset {
  private JsonSubset() {}

  static boolean contains(JsonNode actual, JsonNode desired, String... ignoredTopLevel) {
    Set<String> ignored = Set.of(ignoredTopLevel);
    for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!ignored.contains(f.getKey()) && !contains(actual.get(f.getKey()), f.getValue())) {
        return false;
      }
    }
    return true;
  }

  public static boolean contains(JsonNode actual, JsonNode desired) {
    if (desired == null || desired.isNull()) {
      return true;
    }
    if (actual == null || actual.isNull()) {
      return desired.isObject() && desired.isEmpty() || desired.isArray() && desired.isEmpty();
    }
    if (desired.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (!contains(actual.get(f.getKey()), f.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!actual.isArray() || actual.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!contains(actual.get(i), desired.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (desired.isNumber() && actual.isNumber()) {
      return desired.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return desired.equals(actual);
  }
}
