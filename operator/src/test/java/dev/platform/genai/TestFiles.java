package dev.platform.genai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Paths of the repository's own folders (samples/, crds/, charts/) as seen from the operator
 * module.
 */
public final class TestFiles {
  private TestFiles() {}

  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("samples"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the repository root (a folder with samples/)");
    }
    return p;
  }

  public static Path samples() {
    return repoRoot().resolve("samples");
  }

  public static JsonNode yaml(Path p) {
    try {
      return YAML.readTree(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Path> projectSamples() {
    try (Stream<Path> s = Files.list(samples())) {
      return s.filter(f -> f.toString().endsWith(".yaml"))
          .filter(f -> "GenAIProject".equals(yaml(f).path("kind").asText()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
