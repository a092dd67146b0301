package dev.platform.genai.operator;

import static dev.platform.genai.operator.OperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.external.ClusterQueue;
import dev.platform.genai.api.external.ClusterQueueV1beta1;
import dev.platform.genai.api.external.LocalQueue;
import dev.platform.genai.model.GpuQueue;
import dev.platform.genai.operator.shared.OptionalApis;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.sandbox.FakeKueue;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The operator against the CRUD mock with Kueue's CRDs registered and a fake of Kueue's controller
 * and webhook (defaults from its CRD schema, its finalizer, its Active condition): the queues
 * follow the project and Kueue. Each report of Kueue's (the fake's updateStatus of the
 * ClusterQueue's status alone) reaches the project's status by itself, through the ClusterQueue's
 * informer: no resync is forced after a report.
 */
class KueueOperatorTest {
  private static final String CQ = "genai-support-copilot";
  private static final String NS = "genai-support-copilot";

  private static ClusterQueue queue(OperatorHarness h) {
    return h.client.resources(ClusterQueue.class).withName(CQ).get();
  }

  private static String gpu(ClusterQueue q, String field) {
    for (var g : q.getSpec().path("resourceGroups")) {
      for (var r : g.path("flavors").get(0).path("resources")) {
        if ("nvidia.com/gpu".equals(r.path("name").asText())) {
          return r.path(field).asText();
        }
      }
    }
    return null;
  }

  private static void flavor(OperatorHarness h, String name) {
    GenericKubernetesResource rf = new GenericKubernetesResource();
    rf.setApiVersion("kueue.x-k8s.io/v1beta2");
    rf.setKind("ResourceFlavor");
    rf.setMetadata(new ObjectMetaBuilder().withName(name).build());
    rf.setAdditionalProperty("spec", Map.of());
    h.client
        .genericKubernetesResources(
            new ResourceDefinitionContext.Builder()
                .withGroup("kueue.x-k8s.io")
                .withVersion("v1beta2")
                .withPlural("resourceflavors")
                .withNamespaced(false)
                .build())
        .resource(rf)
        .create();
  }

  @Test
  void queuesFollowTheProjectOnceKueueIsInstalled() {
    AtomicReference<String> kueue = new AtomicReference<>();
    try (OperatorHarness h =
        new OperatorHarness(
            Map.of(), OperatorHarness.CLOCK, () -> new InstalledApis(false, false, kueue.get()))) {
      h.apply("public-pilot.yaml");
      GenAIProject before = h.awaitPhase("support-copilot", "Ready");
      assertThat(condition(before, "QueueReady"))
          .isEmpty(); // Kueue absent: everything as without it
      assertThat(before.getStatus().gpu).isNull();
      assertThat(queue(h)).isNull();

      // Kueue installed later: its CRDs registered, the operator's check sees v1beta2
      h.server.installKueue(h.client, false);
      FakeKueue fake = new FakeKueue(h.client, "v1beta2");
      kueue.set(GpuQueue.V1BETA2);
      h.resyncAll(1);
      await().atMost(Duration.ofSeconds(20)).until(() -> queue(h) != null);
      ClusterQueue q = queue(h);
      assertThat(q.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(o -> assertThat(o.getUid()).isEqualTo(before.getMetadata().getUid()));
      assertThat(q.getSpec().path("cohortName").asText()).isEqualTo("genai-pilot");
      String nominal = gpu(q, "nominalQuota");
      int ceiling = Integer.parseInt(nominal) + Integer.parseInt(gpu(q, "borrowingLimit"));
      assertThat(ceiling).isLessThanOrEqualTo(4); // the samples' Pilot cap
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  h.client
                      .resourceQuotas()
                      .inNamespace(NS)
                      .withName("genai-quota")
                      .get()
                      .getSpec()
                      .getHard()
                      .get("requests.nvidia.com/gpu")
                      .equals(new Quantity(String.valueOf(ceiling))));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  h.client.resources(LocalQueue.class).inNamespace(NS).withName("default").get()
                      != null);

      // Kueue admits it (defaults filled in, finalizer added) and reports the missing flavor
      fake.tick();
      GenAIProject noFlavor =
          h.awaitProject(
              "support-copilot",
              p ->
                  condition(p, "QueueReady")
                      .filter(c -> "FlavorNotFound".equals(c.reason))
                      .isPresent());
      assertThat(condition(noFlavor, "QueueReady").orElseThrow().message)
          .contains("default-flavor,nvidia-l4")
          .contains("spec.kueue.defaultFlavor");
      assertThat(noFlavor.getStatus().phase).isEqualTo("Failed");
      flavor(h, "default-flavor");
      flavor(h, "nvidia-l4");
      fake.tick();
      GenAIProject active =
          h.awaitProject(
              "support-copilot",
              p ->
                  condition(p, "QueueReady").filter(c -> "True".equals(c.status)).isPresent()
                      && "Ready".equals(p.getStatus().phase));
      assertThat(active.getStatus().gpu.usage).isEqualTo("0/" + ceiling);
      assertThat(queue(h).getMetadata().getFinalizers()).contains(FakeKueue.FINALIZER);

      // the server's defaults are present and nothing is rewritten on a resync
      String version = queue(h).getMetadata().getResourceVersion();
      h.resyncAll(1);
      fake.tick();
      assertThat(queue(h).getMetadata().getResourceVersion()).isEqualTo(version);

      // usage from Kueue's status reaches status.gpu
      fake.admit(CQ, new FakeKueue.Usage(2, 1, "nvidia.com/gpu", "nvidia-l4", 1, 0));
      fake.tick();
      GenAIProject used =
          h.awaitProject(
              "support-copilot",
              p -> p.getStatus().gpu != null && "1".equals(p.getStatus().gpu.inUse));
      assertThat(used.getStatus().gpu.usage).isEqualTo("1/" + ceiling);
      assertThat(used.getStatus().gpu.admittedWorkloads).isEqualTo(2);
      assertThat(used.getStatus().gpu.pendingWorkloads).isEqualTo(1);

      // drift is corrected
      ClusterQueue drifted = queue(h);
      ((ObjectNode) drifted.getSpec()).put("stopPolicy", "HoldAndDrain");
      h.client.resource(drifted).update();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> "None".equals(queue(h).getSpec().path("stopPolicy").asText()));
      assertThat(queue(h).getMetadata().getFinalizers())
          .contains(FakeKueue.FINALIZER); // Kueue's kept

