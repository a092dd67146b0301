package dev.platform.genai.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator image carries the runtime only: whatever the Dockerfile copies (the jar and its
 * lib/, as built by the runtime module before this one) holds no mock API server, no mockwebserver3
 * and no sandbox class.
 */
class ImageContentsTest {
  static final List<String> FORBIDDEN_JARS =
      List.of(
          "mockwebserver3",
          "kubernetes-server-mock",
          "genai-sandbox",
          "genai-local",
          "mockwebserver");
  static final List<String> FORBIDDEN_CLASSES =
      List.of(
          "dev/platform/genai/sandbox/",
          "mockwebserver3/",
          "io/fabric8/kubernetes/client/server/mock/",
          "dev/platform/genai/cli/LocalCommand");

  /** The sources of the Dockerfile's COPY instructions, relative to the repository root. */
  static List<Path> copied() throws IOException {
    Path root = TestFiles.repoRoot();
    List<Path> out = new ArrayList<>();
    for (String line : Files.readAllLines(root.resolve("Dockerfile"))) {
      String[] words = line.trim().split("\\s+");
      if (words.length >= 3 && words[0].equals("COPY")) {
        for (int i = 1; i < words.length - 1; i++) {
          out.add(root.resolve(words[i]));
        }
      }
    }
    return out;
  }

  @Test
  void whatTheDockerfileCopiesHoldsNoMockNoFakeAndNoSandbox() throws IOException {
    List<Path> sources = copied();
    assertThat(sources).as("the Dockerfile copies the jar and lib/").hasSizeGreaterThanOrEqualTo(2);
    List<Path> jars = new ArrayList<>();
    for (Path source : sources) {
      assertThat(source).as("%s is built before this module's tests (mvn verify)", source).exists();
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.list(source)) {
          files.filter(f -> f.toString().endsWith(".jar")).forEach(jars::add);
        }
      } else {
        jars.add(source);
      }
    }
    assertThat(jars).as("the runtime's jar and its dependencies").hasSizeGreaterThan(20);
    List<String> found = new ArrayList<>();
    for (Path jar : jars) {
      String name = jar.getFileName().toString();
      FORBIDDEN_JARS.stream().filter(name::startsWith).forEach(f -> found.add(name));
      try (JarFile file = new JarFile(jar.toFile())) {
        file.stream()
            .map(e -> e.getName())
            .filter(entry -> FORBIDDEN_CLASSES.stream().anyMatch(entry::startsWith))
            .limit(3)
            .forEach(entry -> found.add(name + "!" + entry));
      }
    }
    assertThat(found).as("mocks, fakes or sandbox classes in the image").isEmpty();
  }
}
