package dev.platform.genai.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.genai.TestFiles;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated CRDs on the real API server: installed from the chart (the same files as crds/),
 * Established, and what `kubectl explain` shows a user comes from the server's published OpenAPI —
 * every field's description and every enum of our schemas is there. A CRD the server refuses (a CEL
 * rule over its cost budget, a function its CEL library lacks) fails {@link RealCluster#shared()}
 * with the server's message.
 */
class CrdsOnRealServerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static RealCluster cluster;

  @BeforeAll
  static void start() {
    cluster = RealCluster.shared();
  }

  static List<JsonNode> committedCrds() throws IOException {
    try (Stream<Path> files = Files.list(TestFiles.repoRoot().resolve("crds"))) {
      return files.sorted().map(TestFiles::yaml).toList();
    }
  }

  @Test
  void everyCommittedCrdIsServedAndEstablished() throws IOException {
    try (KubernetesClient admin = cluster.admin()) {
      for (JsonNode crd : committedCrds()) {
        String name = crd.path("metadata").path("name").asText();
        CustomResourceDefinition served =
            admin.apiextensions().v1().customResourceDefinitions().withName(name).get();
        assertThat(served).as(name).isNotNull();
        assertThat(served.getStatus().getConditions())
            .as(name)
            .anySatisfy(
                c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Established=True"))
            .anySatisfy(
                c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("NamesAccepted=True"));
        // what the server stores is what the chart and crds/ say (no rule dropped or rewritten on
        // the way)
        JsonNode stored =
            JSON.readTree(
                admin.raw("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + name));
        assertThat(
                differences(
                    "",
                    stored.path("spec").path("versions").get(0).path("schema"),
                    crd.path("spec").path("versions").get(0).path("schema")))
            .as(name)
            .isEmpty();
      }
    }
  }

  @Test
  void theServersOpenApiCarriesEveryDescriptionAndEnum() throws IOException {
    int fields = 0;
    try (KubernetesClient admin = cluster.admin()) {
      JsonNode published = JSON.readTree(admin.raw("/openapi/v3/apis/genai.platform.dev/v1alpha1"));
      for (JsonNode crd : committedCrds()) {
        String kind = crd.path("spec").path("names").path("kind").asText();
        JsonNode ours =
            crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
        JsonNode theirs =
            published.path("components").path("schemas").path("dev.platform.genai." + kind);
        if (theirs.isMissingNode()) { // the server names schemas after the group, reversed
          theirs =
              published
                  .path("components")
                  .path("schemas")
                  .path("dev.platform.genai.v1alpha1." + kind);
        }
        assertThat(theirs.isMissingNode())
            .as(
                "the server publishes %s (schemas: %s)",
                kind, names(published.path("components").path("schemas")))
            .isFalse();
        fields += compare(kind, ours, theirs, published);
      }
    }
    assertThat(fields).as("fields compared").isGreaterThan(100);
  }

  /** The paths where two JSON trees differ (numbers compared by value). */
  static List<String> differences(String path, JsonNode a, JsonNode b) {
    List<String> out = new ArrayList<>();
    if (a.isNumber() && b.isNumber()) {
      if (a.decimalValue().compareTo(b.decimalValue()) != 0) {
        out.add(path + ": " + a + " != " + b);
      }
    } else if (a.isObject() && b.isObject()) {
      java.util.Set<String> keys = new java.util.TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        out.addAll(differences(path + "." + k, a.path(k), b.path(k)));
      }
    } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        out.addAll(differences(path + "[" + i + "]", a.get(i), b.get(i)));
      }
    } else if (!a.equals(b)) {
      out.add(path + ": " + a + " != " + b);
    }
    return out;
  }

  /**
   * Every property of ours has its description and enum in the published schema; returns how many
   * were compared.
   */
  private static int compare(String path, JsonNode ours, JsonNode theirs, JsonNode published) {
    theirs = resolve(theirs, published);
    int n = 0;
    if (ours.has("description")) {
      assertThat(theirs.path("description").asText())
          .as(path + " description")
          .isEqualTo(ours.path("description").asText());
      n++;
    }
    if (ours.has("enum")) {
      assertThat(theirs.path("enum")).as(path + " enum").isEqualTo(ours.path("enum"));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = ours.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      if (path.indexOf('.') < 0 && List.of("apiVersion", "kind", "metadata").contains(p.getKey())) {
        continue; // the server publishes its own ObjectMeta and type fields
      }
      n +=
          compare(
              path + "." + p.getKey(),
              p.getValue(),
              theirs.path("properties").path(p.getKey()),
              published);
    }
    if (ours.has("items")) {
      n += compare(path + "[]", ours.get("items"), theirs.path("items"), published);
    }
    if (ours.path("additionalProperties").isObject()) {
      n +=
          compare(
              path + "{}",
              ours.get("additionalProperties"),
              theirs.path("additionalProperties"),
              published);
    }
    return n;
  }

  /** A published schema may be a reference (allOf: [$ref]) to a component. */
  private static JsonNode resolve(JsonNode s, JsonNode published) {
    JsonNode ref = s.has("$ref") ? s.get("$ref") : s.path("allOf").path(0).path("$ref");
    if (ref.isTextual()) {
      String name = ref.asText().substring(ref.asText().lastIndexOf('/') + 1);
      JsonNode target = published.path("components").path("schemas").path(name);
      return s.has("description") && !target.has("description") ? s : target;
    }
    return s;
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void kubectlExplainShowsWhatAUserNeeds() throws Exception {
    String explained = kubectl("explain", "genaiproject.spec.dataClassification");
    assertThat(explained)
        .contains(
            "KIND:       GenAIProject",
            "ENUM:",
            "Public",
            "Internal",
            "Confidential",
            "Restricted",
            "It may be raised but never lowered");
    assertThat(kubectl("explain", "genaiproject.spec.budget"))
        .contains("monthlyLimit", "alertThresholds");
    assertThat(kubectl("explain", "genaiplatformpolicy.spec")).contains("namespacePrefix");
    assertThat(kubectl("explain", "genaiprojectapproval.spec")).contains("approvedBy", "digest");
  }

  /**
   * The kubectl built with the control plane (the installed one is older than the skew policy
   * allows).
   */
  static String kubectl(String... args) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                cluster.binaries.kubectl().toString(),
                "--kubeconfig",
                cluster.controlPlane.adminKubeconfig().toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", args) + ": " + out).isZero();
    return out;
  }
}