      // a quota change reaches the queue
      h.editProject("support-copilot", changed -> changed.getSpec().resources.gpus = 2);
      await().atMost(Duration.ofSeconds(20)).until(() -> "2".equals(gpu(queue(h), "nominalQuota")));

      // deletion: the project waits while Kueue holds its queue, and says why
      h.client.resource(h.project("support-copilot")).delete();
      GenAIProject terminating =
          h.awaitProject("support-copilot", x -> "Terminating".equals(x.getStatus().phase));
      assertThat(condition(terminating, "QueueReady").orElseThrow().message)
          .contains("kueue.x-k8s.io/resource-in-use")
          .contains("2 admitted");
      assertThat(queue(h).getMetadata().getDeletionTimestamp()).isNotNull();
      assertThat(
              h.client.namespaces().withName(NS).get() == null
                  || h.client.namespaces().withName(NS).get().getMetadata().getDeletionTimestamp()
                      != null
                  || h.client.namespaces().withName(NS).get().getStatus() != null)
          .isTrue();
      fake.admit(CQ, null); // the workloads went with the namespace
      fake.tick();
      await().atMost(Duration.ofSeconds(30)).until(() -> h.project("support-copilot") == null);
      assertThat(queue(h)).isNull();
    }
  }

  @Test
  void expiryDrainsTheQueueAndAForeignQueueIsNeverAdopted() {
    try (OperatorHarness h =
        new OperatorHarness(
            Map.of(),
            OperatorHarness.CLOCK,
            () -> new InstalledApis(false, false, GpuQueue.V1BETA2))) {
      h.server.installKueue(h.client, false);
      ClusterQueue foreign = new ClusterQueue();
      foreign.setMetadata(new ObjectMetaBuilder().withName("genai-claims-summarizer").build());
      foreign.setSpec(
          h.client
              .getKubernetesSerialization()
              .convertValue(
                  Map.of("stopPolicy", "None"), com.fasterxml.jackson.databind.JsonNode.class));
      h.client.resource(foreign).create();
      h.apply("confidential-pilot.yaml");
      GenAIProject conflict =
          h.awaitProject(
              "claims-summarizer",
              p ->
                  p.getStatus() != null
                      && condition(p, "QueueReady")
                          .filter(c -> "QueueConflict".equals(c.reason))
                          .isPresent());
      assertThat(conflict.getStatus().phase).isEqualTo("Failed");
      assertThat(
              h.client
                  .resources(ClusterQueue.class)
                  .withName("genai-claims-summarizer")
                  .get()
                  .getSpec()
                  .toString())
          .isEqualTo("{\"stopPolicy\":\"None\"}");
      assertThat(
              h.client
                  .resources(LocalQueue.class)
                  .inNamespace("genai-claims-summarizer")
                  .list()
                  .getItems())
          .isEmpty();

      // a pilot past its expiry: Kueue is told to hold and drain; that is reported, not called
      // broken
      GenAIProject expired = Samples.project("public-pilot.yaml");
      expired.getSpec().expiresAt = "2026-11-01T00:00:00Z"; // before the harness clock
      h.client.resource(expired).create();
      GenAIProject e = h.awaitPhase("support-copilot", "Expired");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  queue(h) != null
                      && "HoldAndDrain".equals(queue(h).getSpec().path("stopPolicy").asText()));
      e =
          h.awaitProject(
              "support-copilot",
              x -> x.getStatus() != null && condition(x, "QueueReady").isPresent());
      assertThat(condition(e, "QueueReady").orElseThrow().reason).isEqualTo("QueueDrained");
      assertThat(condition(e, "Ready").orElseThrow().message).doesNotContain("QueueReady");
    }
  }

  @Test
  void anOlderKueueGetsV1beta1() {
    try (OperatorHarness h =
        new OperatorHarness(
            Map.of(),
            OperatorHarness.CLOCK,
            () -> new InstalledApis(false, false, GpuQueue.V1BETA1))) {
      h.server.installKueue(h.client, true);
      h.apply("public-pilot.yaml");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> h.client.resources(ClusterQueueV1beta1.class).withName(CQ).get() != null);
      assertThat(
              h.client
                  .resources(ClusterQueueV1beta1.class)
                  .withName(CQ)
                  .get()
                  .getSpec()
                  .path("cohort")
                  .asText())
          .isEqualTo("genai-pilot");
    }
  }

  /** The operator's own check reads which version Kueue's CRD serves. */
  @Test
  void theCheckPicksTheServedVersion() {
    try (OperatorHarness h = new OperatorHarness(Map.of())) {
      h.server.installKueue(h.client, true);
      var crd =
          h.client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .withName(
                  io.fabric8.kubernetes.api.model.HasMetadata.getFullResourceName(
                      ClusterQueue.class))
              .get();
      assertThat(OptionalApis.Polled.kueueVersion(crd)).isEqualTo(GpuQueue.V1BETA1);
      crd.getSpec().getVersions().get(0).setServed(false);
      assertThat(OptionalApis.Polled.kueueVersion(crd)).isNull();
    }
  }
}
