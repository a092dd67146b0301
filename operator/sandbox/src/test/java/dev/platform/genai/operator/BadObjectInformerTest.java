package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.TestFiles;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An object the CRD would reject, with the wrong JSON types, must not stop the operator for
 * everyone else.
 */
class BadObjectInformerTest {
  @Test
  void anObjectOfTheWrongShapeDoesNotBreakTheInformer() throws Exception {
    try (OperatorHarness h = new OperatorHarness(Map.of())) {
      var doc =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              TestFiles.yaml(TestFiles.samples().resolve("public-pilot.yaml"));
      ((com.fasterxml.jackson.databind.node.ObjectNode) doc.path("metadata"))
          .put("name", "wrong-shape");
      ((com.fasterxml.jackson.databind.node.ObjectNode) doc.path("spec").path("resources"))
          .put("gpus", "two");
      ((com.fasterxml.jackson.databind.node.ObjectNode) doc.path("spec"))
          .put("sponsor", "Bob from finance");
      GenericKubernetesResource raw =
          TestFiles.YAML.treeToValue(doc, GenericKubernetesResource.class);
      h.client
          .genericKubernetesResources("genai.platform.dev/v1alpha1", "GenAIProject")
          .resource(raw)
          .create();
      h.apply("confidential-pilot.yaml");
      h.awaitPhase("claims-summarizer", "Ready");
      var bad = h.awaitPhase("wrong-shape", "Failed");
      assertThat(OperatorHarness.condition(bad, "Ready").orElseThrow().message)
          .contains("spec.resources.gpus: Invalid value: \"two\": must be of type integer")
          .contains("spec.sponsor: Invalid value: \"Bob from finance\": must be of type object");
      assertThat(h.client.namespaces().withName("genai-wrong-shape").get()).isNull();
    }
  }
}
