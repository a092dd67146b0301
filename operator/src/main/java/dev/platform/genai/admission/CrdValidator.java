package dev.platform.genai.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a custom resource against one CRD version as the API server does at admission: schema
 * (types, required, lengths, bounds), unknown fields (kubectl's default strict field validation),
 * and the CEL rules, including transition rules when the old object is given. Thread-safe once
 * built.
 */
public final class CrdValidator {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  /**
   * Schema errors after which the API server does not run CEL rules: k8s.io/apiextensions-apiserver
   * pkg/registry/customresource/strategy.go {@code hasBlockingErr} (v0.33.13) blocks on
   * NotSupported (enum), Required, TooLong, TooMany and TypeInvalid. The real API server found that
   * enum and required were missing here ({@code AdmissionOnRealServerTest}).
   */
  private static final Set<String> BLOCKING_KEYWORDS =
      Set.of("type", "enum", "required", "maxLength", "maxItems", "maxProperties");

  private final String kind;
  private final String apiVersion;
  private final JsonNode schema;
  private final Schema jsonSchema;
  private final Map<JsonNode, List<CelRule>> rules = new IdentityHashMap<>();
  private final boolean foreign;
  private final List<String> notEvaluated = new ArrayList<>();

  private CrdValidator(JsonNode crd, String version) {
    this(crd, version, false);
  }

  private CrdValidator(JsonNode crd, String version, boolean foreign) {
    this.foreign = foreign;
    JsonNode spec = crd.path("spec");
    this.kind = spec.path("names").path("kind").asText();
    JsonNode ver = null;
    for (JsonNode v : spec.path("versions")) {
      if (version == null || version.equals(v.path("name").asText())) {
        ver = v;
        break;
      }
    }
    if (ver == null) {
      throw new IllegalArgumentException(
          "CRD " + crd.path("metadata").path("name").asText() + " has no version " + version);
    }
    this.apiVersion = spec.path("group").asText() + "/" + ver.path("name").asText();
    this.schema = ver.path("schema").path("openAPIV3Schema");
    this.jsonSchema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
            .getSchema(plainJsonSchema(schema));
    compileRules(schema);
  }

  /**
   * Loads a CRD (YAML) from the class path, e.g. {@code META-INF/fabric8/genaiprojects...-v1.yml}.
   */
  public static CrdValidator fromClasspath(String resource) {
    try (InputStream in = CrdValidator.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "CRD " + resource + " is not on the class path: was the build run?");
      }
      return new CrdValidator(YAML.readTree(in), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static CrdValidator fromCrd(JsonNode crd) {
    return new CrdValidator(crd, null);
  }

  /** One version of a CRD (e.g. Kueue's v1beta1 or v1beta2). */
  public static CrdValidator fromCrd(JsonNode crd, String version) {
    return new CrdValidator(crd, version);
  }

  /**
   * One version of another project's CRD whose rules may use Kubernetes' CEL libraries (strings,
   * lists, URLs): those rules cannot be evaluated here and are listed by {@link #notEvaluated()}
   * (the real API server judges them), every other rule is. Our own CRDs never go through this:
   * their rules must be standard CEL.
   */
  public static CrdValidator fromForeignCrd(JsonNode crd, String version) {
    return new CrdValidator(crd, version, true);
  }

  /**
   * The rules of a foreign CRD that need Kubernetes' CEL libraries and are not evaluated offline.
   */
  public List<String> notEvaluated() {
    return List.copyOf(notEvaluated);
  }

  public String kind() {
    return kind;
  }

  public String apiVersion() {
    return apiVersion;
  }

  /** Rules of a create. */
  public List<Violation> validate(JsonNode object) {
    return validate(object, null);
  }

  /**
   * Rules of an update when {@code old} is given (transition rules then run), of a create
   * otherwise.
   */
  public List<Violation> validate(JsonNode object, JsonNode old) {
    List<Violation> out = new ArrayList<>();
    if (!object.isObject()) {
      out.add(new Violation("", "must be an object"));
      return out;
    }
    unknownFields(schema, object, "", true, out);
    if (!out.isEmpty()) {
      // strict field validation (kubectl's default) refuses unknown fields while decoding: one
      // answer naming them,
      // before the schema and the rules are looked at (AdmissionOnRealServerTest)
      return dedupe(out);
    }
    boolean blocking = false;
    for (Error e : jsonSchema.validate(object)) {
      out.add(SchemaErrors.toViolation(e));
      blocking |= BLOCKING_KEYWORDS.contains(e.getKeyword());
    }
    if (!blocking) {
      cel(schema, object, old, "", out);
    }
    return dedupe(out);
  }

  private static List<Violation> dedupe(List<Violation> in) {
    return new ArrayList<>(new LinkedHashSet<>(in));
  }

  /**
   * Unknown fields as the API server finds them when it prunes (k8s.io/apiextensions-apiserver
   * pkg/apiserver/schema/pruning/algorithm.go, v0.33.13): by the schema's properties whatever the
   * value's type, so an object given where a list belongs has only unknown fields ({@code s} is
   * null where the schema says nothing).
   */
  private void unknownFields(
      JsonNode s, JsonNode value, String path, boolean root, List<Violation> out) {
    if (value == null
        || value.isNull()
        || (s != null && s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false))) {
      return;
    }
    if (value.isObject()) {
      JsonNode props = s == null ? null : s.get("properties");
      JsonNode additional = s == null ? null : s.get("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        String childPath = join(path, f.getKey());
        if (root && ROOT_FIELDS.contains(f.getKey())) {
          continue;
        }
        if (props != null && props.has(f.getKey())) {
          unknownFields(props.get(f.getKey()), f.getValue(), childPath, false, out);
        } else if (additional != null && additional.isObject()) {
          unknownFields(additional, f.getValue(), childPath, false, out);
        } else if (additional == null || !additional.asBoolean(false)) {
          out.add(new Violation(childPath, "unknown field \"" + childPath + "\""));
        }
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        unknownFields(
            s == null ? null : s.get("items"), value.get(i), path + "[" + i + "]", false, out);
      }
    }
  }

  private void cel(JsonNode s, JsonNode value, JsonNode old, String path, List<Violation> out) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return;
    }
    if (value.isObject()) {
      JsonNode props = s.path("properties");
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        JsonNode child = value.get(p.getKey());
        JsonNode oldChild = old == null ? null : old.get(p.getKey());
        cel(p.getValue(), child, oldChild, join(path, p.getKey()), out);
      }
    } else if (value.isArray() && s.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        // list items are correlated with the old object only for listType map/set, which these CRDs
        // do not use
        cel(s.get("items"), value.get(i), null, path + "[" + i + "]", out);
      }
    }
    List<CelRule> here = rules.getOrDefault(s, List.of());
    if (here.isEmpty()) {
      return;
    }
    Object self = CelValues.of(value);
    Object oldSelf = old == null || old.isNull() ? null : CelValues.of(old);
    for (CelRule rule : here) {
      if (rule.transition && oldSelf == null && !rule.optionalOldSelf) {
        continue; // transition rules run on updates only
      }
      String message = rule.check(self, oldSelf);
      if (message != null) {
        out.add(new Violation(fieldPath(path, rule.fieldPath), message));
      }
    }
  }

  private static String fieldPath(String path, String rulePath) {
    if (rulePath.isEmpty()) {
      return path;
    }
    String rel = rulePath.startsWith(".") ? rulePath.substring(1) : rulePath;
    return join(path, rel);
  }

  static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private void compileRules(JsonNode s) {
    JsonNode v = s.get("x-kubernetes-validations");
    if (v != null && v.isArray()) {
      List<CelRule> list = new ArrayList<>();
      for (JsonNode r : v) {
        try {
          list.add(
              new CelRule(
                  r.path("rule").asText(),
                  text(r, "message"),
                  text(r, "messageExpression"),
                  text(r, "fieldPath"),
                  r.path("optionalOldSelf").asBoolean(false)));
        } catch (IllegalArgumentException e) {
          if (!foreign) {
            throw e;
          }
          notEvaluated.add(r.path("rule").asText());
        }
      }
      rules.put(s, list);
    }
    s.path("properties").forEach(this::compileRules);
    if (s.has("items")) {
      compileRules(s.get("items"));
    }
    if (s.path("additionalProperties").isObject()) {
      compileRules(s.get("additionalProperties"));
    }
  }

  /** Number of CEL rules in the CRD (for tests and the validate summary). */
  public int ruleCount() {
    return rules.values().stream().mapToInt(List::size).sum();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /**
   * The schema without Kubernetes extensions and descriptions: what a JSON-schema validator
   * understands.
   */
  private static JsonNode plainJsonSchema(JsonNode s) {
    JsonNode copy = s.deepCopy();
    strip(copy, new HashSet<>());
    return copy;
  }

  private static void strip(JsonNode n, Set<JsonNode> seen) {
    if (n instanceof ObjectNode o) {
      List<String> drop = new ArrayList<>();
      o.fieldNames()
          .forEachRemaining(
              f -> {
                if (f.startsWith("x-kubernetes-")
                    || f.equals("description")
                    || f.equals("nullable")) {
                  drop.add(f);
                }
              });
      o.remove(drop);
      if (o.has("properties")) {
        o.get("properties").forEach(c -> strip(c, seen));
      }
      if (o.has("items")) {
        strip(o.get("items"), seen);
      }
      if (o.path("additionalProperties").isObject()) {
        strip(o.get("additionalProperties"), seen);
      }
    }
  }
}
