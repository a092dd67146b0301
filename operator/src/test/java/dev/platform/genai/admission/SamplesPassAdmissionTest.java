package dev.platform.genai.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SamplesPassAdmissionTest {
  @Test
  void everySampleIsAdmitted() throws IOException {
    int checked = 0;
    try (Stream<Path> files = Files.list(TestFiles.samples())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        var doc = TestFiles.yaml(f);
        CrdValidator v = AdmissionRules.forKind(doc.path("kind").asText()).orElseThrow();
        assertThat(v.validate(doc)).as(f.getFileName().toString()).isEmpty();
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(4);
  }
}
