package dev.platform.genai.values;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {
  /**
   * Pairs checked against the API server's canonical form (k8s.io/apimachinery resource.Quantity).
   */
  @ParameterizedTest
  @CsvSource({
    "1024Mi, 1Gi", "1000m, 1", "0.5, 500m", "2000, 2k", "1.5Gi, 1536Mi", "64Gi, 64Gi", "16, 16",
    "128974848, 128974848", "100m, 100m", "0, 0", "0Gi, 0", "1e3, 1k", "512Mi, 512Mi", "1536, 1536",
    "2048Ki, 2Mi", "1.5, 1500m", "250m, 250m", "32G, 32G", "0.1Gi, 107374182400m", "500Ki, 500Ki",
        "1Ki, 1Ki"
  })
  void canonicalFormIsWhatTheApiServerStores(String in, String canonical) {
    assertThat(Quantities.canonical(in)).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lots", "32 GB", "1.2.3", "-1", "Gi", ""})
  void notAQuantity(String in) {
    assertThat(Quantities.parse(in)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"1Gi, 1024Mi", "1, 1000m", "2k, 2000"})
  void equalValuesCompareEqual(String a, String b) {
    assertThat(Quantities.parse(a).orElseThrow().compareTo(Quantities.parse(b).orElseThrow()))
        .isZero();
  }
}
