package dev.platform.genai.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.genai.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * crds/ holds exactly what the build generates from the Java API, and its rules are standard CEL.
 */
class CrdFilesTest {
  private static final Path GENERATED =
      TestFiles.repoRoot().resolve("operator/target/classes/META-INF/fabric8");

  @Test
  void committedCrdsEqualGeneratedOnes() throws IOException {
    List<Path> generated = yamls(GENERATED);
    assertThat(generated).hasSizeGreaterThanOrEqualTo(2);
    for (Path g : generated) {
      Path committed = TestFiles.repoRoot().resolve("crds").resolve(g.getFileName());
      assertThat(committed)
          .as("crds/%s is missing: copy %s into crds/", g.getFileName(), g)
          .exists();
      assertThat(Files.readString(committed))
          .as(
              "crds/%s differs from what the build generates; run: cp %s/*.yml crds/",
              g.getFileName(), GENERATED)
          .isEqualTo(Files.readString(g));
    }
    assertThat(yamls(TestFiles.repoRoot().resolve("crds")))
        .as("crds/ has files the build no longer generates")
        .hasSameSizeAs(generated);
  }

  @Test
  void everyRuleOfEveryCrdCompilesAsStandardCel() {
    assertThat(AdmissionRules.project().ruleCount()).isGreaterThan(30);
    assertThat(AdmissionRules.policy().ruleCount()).isGreaterThan(5);
  }

  @Test
  void kubernetesCelExtensionsAreRejected() {
    // isSorted() is a Kubernetes list extension; a real cluster accepts it but nothing offline
    // could check it.
    assertThatThrownBy(() -> new CelRule("self.isSorted()", "m", null, null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("standard CEL");
  }

  private static List<Path> yamls(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
    }
  }
}
