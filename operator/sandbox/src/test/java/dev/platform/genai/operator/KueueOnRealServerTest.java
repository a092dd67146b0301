package dev.platform.genai.operator;

import static dev.platform.genai.operator.OperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.external.ClusterQueue;
import dev.platform.genai.controlplane.KueueManager;
import dev.platform.genai.controlplane.RealCluster;
import dev.platform.genai.cost.FakePrometheus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * GPU admission by Kueue's real manager (v0.17.0, built from its Go module) on a control plane of
 * this class's own: the operator's ClusterQueue and LocalQueue admit a project's Jobs within
 * nominal quota, borrow within the cohort, keep one beyond waiting; Throttle holds new Jobs;
 * Suspend drains the admitted ones. No kubelet: a Job is admitted (Kueue lifts its suspension) or
 * not — its pods are nobody's concern here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KueueOnRealServerTest {
  static RealCluster cluster;
  static OperatorHarness h;
  static FakePrometheus prometheus;
  static MutableClock clock;

  @BeforeAll
  static void start() throws Exception {
    if (!KueueManager.possible()) {
      String why =
          "Kueue v0.17.0 reads its metrics certificate from "
              + "/etc/kueue/metrics/certs, not writable here";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(why);
      }
      Assumptions.abort(why);
    }
    cluster = RealCluster.start();
    KueueManager.start(cluster.controlPlane, cluster.binaries);
    prometheus = new FakePrometheus();
    clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    // the ResourceFlavors a platform team creates for the policy's GPU types (here the built-in
    // defaults)
    for (String flavor : new String[] {"default-flavor", "nvidia-l4"}) {
      GenericKubernetesResource rf = new GenericKubernetesResource();
      rf.setApiVersion("kueue.x-k8s.io/v1beta2");
      rf.setKind("ResourceFlavor");
      rf.setMetadata(new ObjectMetaBuilder().withName(flavor).build());
      rf.setAdditionalProperty("spec", Map.of());
      try (var admin = cluster.admin()) {
        admin
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
    }
    h =
        OperatorHarness.onRealCluster(
            cluster, Map.of("GENAI_PROMETHEUS_URL", prometheus.url()), clock, null);
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  static GenAIProject pilot(String name, String onExceeded) {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName(name);
    p.getSpec().budget.onExceeded = onExceeded;
    h.client.resource(p).create();
    return h.awaitProject(
        name,
        x ->
            x.getStatus() != null
                && "Ready".equals(x.getStatus().phase)
                && condition(x, "QueueReady").filter(c -> "True".equals(c.status)).isPresent());
  }

  /** A Job asking for one GPU in the project's namespace, sent to its LocalQueue. */
  static Job job(String project, String name) {
    Job j =
        new JobBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("genai-" + project)
            .addToLabels("kueue.x-k8s.io/queue-name", "default")
            .endMetadata()
            .withNewSpec()
            .withNewTemplate()
            .withNewSpec()
            .withRestartPolicy("Never")
            .addNewContainer()
            .withName("train")
            .withImage("example.com/train:1")
            .withNewResources()
            .addToRequests(
                Map.of(
                    "cpu",
                    new Quantity("1"),
                    "memory",
                    new Quantity("1Gi"),
                    "nvidia.com/gpu",
                    new Quantity("1")))
            .addToLimits(
                Map.of(
                    "cpu",
                    new Quantity("1"),
                    "memory",
                    new Quantity("1Gi"),
                    "nvidia.com/gpu",
                    new Quantity("1")))
            .endResources()
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    return h.client.resource(j).create();
  }

  /** Admitted: Kueue lifted the Job's suspension (its webhook suspended it at creation). */
  static boolean admitted(String project, String name) {
    Job j = h.client.batch().v1().jobs().inNamespace("genai-" + project).withName(name).get();
    return j != null && Boolean.FALSE.equals(j.getSpec().getSuspend());
  }

  static boolean suspended(String project, String name) {
    Job j = h.client.batch().v1().jobs().inNamespace("genai-" + project).withName(name).get();
    return j != null && Boolean.TRUE.equals(j.getSpec().getSuspend());
  }

  @Test
  @Order(1)
  void jobsAreAdmittedWithinQuotaBorrowFromTheCohortAndWaitBeyondIt() {
    pilot("team-a", "Alert");
    job("team-a", "first");
    await().atMost(Duration.ofSeconds(30)).until(() -> admitted("team-a", "first"));
    job("team-a", "second");
    // nominal quota used up and nobody in the cohort to borrow from: it waits, suspended
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> suspended("team-a", "second"));

    pilot("team-b", "Alert"); // a second pilot in the cohort lends what it does not use
    await().atMost(Duration.ofSeconds(30)).until(() -> admitted("team-a", "second"));
    // the cohort's two GPUs are in use: a third waits
    job("team-a", "third");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> suspended("team-a", "third"));
    // what Kueue reports reaches the project's status
    GenAIProject a =
        h.awaitProject(
            "team-a", p -> p.getStatus().gpu != null && "2".equals(p.getStatus().gpu.inUse));
    assertThat(a.getStatus().gpu.admittedWorkloads).isEqualTo(2);
    assertThat(a.getStatus().gpu.pendingWorkloads).isEqualTo(1);
  }

  @Test
  @Order(2)
  void throttleHoldsNewJobsAndSuspendDrainsTheAdmittedOnes() {
    // the first test's Jobs go first: a workload still pending in the cohort would borrow team-c's
    // nominal quota the moment its ClusterQueue joins, and team-c's own Job would wait (seen under
    // load, once the Job controller ran and created their pods)
    for (String ns : List.of("genai-team-a", "genai-team-b")) {
      h.client
          .batch()
          .v1()
          .jobs()
          .inNamespace(ns)
          .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND)
          .delete();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                h
                    .client
                    .genericKubernetesResources(
                        new ResourceDefinitionContext.Builder()
                            .withGroup("kueue.x-k8s.io")
                            .withVersion("v1beta2")
                            .withPlural("workloads")
                            .withNamespaced(true)
                            .build())
                    .inAnyNamespace()
                    .list()
                    .getItems()
                    .stream()
                    .noneMatch(w -> w.getMetadata().getNamespace().matches("genai-team-[ab]")));
    pilot("team-c", "Suspend");
    job("team-c", "running");
    await().atMost(Duration.ofSeconds(30)).until(() -> admitted("team-c", "running"));

    // over budget: Suspend tells Kueue to hold and drain; the admitted Job is evicted (suspended
    // again)
    prometheus.spend("genai-team-c", "3200", "4");
    clock.advance(Duration.ofMinutes(11));
    h.resyncAll(h.client.resources(GenAIProject.class).list().getItems().size());
    h.awaitPhase("team-c", "Suspended");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "HoldAndDrain"
                    .equals(
                        h.client
                            .resources(ClusterQueue.class)
                            .withName("genai-team-c")
                            .get()
                            .getSpec()
                            .path("stopPolicy")
                            .asText()));
    await().atMost(Duration.ofSeconds(30)).until(() -> suspended("team-c", "running"));

    // Throttle: held, nothing new admitted
    prometheus.spend("genai-team-d", "3200", "4");
    GenAIProject d = Samples.project("public-pilot.yaml");
    d.getMetadata().setName("team-d");
    d.getSpec().budget.onExceeded = "Throttle";
    h.client.resource(d).create();
    h.awaitPhase("team-d", "Throttled");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "Hold"
                    .equals(
                        h.client
                            .resources(ClusterQueue.class)
                            .withName("genai-team-d")
                            .get()
                            .getSpec()
                            .path("stopPolicy")
                            .asText()));
    job("team-d", "held");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> suspended("team-d", "held"));
  }

  /**
   * Kueue v0.17.0 serves its ClusterQueue and LocalQueue at v1beta1 and v1beta2 (v0.20 stops
   * serving v1beta1): the operator reads which are served and writes v1beta2, so the upgrade that
   * drops v1beta1 finds nothing of ours stored at it.
   */
  @Test
  @Order(3)
  void whereKueueServesBothVersionsTheOperatorWritesV1beta2() {
    try (var admin = cluster.admin()) {
      for (String crd : List.of("clusterqueues.kueue.x-k8s.io", "localqueues.kueue.x-k8s.io")) {
        var served = admin.apiextensions().v1().customResourceDefinitions().withName(crd).get();
        assertThat(served.getSpec().getVersions())
            .filteredOn(v -> Boolean.TRUE.equals(v.getServed()))
            .extracting(v -> v.getName())
            .as(crd + " as Kueue's manager installs it")
            .contains("v1beta1", "v1beta2");
        assertThat(dev.platform.genai.operator.shared.OptionalApis.Polled.kueueVersion(served))
            .isEqualTo(dev.platform.genai.model.GpuQueue.V1BETA2);
      }
    }
    var writes =
        cluster.controlPlane.audit().by(RealClusterFixtures.OPERATOR).stream()
            .filter(
                r ->
                    r.isWrite()
                        && (r.resource().equals("clusterqueues")
                            || r.resource().equals("localqueues")))
            .map(r -> r.verb() + " " + r.uri())
            .toList();
    assertThat(writes).as("the operator's queue writes").isNotEmpty();
    assertThat(writes).allMatch(w -> w.contains("/apis/kueue.x-k8s.io/v1beta2/"));
  }
}
