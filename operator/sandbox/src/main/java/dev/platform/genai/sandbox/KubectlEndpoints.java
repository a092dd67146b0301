package dev.platform.genai.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What kubectl needs that the CRUD mock does not serve: version, discovery (built-in kinds and the
 * CRDs in the store), the Table form of our custom resources (printer columns), a minimal OpenAPI
 * v3 so {@code create} and {@code apply} validate server-side, and a polling answer to plain-HTTP
 * watches so {@code kubectl wait} works. The mock answers any path it cannot parse with a list of
 * every object, so these are answered first.
 */
final class KubectlEndpoints {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Built-in resources the sandbox serves: group/version, plural, kind, namespaced, short names.
   */
  private record Builtin(
      String groupVersion,
      String plural,
      String kind,
      boolean namespaced,
      List<String> shortNames) {}

  private static final List<Builtin> BUILTINS =
      List.of(
          new Builtin("v1", "namespaces", "Namespace", false, List.of("ns")),
          new Builtin("v1", "serviceaccounts", "ServiceAccount", true, List.of("sa")),
          new Builtin("v1", "resourcequotas", "ResourceQuota", true, List.of("quota")),
          new Builtin("v1", "limitranges", "LimitRange", true, List.of("limits")),
          new Builtin("v1", "events", "Event", true, List.of("ev")),
          new Builtin("v1", "configmaps", "ConfigMap", true, List.of("cm")),
          new Builtin("v1", "secrets", "Secret", true, List.of()),
          new Builtin("v1", "services", "Service", true, List.of("svc")),
          new Builtin("v1", "pods", "Pod", true, List.of("po")),
          new Builtin("apps/v1", "deployments", "Deployment", true, List.of("deploy")),
          new Builtin(
              "rbac.authorization.k8s.io/v1", "rolebindings", "RoleBinding", true, List.of()),
          new Builtin(
              "rbac.authorization.k8s.io/v1", "clusterroles", "ClusterRole", false, List.of()),
          new Builtin(
              "networking.k8s.io/v1", "networkpolicies", "NetworkPolicy", true, List.of("netpol")),
          new Builtin("coordination.k8s.io/v1", "leases", "Lease", true, List.of()),
          new Builtin(
              "apiextensions.k8s.io/v1",
              "customresourcedefinitions",
              "CustomResourceDefinition",
              false,
              List.of("crd", "crds")));

  private final KubernetesCrudDispatcher crud;

  KubectlEndpoints(KubernetesCrudDispatcher crud) {
    this.crud = crud;
  }

  Optional<MockResponse> answer(RecordedRequest request) {
    String full = request.getPath() == null ? "" : request.getPath();
    int q = full.indexOf('?');
    String path = q < 0 ? full : full.substring(0, q);
    String query = q < 0 ? "" : full.substring(q + 1);
    if (!"GET".equals(request.getMethod())) {
      return Optional.empty();
    }
    try {
      if (path.equals("/version")) {
        return json(
            "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0-sandbox\",\"platform\":"
                + "\"linux/amd64\"}");
      }
      if (path.equals("/api")) {
        return json(
            "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}");
      }
      if (path.equals("/api/v1")) {
        return json(resourceList("v1"));
      }
      if (path.equals("/apis")) {
        return json(groupList());
      }
      if (path.startsWith("/apis/") && path.split("/").length == 4) {
        String gv = path.substring("/apis/".length());
        String list = resourceList(gv);
        return list == null ? notFound() : json(list);
      }
      if (path.equals("/openapi/v2")) {
        return notFound();
      }
      if (path.startsWith("/openapi/v3")) {
        return openApi(path);
      }
      if (query.contains("watch=true") && !isWebSocket(request)) {
        return Optional.of(pollingWatch(path, query));
      }
      String accept = request.getHeader("Accept");
      if (accept != null
          && accept.contains("as=Table")
          && path.startsWith("/apis/genai.platform.dev/")) {
        return table(request, path);
      }
    } catch (Exception e) {
      return Optional.of(
          new MockResponse()
              .setResponseCode(500)
              .setBody("{\"kind\":\"Status\",\"message\":\"" + e.getMessage() + "\"}"));
    }
    return Optional.empty();
  }

