package dev.platform.genai.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** JSON-schema errors in the words the Kubernetes API server uses for the same checks. */
final class SchemaErrors {
  private SchemaErrors() {}

  static Violation toViolation(Error e) {
    String path = path(e.getInstanceLocation());
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
    String value = e.getInstanceNode() == null ? "" : e.getInstanceNode().toString();
    return switch (keyword) {
      case "required" -> new Violation(CrdValidator.join(path, e.getProperty()), "Required value");
      case "type" ->
          new Violation(path, "Invalid value: " + value + ": must be of type " + expectedType(e));
      case "maxLength" ->
          new Violation(path, "Too long: may not be more than " + arg(args, 0) + " characters");
      case "minLength" ->
          new Violation(
              path,
              "Invalid value: "
                  + value
                  + ": should be at least "
                  + arg(args, 0)
                  + " characters long");
      case "maxItems" ->
          new Violation(path, "Too many: must have at most " + arg(args, 0) + " items");
      case "minItems" ->
          new Violation(path, "Invalid value: should have at least " + arg(args, 0) + " items");
      case "maximum" ->
          new Violation(
              path,
              "Invalid value: " + value + ": should be less than or equal to " + arg(args, 0));
      case "minimum" ->
          new Violation(
              path,
              "Invalid value: " + value + ": should be greater than or equal to " + arg(args, 0));
      case "pattern" ->
          new Violation(path, "Invalid value: " + value + ": should match '" + arg(args, 0) + "'");
      case "enum" -> new Violation(path, "Unsupported value: " + value + supported(e));
      default -> new Violation(path, e.getMessage());
    };
  }

  /** As the API server words it: {@code : supported values: "A", "B"}. */
  private static String supported(Error e) {
    JsonNode values = e.getSchemaNode();
    if (values == null || !values.isArray()) {
      return "";
    }
    List<String> quoted = new ArrayList<>();
    values.forEach(v -> quoted.add(v.toString()));
    return ": supported values: " + String.join(", ", quoted);
  }

  private static String expectedType(Error e) {
    if (e.getSchemaNode() != null && e.getSchemaNode().isTextual()) {
      return e.getSchemaNode().asText();
    }
    if (e.getSchemaNode() != null && e.getSchemaNode().has("type")) {
      return e.getSchemaNode().get("type").asText();
    }
    Object[] args = e.getArguments();
    return args != null && args.length > 1 ? String.valueOf(args[1]) : "the declared type";
  }

  private static String arg(Object[] args, int i) {
    if (args.length <= i) {
      return "?";
    }
    String a = String.valueOf(args[i]);
    try {
      BigDecimal d = new BigDecimal(a);
      return d.stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return a;
    }
  }

  static String path(NodePath p) {
    if (p == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < p.getNameCount(); i++) {
      Object el = p.getElement(i);
      if (el instanceof Integer idx) {
        b.append('[').append(idx).append(']');
      } else {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(el);
      }
    }
    return b.toString();
  }
}
