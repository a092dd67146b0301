package dev.platform.genai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The admission fixtures: each is a sample from samples/ (base) plus a JSON merge patch (RFC 7386),
 * and the exact violations ("path: message") the API server would answer.
 */
public final class Fixtures {
  private Fixtures() {}

  public record Invalid(String name, JsonNode document, List<String> expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  public record Transition(String name, JsonNode old, JsonNode updated, List<String> expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static Path folder(String name) {
    return TestFiles.repoRoot().resolve("operator/src/test/resources/admission").resolve(name);
  }

  public static List<Invalid> invalid() {
    List<Invalid> out = new ArrayList<>();
    for (Path f : list(folder("invalid"))) {
      JsonNode fx = TestFiles.yaml(f);
      JsonNode base = TestFiles.yaml(TestFiles.samples().resolve(fx.path("base").asText()));
      out.add(new Invalid(name(f), mergePatch(base, fx.path("patch")), strings(fx.path("expect"))));
    }
    return out;
  }

  public static List<Transition> transitions() {
    List<Transition> out = new ArrayList<>();
    for (Path f : list(folder("transitions"))) {
      JsonNode fx = TestFiles.yaml(f);
      JsonNode base = TestFiles.yaml(TestFiles.samples().resolve(fx.path("base").asText()));
      JsonNode old = mergePatch(base, fx.path("old"));
      out.add(
          new Transition(
              name(f), old, mergePatch(old, fx.path("new")), strings(fx.path("expect"))));
    }
    return out;
  }

  /** RFC 7386: objects merge recursively, null removes, anything else replaces. */
  public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (patch == null || patch.isMissingNode()) {
      return target.deepCopy();
    }
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : TestFiles.YAML.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
      }
    }
    return result;
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(e.asText()));
    return out;
  }

  private static String name(Path f) {
    return f.getFileName().toString().replaceFirst("\\.yaml$", "");
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
