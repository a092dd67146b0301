package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.model.Names;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Planner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What {@code render} prints is what the operator applies, for every sample: the objects of {@link
 * Planner#preview} (render's own function) against the objects the operator created in the sandbox,
 * field by field, with only what the API server and the framework add (owner reference, resource
 * version, uid, times) left out; and no object of the project's in the sandbox that render does not
 * print.
 */
class RenderMatchesOperatorTest {
  static final KubernetesSerialization JSON = new KubernetesSerialization();
  static final List<String> SERVER_FIELDS =
      List.of(
          "resourceVersion",
          "uid",
          "creationTimestamp",
          "generation",
          "ownerReferences",
          "managedFields");
  static final String JOSDK_PREVIOUS = "javaoperatorsdk.io/previous";

  @Test
  void renderEqualsWhatTheOperatorCreatedForEverySample() throws IOException {
    InstalledApis apis = new InstalledApis(true, false);
    try (OperatorHarness h = new OperatorHarness(null, OperatorHarness.CLOCK, () -> apis)) {
      h.client.resource(read("platform-policy.yaml", GenAIPlatformPolicy.class)).create();
      h.client
          .resource(read("contract-assistant-approval.yaml", GenAIProjectApproval.class))
          .create();
      h.client
          .resource(read("fraud-assistant-promotion-approval.yaml", GenAIProjectApproval.class))
          .create();
      List<String> samples =
          TestFiles.projectSamples().stream().map(p -> p.getFileName().toString()).toList();
      for (String sample : samples) {
        h.apply(sample);
      }
      for (String sample : samples) {
        GenAIProject project = Samples.project(sample);
        List<HasMetadata> rendered =
            Planner.preview(project, Samples.policy(), apis, true, OperatorHarness.CLOCK.instant())
                .objects();
        assertThat(rendered).as(sample).hasSizeGreaterThan(8);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> rendered.stream().allMatch(o -> stored(h, o) != null));
        Map<String, JsonNode> created = new TreeMap<>();
        Map<String, JsonNode> printed = new TreeMap<>();
        for (HasMetadata o : rendered) {
          printed.put(key(o), JSON.convertValue(o, JsonNode.class));
          created.put(key(o), withoutServerFields(stored(h, o)));
        }
        assertThat(created)
            .as(sample + ": the operator's objects, field by field")
            .isEqualTo(printed);
        String name = project.getMetadata().getName();
        String ns = h.project(name).getStatus().namespace;
        long ours =
            h.client
                    .rbac()
                    .roleBindings()
                    .inNamespace(ns)
                    .withLabel(Names.PROJECT, name)
                    .list()
                    .getItems()
                    .size()
                + h.client
                    .network()
                    .v1()
                    .networkPolicies()
                    .inNamespace(ns)
                    .withLabel(Names.PROJECT, name)
                    .list()
                    .getItems()
                    .size()
                + h.client
                    .apps()
                    .deployments()
                    .inNamespace(ns)
                    .withLabel(Names.PROJECT, name)
                    .list()
                    .getItems()
                    .size()
                + h.client
                    .configMaps()
                    .inNamespace(ns)
                    .withLabel(Names.PROJECT, name)
                    .list()
                    .getItems()
                    .size();
        assertThat(ours)
            .as(sample + ": nothing the render does not print")
            .isEqualTo(
                rendered.stream()
                    .filter(
                        o ->
                            List.of("RoleBinding", "NetworkPolicy", "Deployment", "ConfigMap")
                                .contains(o.getKind()))
                    .count());
      }
      assertThat(h.operator.metrics().scrape())
          .as(
              "no reconcile failed on the way (a dependent that cannot find"
                  + " its object retries forever, with nothing to see in status)")
          .contains("genai_reconciles_total{result=\"error\"} 0.0");
    }
  }

  static <T> T read(String sample, Class<T> type) throws IOException {
    return JSON.unmarshal(Files.readString(TestFiles.samples().resolve(sample)), type);
  }

  static String key(HasMetadata o) {
    return o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }

  static HasMetadata stored(OperatorHarness h, HasMetadata o) {
    return o.getMetadata().getNamespace() == null
        ? h.client.resource(o).get()
        : h.client.resource(o).inNamespace(o.getMetadata().getNamespace()).get();
  }

  static JsonNode withoutServerFields(HasMetadata o) {
    ObjectNode tree = JSON.convertValue(o, ObjectNode.class);
    tree.remove("status");
    ObjectNode meta = (ObjectNode) tree.get("metadata");
    SERVER_FIELDS.forEach(meta::remove);
    if (meta.has("namespace") && meta.get("namespace").isNull()) {
      meta.remove("namespace");
    }
    if (meta.get("annotations") instanceof ObjectNode annotations) {
      annotations.remove(JOSDK_PREVIOUS); // the framework's own bookkeeping, not ours
    }
    if (meta.has("annotations") && meta.get("annotations").isEmpty()) {
      meta.remove("annotations");
    }
    return tree;
  }
}