  private static boolean isWebSocket(RecordedRequest r) {
    String upgrade = r.getHeader("Upgrade");
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  private List<JsonNode> crds() throws Exception {
    MockResponse r = crud.handleGet("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
    JsonNode list = JSON.readTree(r.getBody().readUtf8());
    List<JsonNode> out = new ArrayList<>();
    list.path("items").forEach(out::add);
    return out;
  }

  private String groupList() throws Exception {
    ObjectNode root = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = root.putArray("groups");
    Set<String> seen = new LinkedHashSet<>();
    BUILTINS.stream().map(Builtin::groupVersion).filter(gv -> gv.contains("/")).forEach(seen::add);
    for (JsonNode crd : crds()) {
      crd.path("spec")
          .path("versions")
          .forEach(
              v ->
                  seen.add(
                      crd.path("spec").path("group").asText() + "/" + v.path("name").asText()));
    }
    for (String gv : seen) {
      String group = gv.substring(0, gv.indexOf('/'));
      ObjectNode g = groups.addObject().put("name", group);
      g.putArray("versions")
          .addObject()
          .put("groupVersion", gv)
          .put("version", gv.substring(gv.indexOf('/') + 1));
      g.putObject("preferredVersion")
          .put("groupVersion", gv)
          .put("version", gv.substring(gv.indexOf('/') + 1));
    }
    return JSON.writeValueAsString(root);
  }

  private String resourceList(String groupVersion) throws Exception {
    ObjectNode root =
        JSON.createObjectNode()
            .put("kind", "APIResourceList")
            .put("apiVersion", "v1")
            .put("groupVersion", groupVersion);
    ArrayNode resources = root.putArray("resources");
    boolean any = false;
    for (Builtin b : BUILTINS) {
      if (b.groupVersion().equals(groupVersion)) {
        any = true;
        ObjectNode r =
            resources
                .addObject()
                .put("name", b.plural())
                .put("singularName", "")
                .put("namespaced", b.namespaced())
                .put("kind", b.kind());
        verbs(r.putArray("verbs"));
        ArrayNode sn = r.putArray("shortNames");
        b.shortNames().forEach(sn::add);
      }
    }
    for (JsonNode crd : crds()) {
      JsonNode spec = crd.path("spec");
      for (JsonNode v : spec.path("versions")) {
        if (!(spec.path("group").asText() + "/" + v.path("name").asText()).equals(groupVersion)) {
          continue;
        }
        any = true;
        JsonNode names = spec.path("names");
        ObjectNode r =
            resources
                .addObject()
                .put("name", names.path("plural").asText())
                .put("singularName", names.path("singular").asText())
                .put("namespaced", "Namespaced".equals(spec.path("scope").asText()))
                .put("kind", names.path("kind").asText());
        verbs(r.putArray("verbs"));
        r.set(
            "shortNames",
            names.path("shortNames").isMissingNode()
                ? JSON.createArrayNode()
                : names.path("shortNames"));
        if (v.path("subresources").has("status")) {
          ObjectNode s =
              resources
                  .addObject()
                  .put("name", names.path("plural").asText() + "/status")
                  .put("singularName", "")
                  .put("namespaced", "Namespaced".equals(spec.path("scope").asText()))
                  .put("kind", names.path("kind").asText());
          s.putArray("verbs").add("get").add("patch").add("update");
        }
      }
    }
    return any ? JSON.writeValueAsString(root) : null;
  }

  private static void verbs(ArrayNode a) {
    List.of("create", "delete", "get", "list", "patch", "update", "watch").forEach(a::add);
  }

  /**
   * A Table of our custom resources, columns from the CRD's printer columns, as the API server
   * renders them.
   */
  private Optional<MockResponse> table(RecordedRequest request, String path) throws Exception {
    String[] parts = path.split("/"); // /apis/G/V/PLURAL[/NAME]
    if (parts.length < 5) {
      return Optional.empty();
    }
    JsonNode crd =
        crds().stream()
            .filter(c -> c.path("spec").path("names").path("plural").asText().equals(parts[4]))
            .findFirst()
            .orElse(null);
    if (crd == null) {
      return Optional.empty();
    }
    MockResponse underlying = crud.handleGet(path);
    if (underlying.code() != 200) {
      return Optional.of(underlying);
    }
    JsonNode body = JSON.readTree(underlying.getBody().readUtf8());
    List<JsonNode> items = new ArrayList<>();
    if (body.has("items")) {
      body.path("items").forEach(items::add);
    } else {
      items.add(body);
    }
    JsonNode columns = crd.path("spec").path("versions").get(0).path("additionalPrinterColumns");
    ObjectNode table =
        JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table
        .putObject("metadata")
        .put("resourceVersion", body.path("metadata").path("resourceVersion").asText(""));
    ArrayNode defs = table.putArray("columnDefinitions");
    defs.addObject()
        .put("name", "Name")
        .put("type", "string")
        .put("format", "name")
        .put("priority", 0)
        .put("description", "Name of the resource");
    columns.forEach(
        c ->
            defs.addObject()
                .put("name", c.path("name").asText())
                .put(
                    "type",
                    "date".equals(c.path("type").asText()) ? "string" : c.path("type").asText())
                .put("format", "")
                .put("priority", c.path("priority").asInt(0))
                .put("description", c.path("description").asText("")));
    ArrayNode rows = table.putArray("rows");
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(item.path("metadata").path("name").asText());
      for (JsonNode c : columns) {
        String v = SimpleJsonPath.read(item, c.path("jsonPath").asText());
        cells.add("date".equals(c.path("type").asText()) ? age(v) : v == null ? "" : v);
      }
      ObjectNode partial =
          JSON.createObjectNode()
              .put("kind", "PartialObjectMetadata")
              .put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", item.path("metadata"));
      row.set("object", includeObject(request) ? item : partial);
    }
    return json(JSON.writeValueAsString(table));
  }

  private static boolean includeObject(RecordedRequest r) {
    String p = r.getPath();
    return p != null && p.contains("includeObject=Object");
  }

  static String age(String timestamp) {
    if (timestamp == null || timestamp.isEmpty()) {
      return "<unknown>";
    }
    Duration d = Duration.between(Instant.parse(timestamp), Instant.now());
    long s = Math.max(0, d.getSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return (s / 60) + "m";
    }
    if (s < 172800) {
      return (s / 3600) + "h";
    }
    return (s / 86400) + "d";
  }

  /**
   * The mock's watch speaks only WebSocket; kubectl's is plain HTTP. Answer with the current
   * objects as ADDED events after a short wait, then end the stream: kubectl wait re-lists and
   * re-watches until its condition holds.
   */
  private MockResponse pollingWatch(String path, String query) throws Exception {
    Thread.sleep(500);
    MockResponse current = crud.handleGet(path);
    StringBuilder b = new StringBuilder();
    if (current.code() == 200) {
      JsonNode body = JSON.readTree(current.getBody().readUtf8());
      List<JsonNode> items = new ArrayList<>();
      if (body.has("items")) {
        body.path("items").forEach(items::add);
      }
      String fieldName = fieldSelectorName(query);
      for (JsonNode item : items) {
        if (fieldName == null || fieldName.equals(item.path("metadata").path("name").asText())) {
          ObjectNode event = JSON.createObjectNode().put("type", "MODIFIED");
          event.set("object", item);
          b.append(JSON.writeValueAsString(event)).append('\n');
        }
      }
    }
    return new MockResponse()
        .setResponseCode(200)
        .addHeader("Content-Type", "application/json")
        .setBody(b.toString());
  }

  private static String fieldSelectorName(String query) {
    for (String kv : query.split("&")) {
      String decoded = URLDecoder.decode(kv, StandardCharsets.UTF_8);
      if (decoded.startsWith("fieldSelector=metadata.name=")) {
        return decoded.substring("fieldSelector=metadata.name=".length());
      }
    }
    return null;
  }

  /**
   * Just enough OpenAPI v3 for kubectl to validate server-side and apply custom resources by merge
   * patch.
   */
  private Optional<MockResponse> openApi(String path) throws Exception {
    if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
      ObjectNode root = JSON.createObjectNode();
      ObjectNode paths = root.putObject("paths");
      for (JsonNode crd : crds()) {
        for (JsonNode v : crd.path("spec").path("versions")) {
          String gv =
              "apis/" + crd.path("spec").path("group").asText() + "/" + v.path("name").asText();
          paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=sandbox");
        }
      }
      return json(JSON.writeValueAsString(root));
    }
    String gv = path.substring("/openapi/v3/".length());
    ObjectNode root =
        null; // every kind of the group-version in one document, as the API server serves it
    for (JsonNode crd : crds()) {
      JsonNode spec = crd.path("spec");
      for (JsonNode v : spec.path("versions")) {
        if (!gv.equals("apis/" + spec.path("group").asText() + "/" + v.path("name").asText())) {
          continue;
        }
        String plural = spec.path("names").path("plural").asText();
        String kind = spec.path("names").path("kind").asText();
        String group = spec.path("group").asText();
        String version = v.path("name").asText();
        String schemaName = group + "." + version + "." + kind;
        if (root == null) {
          root = JSON.createObjectNode().put("openapi", "3.0.0");
          root.putObject("info").put("title", "sandbox").put("version", "v1.32.0");
          root.putObject("paths");
          root.putObject("components").putObject("schemas");
        }
        ObjectNode op =
            ((ObjectNode) root.get("paths"))
                .putObject("/apis/" + group + "/" + version + "/" + plural + "/{name}")
                .putObject("patch");
        op.putObject("x-kubernetes-group-version-kind")
            .put("group", group)
            .put("version", version)
            .put("kind", kind);
        op.putArray("parameters")
            .addObject()
            .put("name", "fieldValidation")
            .put("in", "query")
            .putObject("schema")
            .put("type", "string");
        op.putObject("requestBody")
            .putObject("content")
            .putObject("application/merge-patch+json")
            .putObject("schema")
            .put("$ref", "#/components/schemas/" + schemaName);
        op.putObject("responses").putObject("200").put("description", "OK");
        ObjectNode schema = ((ObjectNode) v.path("schema").path("openAPIV3Schema")).deepCopy();
        ArrayNode gvk = schema.putArray("x-kubernetes-group-version-kind");
        gvk.addObject().put("group", group).put("version", version).put("kind", kind);
        ((ObjectNode) root.get("components").get("schemas")).set(schemaName, schema);
      }
    }
    return root == null ? notFound() : json(JSON.writeValueAsString(root));
  }

  private static Optional<MockResponse> json(String body) {
    return Optional.of(
        new MockResponse()
            .setResponseCode(200)
            .addHeader("Content-Type", "application/json")
            .setBody(body));
  }

  private static Optional<MockResponse> notFound() {
    return Optional.of(
        new MockResponse()
            .setResponseCode(404)
            .addHeader("Content-Type", "application/json")
            .setBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
                    + "\"code\":404}"));
  }
}
