package dev.platform.genai.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code local --api-server real} finds the control plane from any folder: the jar knows the cache
 * folder of the versions it was built with, the same name build.sh gives it.
 */
class BinariesTest {
  @Test
  void theJarNamesTheFoldersBuildShNames() throws Exception {
    for (String end : Binaries.END) {
      Process p =
          new ProcessBuilder(
                  "bash", TestFiles.repoRoot().resolve(Binaries.SCRIPT).toString(), "--dir", end)
              .start();
      String dir = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Binaries.builtFor(end))
          .as("operator/sandbox/src/main/resources/.../control-plane.version after a version bump")
          .isEqualTo(Path.of(dir).getFileName().toString());
    }
    assertThat(Binaries.builtFor("newest")).isNotEqualTo(Binaries.builtFor("oldest"));
  }

  @Test
  void outsideACheckoutTheCachedBinariesAreFound(@TempDir Path home) throws Exception {
    Path elsewhere = Files.createDirectories(home.resolve("somewhere/else"));
    Path dir =
        home.resolve(".cache/genai-operator/control-plane").resolve(Binaries.builtFor("oldest"));
    for (String n : Binaries.NAMES) {
      Files.createDirectories(dir.resolve(n).getParent());
      Files.writeString(dir.resolve(n), "");
    }
    Binaries.Result found = Binaries.locate(elsewhere, Map.of("HOME", home.toString()));
    assertThat(found.binaries()).map(Binaries::dir).contains(dir);
    Path other = Files.createDirectories(home.resolve("other-cache"));
    Binaries.Result nothing =
        Binaries.locate(
            elsewhere,
            Map.of("HOME", home.toString(), "GENAI_CONTROL_PLANE_CACHE", other.toString()));
    assertThat(nothing.binaries()).isEmpty();
    assertThat(nothing.why())
        .contains(other.resolve(Binaries.builtFor("oldest")).toString())
        .contains("build them once from a checkout of the repository with " + Binaries.SCRIPT)
        .contains("GENAI_CONTROL_PLANE_BIN");
  }

  @Test
  void aGivenFolderWins(@TempDir Path given) {
    Binaries.Result r =
        Binaries.locate(TestFiles.repoRoot(), Map.of("GENAI_CONTROL_PLANE_BIN", given.toString()));
    assertThat(r.binaries()).isEmpty();
    assertThat(r.why()).contains("missing in " + given);
  }

  @Test
  void theNewestEndIsLookedForWhereItsBuilt(@TempDir Path home) throws Exception {
    Binaries.Result r =
        Binaries.locate(
            Files.createDirectories(home.resolve("x")),
            Map.of("HOME", home.toString(), "GENAI_KUBERNETES", "newest"));
    assertThat(r.why()).contains(Binaries.builtFor("newest")).contains(Binaries.SCRIPT + " newest");
    assertThat(Binaries.locate(TestFiles.repoRoot(), Map.of("GENAI_KUBERNETES", "latest")).why())
        .contains("GENAI_KUBERNETES is oldest or newest, not latest");
  }
}
