package dev.platform.genai.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The API server's audit log (level Metadata, one JSON event a line): the server's own record of
 * who asked for what and what it answered. Tests read it to count the operator's requests and
 * writes, and to find every request its identity was refused.
 */
public record AuditLog(Path file) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request, as the API server audited it. */
  public record Request(
      String user,
      String verb,
      String apiGroup,
      String resource,
      String subresource,
      String namespace,
      String name,
      int code,
      String uri,
      String userAgent,
      java.util.Map<String, String> annotations) {
    /** "group/resource[/subresource]:verb", as RBAC rules name a permission (core group empty). */
    public String permission() {
      return apiGroup
          + "/"
          + resource
          + (subresource.isEmpty() ? "" : "/" + subresource)
          + ":"
          + verb;
    }

    public boolean isWrite() {
      return List.of("create", "update", "patch", "delete", "deletecollection").contains(verb);
    }
  }

  /** Every request audited so far. */
  public List<Request> requests() {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<Request> out = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank()) {
          continue;
        }
        JsonNode e;
        try {
          e = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException incomplete) {
          if (i == lines.size() - 1) {
            break; // the server is still writing its last event
          }
          throw incomplete;
        }
        JsonNode ref = e.path("objectRef");
        out.add(
            new Request(
                // who acted: the impersonated user where someone impersonated (kubectl --as)
                e.has("impersonatedUser")
                    ? e.path("impersonatedUser").path("username").asText()
                    : e.path("user").path("username").asText(),
                e.path("verb").asText(),
                ref.path("apiGroup").asText(),
                ref.path("resource").asText(),
                ref.path("subresource").asText(),
                ref.path("namespace").asText(),
                ref.path("name").asText(),
                e.path("responseStatus").path("code").asInt(),
                e.path("requestURI").asText(),
                e.path("userAgent").asText(),
                annotations(e.path("annotations"))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * The requests of one user (a ServiceAccount is {@code system:serviceaccount:NAMESPACE:NAME}).
   */
  /**
   * The requests of this user, but those a test made with its credentials on purpose (user agent
   * {@link #TEST_AS_USER_AGENT}: e.g. what the operator's token must be refused): the user's own.
   */
  public List<Request> by(String user) {
    return requests().stream()
        .filter(r -> r.user().equals(user) && !r.userAgent().startsWith(TEST_AS_USER_AGENT))
        .toList();
  }

  /** The user agent of a test acting with someone else's credentials, to be told apart. */
  public static final String TEST_AS_USER_AGENT = "genai-test-as";

  public List<Request> matching(Predicate<Request> p) {
    return requests().stream().filter(p).toList();
  }

  /**
   * The event's audit annotations: the API server's own (authorization decision) and those of
   * admission policies, keyed {@code <policy>/<key>}.
   */
  private static java.util.Map<String, String> annotations(JsonNode a) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    a.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
    return out;
  }
}
