package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.Fixtures;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIProject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every invalid fixture, applied as if admission had been bypassed (an older CRD): the operator
 * names the same fields the validator names, provisions nothing, and keeps working for the valid
 * project next to them.
 */
class BadInputOperatorTest {
  @Test
  void theOperatorAndTheValidatorAgreeOnEveryInvalidFixture() throws Exception {
    try (OperatorHarness h = new OperatorHarness(Map.of())) {
      Map<String, Fixtures.Invalid> byName = new HashMap<>();
      for (Fixtures.Invalid f : Fixtures.invalid()) {
        ObjectNode doc = (ObjectNode) f.document().deepCopy();
        String name =
            f.name().startsWith("name-")
                ? doc.path("metadata").path("name").asText()
                : "fx-" + f.name();
        ((ObjectNode) doc.path("metadata")).put("name", name);
        byName.put(name, f);
        h.client
            .genericKubernetesResources("genai.platform.dev/v1alpha1", "GenAIProject")
            .resource(TestFiles.YAML.treeToValue(doc, GenericKubernetesResource.class))
            .create();
      }
      h.apply("public-pilot.yaml"); // a valid project among them
      h.awaitPhase("support-copilot", "Ready");
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                for (var e : byName.entrySet()) {
                  GenAIProject p = h.project(e.getKey());
                  assertThat(p.getStatus()).as(e.getKey()).isNotNull();
                  assertThat(p.getStatus().phase).as(e.getKey()).isEqualTo("Failed");
                }
              });
      for (var e : byName.entrySet()) {
        GenAIProject p = h.project(e.getKey());
        var ready = OperatorHarness.condition(p, "Ready").orElseThrow();
        assertThat(ready.reason).as(e.getKey()).isEqualTo("InvalidSpec");
        for (String expected : e.getValue().expect()) {
          String path = expected.substring(0, expected.indexOf(": "));
          assertThat(ready.message)
              .as("%s names %s", e.getKey(), path)
              .contains(
                  path.equals("<root>") ? "the project name must be a DNS label" : path + ":");
        }
        assertThat(h.client.namespaces().withName("genai-" + e.getKey()).get())
            .as(e.getKey())
            .isNull();
      }
      assertThat(byName).hasSizeGreaterThanOrEqualTo(50);
      List<String> reasons =
          h.client.v1().events().inNamespace("default").list().getItems().stream()
              .filter(ev -> byName.containsKey(ev.getInvolvedObject().getName()))
              .map(ev -> ev.getReason())
              .filter(
                  r ->
                      !"PolicyMissing"
                          .equals(r)) // no platform policy here: each project also says so
              .toList();
      assertThat(reasons)
          .as("a Warning Event for each")
          .hasSize(byName.size())
          .containsOnly("InvalidSpec");
    }
  }
}
