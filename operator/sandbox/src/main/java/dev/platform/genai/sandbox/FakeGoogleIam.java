package dev.platform.genai.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Google's IAM REST APIs on loopback, as their wire format is documented: Resource Manager v3
 * ({@code POST /v3/projects/ID:getIamPolicy|setIamPolicy}, {@code GET /v3/projects/ID}) and IAM v1
 * ({@code POST /v1/projects/-/serviceAccounts/EMAIL:getIamPolicy|setIamPolicy}, gzipped request
 * bodies). Policies carry an etag; a set with a stale etag gets 409 ABORTED, as Google answers a
 * concurrent change. Errors use Google's JSON error body.
 */
public final class FakeGoogleIam implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockWebServer server = new MockWebServer();
  private final Map<String, ObjectNode> policies = new ConcurrentHashMap<>();
  private final Map<String, Long> projectNumbers = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final List<Function<RecordedRequest, Optional<MockResponse>>> faults =
      new CopyOnWriteArrayList<>();
  private final AtomicLong etags = new AtomicLong();
  private final java.util.Set<String> refusedRoles = ConcurrentHashMap.newKeySet();
  private final Map<String, Boolean> refusedMembers = new ConcurrentHashMap<>();
  private volatile boolean openWorld;
  private final Map<String, String[]> buckets = new ConcurrentHashMap<>();
  private final java.util.Set<String> forbiddenBuckets = ConcurrentHashMap.newKeySet();

  public FakeGoogleIam() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return handle(request);
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  /**
   * For the sandbox: every project and service account exists, with an empty policy and a made-up
   * project number, so any sample's spec.gcp goes through the real client code.
   */
  public FakeGoogleIam openWorld() {
    openWorld = true;
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public FakeGoogleIam project(String id, long number) {
    projectNumbers.put(id, number);
    policies.putIfAbsent("projects/" + id, emptyPolicy());
    return this;
  }

  /**
   * A Cloud Storage bucket at this location (as Google answers it: upper case, e.g. EUROPE-WEST4,
   * EU, EUR4) and type (region, dual-region, multi-region), for Cloud Storage's JSON API {@code GET
   * /storage/v1/b/BUCKET} this fake serves too. A bucket not declared answers 404 (or, in the open
   * world, the sandbox's region).
   */
  public FakeGoogleIam bucket(String name, String location, String type) {
    buckets.put(name, new String[] {location, type});
    return this;
  }

  /**
   * A bucket whose metadata the caller may not read: 403, as for an identity without
   * storage.buckets.get.
   */
  public FakeGoogleIam forbiddenBucket(String name) {
    forbiddenBuckets.add(name);
    return this;
  }

  private MockResponse bucket(String name) {
    calls.computeIfAbsent("getBucket", k -> new AtomicLong()).incrementAndGet();
    if (forbiddenBuckets.contains(name)) {
      return error(
          403,
          "PERMISSION_DENIED",
          "genai-operator@sandbox-gke.iam.gserviceaccount.com does not have"
              + " storage.buckets.get access to the Google Cloud Storage bucket. Permission 'storage.buckets.get' denied"
              + " on resource (or it may not exist).");
    }
    String[] at = buckets.get(name);
    if (at == null && openWorld) {
      at = new String[] {"EUROPE-WEST4", "region"};
    }
    if (at == null) {
      return error(404, "NOT_FOUND", "The specified bucket does not exist.");
    }
    // Cloud Storage's bucket resource (cloud.google.com/storage/docs/json_api/v1/buckets#resource),
    // as much as
    // the fields parameter asks for
    return ok(
        "{\"kind\":\"storage#bucket\",\"name\":\""
            + name
            + "\",\"location\":\""
            + at[0]
            + "\",\"locationType\":\""
            + at[1]
            + "\"}");
  }

  public FakeGoogleIam serviceAccount(String email) {
    policies.putIfAbsent("projects/-/serviceAccounts/" + email, emptyPolicy());
    return this;
  }

  /** A binding someone else owns, conditional or not: it must survive every write of ours. */
  public FakeGoogleIam foreignBinding(
      String resource, String role, String member, String conditionTitle) {
    synchronized (this) {
      ObjectNode b = ((ArrayNode) policies.get(resource).withArray("bindings")).addObject();
      b.put("role", role);
      b.putArray("members").add(member);
      if (conditionTitle != null) {
        ObjectNode c = b.putObject("condition");
        c.put("title", conditionTitle);
        c.put("expression", "request.time < timestamp('2030-01-01T00:00:00Z')");
        policies.get(resource).put("version", 3);
      }
      bumpEtag(policies.get(resource));
    }
    return this;
  }

  /** Someone else changes the policy (its etag moves). */
  public void touch(String resource) {
    synchronized (this) {
      bumpEtag(policies.get(resource));
    }
  }

  public JsonNode policy(String resource) {
    return policies.get(resource).deepCopy();
  }

  public boolean has(String resource, String role, String member) {
    for (JsonNode b : policies.get(resource).path("bindings")) {
      if (b.path("role").asText().equals(role) && !b.has("condition")) {
        for (JsonNode m : b.path("members")) {
          if (m.asText().equals(member)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Calls by "method kind", e.g. "getIamPolicy projects", "setIamPolicy serviceAccounts". */
  public Map<String, Long> calls() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public long calls(String key) {
    return calls.getOrDefault(key, new AtomicLong()).get();
  }

  public void resetCalls() {
    calls.clear();
  }

  public void fault(Function<RecordedRequest, Optional<MockResponse>> f) {
    faults.add(f);
  }

  public void clearFaults() {
    faults.clear();
    refusedRoles.clear();
    refusedMembers.clear();
  }

  /**
   * The operator's identity may not grant this role: a setIamPolicy that adds it is refused whole
   * with 403 PERMISSION_DENIED, as Google answers when the caller's own binding is conditioned on
   * api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []) without this role.
   */
  public void refuseRole(String role) {
    refusedRoles.add(role);
  }

  /**
   * An organization policy constraint (iam.allowedPolicyMemberDomains) forbids this member: a
   * setIamPolicy that adds it is refused whole with 400 FAILED_PRECONDITION, "One or more users
   * named in the policy do not belong to a permitted customer." — with {@code details}, a
   * google.rpc.PreconditionFailure violation whose subject names the member
   * (orgpolicy:projects/ID?configvalue=EMAIL, URL-encoded), as Google's errors carry it.
   */
  public void refuseMember(String member, boolean details) {
    refusedMembers.put(member, details);
  }

  /** Google's error body. */
  public static MockResponse error(int code, String status, String message) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(
            "{\"error\":{\"code\":"
                + code
                + ",\"message\":\""
                + message
                + "\",\"status\":\""
                + status
                + "\"}}")
        .build();
  }

  private MockResponse handle(RecordedRequest r) {
    String path = r.getUrl().encodedPath();
    if (path.equals("/fake/calls")) { // for a benchmark in another process: the counts, and a reset
      Map<String, Long> now = calls();
      if ("true".equals(r.getUrl().queryParameter("reset"))) {
        resetCalls();
      }
      try {
        return ok(JSON.writeValueAsString(now));
      } catch (IOException e) {
        return error(500, "INTERNAL", e.getMessage());
      }
    }
    if (path.startsWith("/storage/v1/b/")) {
      for (var f : faults) { // a fault sees Cloud Storage's requests too (e.g. a hang)
        Optional<MockResponse> answer = f.apply(r);
        if (answer.isPresent()) {
          return answer.get();
        }
      }
      return bucket(
          URLDecoder.decode(path.substring("/storage/v1/b/".length()), StandardCharsets.UTF_8));
    }
    String method =
        path.endsWith(":setIamPolicy")
            ? "setIamPolicy"
            : path.endsWith(":getIamPolicy") ? "getIamPolicy" : "getProject";
    String kind = path.contains("/serviceAccounts/") ? "serviceAccounts" : "projects";
    calls.computeIfAbsent(method + " " + kind, k -> new AtomicLong()).incrementAndGet();
    for (var f : faults) {
      Optional<MockResponse> answer = f.apply(r);
      if (answer.isPresent()) {
        return answer.get();
      }
    }
    try {
      String resource = resource(path);
      synchronized (this) {
        if (openWorld) {
          if (method.equals("getProject")) {
            projectNumbers.computeIfAbsent(
                resource.substring("projects/".length()),
                id -> 100_000_000_000L + Math.abs((long) id.hashCode()));
          } else {
            policies.computeIfAbsent(resource, k -> emptyPolicy());
          }
        }
        if (method.equals("getProject")) {
          String id = resource.substring("projects/".length());
          Long number = projectNumbers.get(id);
          return number == null
              ? error(403, "PERMISSION_DENIED", "Permission denied on resource project " + id)
              : ok(
                  "{\"name\":\"projects/"
                      + number
                      + "\",\"projectId\":\""
                      + id
                      + "\",\"state\":\"ACTIVE\"}");
        }
        ObjectNode current = policies.get(resource);
        if (current == null) {
          return error(404, "NOT_FOUND", "Resource " + resource + " not found");
        }
        if (method.equals("getIamPolicy")) {
          return ok(JSON.writeValueAsString(current));
        }
        JsonNode body = JSON.readTree(body(r));
        ObjectNode policy = (ObjectNode) body.path("policy");
        if (!policy.path("etag").asText().equals(current.path("etag").asText())) {
          return error(
              409,
              "ABORTED",
              "There were concurrent policy changes. Please retry the whole"
                  + " read-modify-write with exponential backoff.");
        }
        Optional<MockResponse> refused = refusal(resource, current, policy);
        if (refused.isPresent()) {
          return refused.get();
        }
        ObjectNode stored = policy.deepCopy();
        bumpEtag(stored);
        policies.put(resource, stored);
        return ok(JSON.writeValueAsString(stored));
      }
    } catch (IOException e) {
      return error(400, "INVALID_ARGUMENT", "bad request: " + e.getMessage());
    }
  }

  /** A write that adds a refused role or member: refused whole (see refuseRole, refuseMember). */
  private Optional<MockResponse> refusal(String resource, JsonNode current, JsonNode wanted) {
    for (JsonNode b : wanted.path("bindings")) {
      String role = b.path("role").asText();
      for (JsonNode m : b.path("members")) {
        if (members(current, role).contains(m.asText())) {
          continue; // there before: not an addition
        }
        if (refusedRoles.contains(role)) {
          return Optional.of(
              error(403, "PERMISSION_DENIED", "The caller does not have permission"));
        }
        Boolean details = refusedMembers.get(m.asText());
        if (details != null) {
          String message =
              "One or more users named in the policy do not belong to a permitted customer.";
          if (!details) {
            return Optional.of(error(400, "FAILED_PRECONDITION", message));
          }
          String email = m.asText().substring(m.asText().indexOf(':') + 1);
          String subject =
              "orgpolicy:"
                  + resource
                  + "?configvalue="
                  + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8);
          return Optional.of(
              new MockResponse.Builder()
                  .code(400)
                  .addHeader("Content-Type", "application/json")
                  .body(
                      "{\"error\":{\"code\":400,\"message\":\""
                          + message
                          + "\",\"status\":\"FAILED_PRECONDITION\","
                          + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.PreconditionFailure\",\"violations\":[{"
                          + "\"type\":\"constraints/iam.allowedPolicyMemberDomains\",\"subject\":\""
                          + subject
                          + "\","
                          + "\"description\":\"User "
                          + email
                          + " is not in permitted organization.\"}]}]}}")
                  .build());
        }
      }
    }
    return Optional.empty();
  }

  private static String resource(String path) {
    // /v3/projects/ID:getIamPolicy, /v3/projects/ID,
    // /v1/projects/-/serviceAccounts/EMAIL:setIamPolicy
    String p = path.replaceFirst("^/v[13]/", "");
    int colon = p.lastIndexOf(':');
    return URLDecoder.decode(
        colon > p.indexOf("serviceAccounts") && colon > 0 ? p.substring(0, colon) : p,
        StandardCharsets.UTF_8);
  }

  private static String body(RecordedRequest r) throws IOException {
    byte[] bytes = r.getBody() == null ? new byte[0] : r.getBody().toByteArray();
    if ("gzip".equalsIgnoreCase(r.getHeaders().get("Content-Encoding"))) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        bytes = in.readAllBytes();
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static MockResponse ok(String json) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json; charset=UTF-8")
        .body(json)
        .build();
  }

  private ObjectNode emptyPolicy() {
    ObjectNode p = JSON.createObjectNode();
    p.put("version", 1);
    bumpEtag(p);
    return p;
  }

  private void bumpEtag(ObjectNode p) {
    p.put(
        "etag",
        Base64.getEncoder()
            .encodeToString(("etag-" + etags.incrementAndGet()).getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void close() {
    server.close();
  }

  public static List<String> members(JsonNode policy, String role) {
    List<String> out = new ArrayList<>();
    for (JsonNode b : policy.path("bindings")) {
      if (b.path("role").asText().equals(role) && !b.has("condition")) {
        b.path("members").forEach(m -> out.add(m.asText()));
      }
    }
    return out;
  }
}
