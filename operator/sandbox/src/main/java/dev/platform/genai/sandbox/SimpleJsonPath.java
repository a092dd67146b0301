package dev.platform.genai.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSONPath subset printer columns use: {@code .a.b} and {@code .a[?(@.k=="v")].c}. */
final class SimpleJsonPath {
  private SimpleJsonPath() {}

  private static final Pattern FILTER =
      Pattern.compile("^([A-Za-z0-9_]+)\\[\\?\\(@\\.([A-Za-z0-9_]+)==\"([^\"]*)\"\\)]$");

  static String read(JsonNode root, String path) {
    JsonNode n = root;
    for (String seg : path.replaceFirst("^\\.", "").split("\\.(?![^\\[]*])")) {
      if (n == null || n.isMissingNode() || n.isNull()) {
        return null;
      }
      Matcher m = FILTER.matcher(seg);
      if (m.matches()) {
        JsonNode match = null;
        for (JsonNode e : n.path(m.group(1))) {
          if (m.group(3).equals(e.path(m.group(2)).asText())) {
            match = e;
            break;
          }
        }
        n = match;
      } else {
        n = n.get(seg);
      }
    }
    return n == null || n.isMissingNode() || n.isNull()
        ? null
        : n.isValueNode() ? n.asText() : n.toString();
  }
}
