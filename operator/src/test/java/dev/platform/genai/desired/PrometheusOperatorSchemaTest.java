package dev.platform.genai.desired;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.admission.CrdValidator;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Planner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PrometheusRule and PodMonitor the operator writes, for every sample, is valid against
 * Prometheus Operator's own CRDs (prometheus-operator/README.md says which commit): schema, unknown
 * fields, CEL rules.
 */
class PrometheusOperatorSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  static CrdValidator validator(String plural) throws IOException {
    try (InputStream in =
        PrometheusOperatorSchemaTest.class
            .getClassLoader()
            .getResourceAsStream("prometheus-operator/" + plural + ".yaml")) {
      return CrdValidator.fromCrd(YAML.readTree(in), "v1");
    }
  }

  static Stream<String> samples() {
    return TestFiles.projectSamples().stream().map(Path::getFileName).map(Path::toString);
  }

  static List<HasMetadata> monitoring(String sample) {
    return monitoring(sample, false);
  }

  /** With KServe installed too, the PodMonitor relabels to KServe's metrics port. */
  static List<HasMetadata> monitoring(String sample, boolean kserve) {
    GenAIProject p = Samples.project(sample);
    List<String> apis =
        kserve
            ? List.of(InstalledApis.PROMETHEUS_OPERATOR, InstalledApis.KSERVE)
            : List.of(InstalledApis.PROMETHEUS_OPERATOR);
    return Planner.preview(
            p,
            Samples.policy(),
            InstalledApis.of(apis),
            true,
            Instant.parse("2026-11-01T00:00:00Z"))
        .objects()
        .stream()
        .filter(o -> o.getApiVersion().startsWith("monitoring.coreos.com/"))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everyMonitoringObjectIsValidAgainstPrometheusOperatorsCrd(String sample) throws IOException {
    List<HasMetadata> objects = new java.util.ArrayList<>(monitoring(sample));
    objects.addAll(monitoring(sample, true));
    assertThat(objects).extracting(HasMetadata::getKind).contains("PrometheusRule");
    for (HasMetadata o : objects) {
      CrdValidator v =
          validator(o.getKind().equals("PodMonitor") ? "podmonitors" : "prometheusrules");
      assertThat(v.validate(JSON.convertValue(o, JsonNode.class)))
          .as(sample + " " + o.getKind())
          .isEmpty();
    }
  }

  @Test
  void aProjectWithSelfHostedEndpointsGetsAPodMonitorOnTheirPods() {
    assertThat(monitoring("contract-assistant.yaml"))
        .extracting(HasMetadata::getKind)
        .containsExactly("PrometheusRule", "PodMonitor");
    assertThat(monitoring("public-pilot.yaml"))
        .extracting(HasMetadata::getKind)
        .containsExactly("PrometheusRule");
  }

  /** The validator bites: what Prometheus Operator's CRD refuses is refused here too. */
  @Test
  void whatTheCrdRefusesIsRefused() throws IOException {
    HasMetadata pm =
        monitoring("contract-assistant.yaml").stream()
            .filter(o -> o.getKind().equals("PodMonitor"))
            .findFirst()
            .orElseThrow();
    ObjectNode bad = JSON.convertValue(pm, ObjectNode.class);
    ((ObjectNode) bad.path("spec").path("podMetricsEndpoints").get(0)).put("scheme", "gopher");
    assertThat(validator("podmonitors").validate(bad)).isNotEmpty();
    HasMetadata kserve =
        monitoring("contract-assistant.yaml", true).stream()
            .filter(o -> o.getKind().equals("PodMonitor"))
            .findFirst()
            .orElseThrow();
    ObjectNode badAction = JSON.convertValue(kserve, ObjectNode.class);
    ((ObjectNode)
            badAction.path("spec").path("podMetricsEndpoints").get(0).path("relabelings").get(0))
        .put("action", "rewrite"); // not one of the relabelling actions
    assertThat(validator("podmonitors").validate(badAction)).isNotEmpty();
    ObjectNode unknown = JSON.convertValue(pm, ObjectNode.class);
    ((ObjectNode) unknown.path("spec")).put("scrapeEverything", true);
    assertThat(validator("podmonitors").validate(unknown)).isNotEmpty();
  }
}
