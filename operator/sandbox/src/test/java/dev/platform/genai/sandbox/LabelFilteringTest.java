package dev.platform.genai.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's "heap flat against unrelated objects" relies on the API server filtering list and
 * watch by label, as a real one does: the sandbox must too, or the figure would measure the
 * stand-in.
 */
class LabelFilteringTest {
  @Test
  void labelFilteredInformersSeeOnlyTheOperatorsObjects() throws Exception {
    SandboxApiServer server = SandboxApiServer.start();
    try (KubernetesClient client = server.client()) {
      var namespaces = client.namespaces().withLabel(Names.MANAGED_BY, Names.OPERATOR).inform();
      var configMaps =
          client.configMaps().inAnyNamespace().withLabel(Names.MANAGED_BY, Names.OPERATOR).inform();
      for (int i = 0; i < 20; i++) {
        client
            .namespaces()
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName("other-" + i)
                    .addToLabels("team", "other")
                    .endMetadata()
                    .build())
            .create();
        client
            .configMaps()
            .inNamespace("other-0")
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("cm-" + i)
                    .endMetadata()
                    .addToData("k", "v")
                    .build())
            .create();
      }
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName("ours")
                  .addToLabels(Names.MANAGED_BY, Names.OPERATOR)
                  .endMetadata()
                  .build())
          .create();
      client
          .configMaps()
          .inNamespace("ours")
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("mine")
                  .addToLabels(Names.MANAGED_BY, Names.OPERATOR)
                  .endMetadata()
                  .build())
          .create();
      org.awaitility.Awaitility.await()
          .atMost(5, TimeUnit.SECONDS)
          .until(
              () ->
                  namespaces.getStore().list().size() == 1
                      && configMaps.getStore().list().size() == 1);
      Thread.sleep(500);
      assertThat(namespaces.getStore().list())
          .extracting(Namespace::getMetadata)
          .extracting(m -> m.getName())
          .containsExactly("ours");
      assertThat(configMaps.getStore().list())
          .extracting(ConfigMap::getMetadata)
          .extracting(m -> m.getName())
          .containsExactly("mine");
      namespaces.close();
      configMaps.close();
    } finally {
      server.close();
    }
  }
}
