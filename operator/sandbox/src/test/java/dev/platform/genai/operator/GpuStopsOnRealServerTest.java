package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIPlatformPolicySpec;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.api.GpuHold;
import dev.platform.genai.api.IdleReclaimPolicy;
import dev.platform.genai.controlplane.AuditLog;
import dev.platform.genai.controlplane.ChartPermissions;
import dev.platform.genai.controlplane.RealCluster;
import dev.platform.genai.cost.FakePrometheus;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.plan.gpu.GpuWorkload;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GPU stops on the real control plane (kube-apiserver with the chart's RBAC and admission policies;
 * the Deployment, ReplicaSet, StatefulSet, Job and CronJob controllers; the resourcequota
 * controller), the operator authenticated as the chart's ServiceAccount, the team acting as itself
 * ({@code kubectl --as}): the budget's Suspend holds every GPU workload the team made, the lift
 * brings each back exactly; idleness stops what every signal says is idle, the team wakes it with
 * the one command it is told, a wake holds off the next stop until it ends, and the GPU-hours
 * handed back are priced. The pods run nowhere ({@code PodKubelet} reports them Running); the
 * signals come from Prometheus' HTTP API as DCGM exporter's series would answer (the queries
 * themselves run on a real Prometheus in RealPrometheusIdleTest).
 */
class GpuStopsOnRealServerTest {
  static OperatorHarness h;
  static FakePrometheus prometheus;
  static MutableClock clock;
  static KubernetesClient member;

  @BeforeAll
  static void start() throws Exception {
    prometheus = new FakePrometheus();
    // the wall clock's time: the pods' start times are the kubelet's (PodKubelet's) wall clock
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    h =
        OperatorHarness.onRealCluster(
            RealCluster.shared(), Map.of("GENAI_PROMETHEUS_URL", prometheus.url()), clock, null);
    GenAIPlatformPolicy policy = new GenAIPlatformPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("default").build());
    policy.setSpec(new GenAIPlatformPolicySpec());
    policy.getSpec().idleReclaim = new IdleReclaimPolicy();
    policy.getSpec().idleReclaim.stages = List.of("Pilot");
    policy.getSpec().idleReclaim.dryRun = false;
    policy.getSpec().idleReclaim.window = "30m";
    h.client.resource(policy).create();
    member = h.real.as("dev2@example.com", "support-ai-devs"); // public-pilot's members
  }

  /**
   * Every permission the chart grants for GPU stops was used by the operator here, and answered
   * (the API server's audit log): a grant nobody uses is one to remove.
   */
  static void everyGpuStopPermissionWasUsed() {
    if (h == null) {
      return;
    }
    Set<String> used =
        h.real.controlPlane.audit().by(RealClusterFixtures.OPERATOR).stream()
            .filter(r -> r.code() < 400)
            .map(AuditLog.Request::permission)
            .collect(Collectors.toSet());
    Set<String> granted =
        ChartPermissions.granted(h.real.chart).stream()
            .filter(
                p ->
                    ChartPermissions.GPU_STOPS.equals(
                        ChartPermissions.ELSEWHERE.getOrDefault(
                            p,
                            ChartPermissions.ELSEWHERE.get(p.substring(0, p.indexOf(':')) + ":*"))))
            .collect(Collectors.toSet());
    assertThat(granted)
        .containsExactlyInAnyOrder(
            "/pods:delete",
            "apps/deployments:patch",
            "apps/statefulsets:list",
            "apps/statefulsets:patch",
            "batch/jobs:list",
            "batch/jobs:patch",
            "batch/cronjobs:list",
            "batch/cronjobs:patch");
    assertThat(used).containsAll(granted);
  }

  @AfterAll
  static void stop() {
    try {
      everyGpuStopPermissionWasUsed();
    } finally {
      close();
    }
  }

  static void close() {
    if (member != null) {
      member.close();
    }
    if (h != null) {
      h.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  static GenAIProject pilot(String name, String onExceeded, int gpus) {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName(name);
    p.getSpec().budget.onExceeded = onExceeded;
    p.getSpec().resources.gpus = gpus;
    h.client.resource(p).create();
    GenAIProject ready = h.awaitPhase(name, "Ready");
    // the tenancy policy reads the namespace's team annotations from its cache: wait until the
    // member is known there
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                member.resource(deployment("genai-" + name, "probe", 1)).dryRun().create() != null);
    return ready;
  }

  static PodTemplateSpec template(String app) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .addToLabels("app", app)
        .endMetadata()
        .withSpec(spec())
        .build();
  }

  static PodSpec spec() {
    return new PodSpecBuilder()
        .addNewContainer()
        .withName("main")
        .withImage("example.com/train:1")
        .withNewResources()
        .addToLimits("nvidia.com/gpu", new Quantity("1"))
        .endResources()
        .endContainer()
        .build();
  }

  static Deployment deployment(String ns, String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withTemplate(template(name))
        .endSpec()
        .build();
  }

  static Deployment deploymentOf(String ns, String name) {
    return h.client.apps().deployments().inNamespace(ns).withName(name).get();
  }

  static List<String> pods(String ns, String app) {
    return pods(ns, "app", app);
  }

  static List<String> pods(String ns, String label, String value) {
    return h.client.pods().inNamespace(ns).withLabel(label, value).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
        .map(p -> p.getMetadata().getName())
        .toList();
  }

  static Map<String, List<String>> holds(String project) {
    GenAIProject p = h.project(project);
    if (p.getStatus() == null || p.getStatus().gpu == null || p.getStatus().gpu.holds == null) {
      return Map.of();
    }
    return p.getStatus().gpu.holds.stream()
        .collect(Collectors.toMap(x -> x.workload, x -> x.reasons));
  }

  /** status.gpu and status.budget as JSON, for a failure's message. */
  static String gpuStatus(String project) {
    GenAIProject p = h.project(project);
    return h.client.getKubernetesSerialization().asJson(p.getStatus().gpu)
        + " "
        + h.client.getKubernetesSerialization().asJson(p.getStatus().budget);
  }

  /**
   * {@code kubectl annotate deployment NAME genai.platform.dev/awake-until=TIME --overwrite}, as
   * kubectl sends it: a merge patch of the annotation alone (no resourceVersion, so a controller's
   * write in between does not refuse it).
   */
  static void annotate(KubernetesClient as, String ns, String deployment, Instant until) {
    as.apps()
        .deployments()
        .inNamespace(ns)
        .withName(deployment)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\""
                + GpuWorkload.AWAKE_UNTIL
                + "\":\""
                + until
                + "\"}}}");
  }

  static List<String> events(String project, String reason) {
    return h.events(project).stream()
        .filter(e -> reason.equals(e.getReason()))
        .map(e -> e.getMessage())
        .toList();
  }

  @Test
  void theBudgetHoldsEveryGpuWorkloadOfTheTeamAndTheLiftBringsEachBackExactly() {
    pilot("gpu-budget", "Suspend", 4);
    String ns = "genai-gpu-budget";
    // the team's own GPU work, created as the team (the bare pod first: the quota has room for it,
    // the two replicas and the StatefulSet's one; the Job's pod is refused by the quota)
    Pod scratch = new Pod();
    scratch.setMetadata(new ObjectMetaBuilder().withName("scratch").withNamespace(ns).build());
    scratch.setSpec(spec());
    member.resource(scratch).create();
    member.resource(deployment(ns, "train", 2)).create();
    member
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName("index")
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withServiceName("index")
                .withNewSelector()
                .addToMatchLabels("app", "index")
                .endSelector()
                .withTemplate(template("index"))
                .endSpec()
                .build())
        .create();
    PodSpec once = spec();
    once.setRestartPolicy("Never");
    member
        .resource(
            new JobBuilder()
                .withNewMetadata()
                .withName("finetune")
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withSpec(once)
                .endTemplate()
                .endSpec()
                .build())
        .create();
    member
        .resource(
            new CronJobBuilder()
                .withNewMetadata()
                .withName("nightly")
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withSchedule("0 3 * * *")
                .withNewJobTemplate()
                .withNewSpec()
                .withNewTemplate()
                .withSpec(once)
                .endTemplate()
                .endSpec()
                .endJobTemplate()
                .endSpec()
                .build())
        .create();
    await().atMost(Duration.ofSeconds(30)).until(() -> pods(ns, "train").size() == 2);

    // spend reaches the limit: Suspended
    prometheus.spend(ns, "3200", "4");
    clock.advance(Duration.ofMinutes(11));
    h.resyncAll(h.client.resources(GenAIProject.class).list().getItems().size());
    h.awaitPhase("gpu-budget", "Suspended");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Deployment train = deploymentOf(ns, "train");
              assertThat(train.getSpec().getReplicas()).isZero();
              assertThat(train.getMetadata().getAnnotations())
                  .containsEntry(GpuWorkload.HELD_RESTORE, "replicas=2")
                  .containsEntry(GpuWorkload.HELD_REASONS, "Budget");
              assertThat(
                      h.client
                          .apps()
                          .statefulSets()
                          .inNamespace(ns)
                          .withName("index")
                          .get()
                          .getSpec()
                          .getReplicas())
                  .isZero();
              assertThat(job(ns, "finetune").getSpec().getSuspend()).isTrue();
              assertThat(cronJob(ns, "nightly").getSpec().getSuspend()).isTrue();
              assertThat(h.client.pods().inNamespace(ns).withName("scratch").get()).isNull();
            });
    assertThat(holds("gpu-budget"))
        .containsOnlyKeys(
            "Deployment/train", "StatefulSet/index", "Job/finetune", "CronJob/nightly")
        .allSatisfy((w, reasons) -> assertThat(reasons).containsExactly("Budget"));
    assertThat(events("gpu-budget", "GpuWorkloadsHeld"))
        .anySatisfy(m -> assertThat(m).contains("Deployment/train", "CronJob/nightly"))
        .anySatisfy(m -> assertThat(m).contains("Pod/scratch", "gone for good"));

    // the team scales its Deployment back up: the quota (0 GPUs) admits no pod, and the hold puts
    // it back to zero, the count to restore unchanged
    member.apps().deployments().inNamespace(ns).withName("train").scale(3);
    h.resyncAll(h.client.resources(GenAIProject.class).list().getItems().size());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> deploymentOf(ns, "train").getSpec().getReplicas() == 0);
    assertThat(deploymentOf(ns, "train").getMetadata().getAnnotations())
        .containsEntry(GpuWorkload.HELD_RESTORE, "replicas=2");

    // the limit raised above the spend: lifted, each workload as it was
    h.editProject("gpu-budget", p -> p.getSpec().budget.monthlyLimit = "5000");
    h.awaitPhase("gpu-budget", "Ready");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Deployment train = deploymentOf(ns, "train");
              assertThat(train.getSpec().getReplicas()).isEqualTo(2);
              assertThat(train.getMetadata().getAnnotations())
                  .doesNotContainKeys(
                      GpuWorkload.HELD_RESTORE, GpuWorkload.HELD_REASONS, GpuWorkload.HELD_SINCE);
              assertThat(
                      h.client
                          .apps()
                          .statefulSets()
                          .inNamespace(ns)
                          .withName("index")
                          .get()
                          .getSpec()
                          .getReplicas())
                  .isEqualTo(1);
              assertThat(job(ns, "finetune").getSpec().getSuspend()).isFalse();
              assertThat(cronJob(ns, "nightly").getSpec().getSuspend()).isFalse();
            });
    await().atMost(Duration.ofSeconds(30)).until(() -> pods(ns, "train").size() == 2);
    assertThat(holds("gpu-budget")).isEmpty();
    assertThat(events("gpu-budget", "GpuWorkloadsRestored"))
        .anySatisfy(m -> assertThat(m).contains("Deployment/train (replicas=2)", "Job/finetune"));
  }

  static Job job(String ns, String name) {
    return h.client.batch().v1().jobs().inNamespace(ns).withName(name).get();
  }

  static CronJob cronJob(String ns, String name) {
    return h.client.batch().v1().cronjobs().inNamespace(ns).withName(name).get();
  }

  /** DCGM exporter's answers for these pods: utilisation by pod, a whole window of samples. */
  static void signals(Map<String, String> utilizationByPod) {
    Map<String, String> samples =
        utilizationByPod.keySet().stream().collect(Collectors.toMap(p -> p, p -> "61"));
    prometheus.answerByLabel(
        "max_over_time(DCGM_FI_DEV_GPU_UTIL", "exported_pod", utilizationByPod);
    prometheus.answerByLabel("count_over_time(DCGM_FI_DEV_GPU_UTIL", "exported_pod", samples);
    prometheus.answerByLabel("DCGM_FI_PROF_GR_ENGINE_ACTIVE", "exported_pod", Map.of());
    prometheus.answerByLabel("DCGM_FI_DEV_POWER_USAGE", "exported_pod", Map.of());
    prometheus.answerByLabel("vllm:num_requests_running", "pod", Map.of());
    prometheus.answerByLabel("vllm:request_success_total", "pod", Map.of());
  }

  /** vLLM's answers for these server pods: no request running, none finished in the window. */
  static void quietServers(List<String> pods) {
    Map<String, String> zero = pods.stream().collect(Collectors.toMap(p -> p, p -> "0"));
    prometheus.answerByLabel("vllm:num_requests_running", "pod", zero);
    prometheus.answerByLabel("vllm:request_success_total", "pod", zero);
  }

  /** The clock moved past the next cost evaluation; waits until the project saw its result. */
  static void evaluate(String project, Duration by) {
    // the project's first evaluation has reported (at its creation)
    String before =
        h.awaitProject(
                project,
                p ->
                    p.getStatus() != null
                        && p.getStatus().budget != null
                        && p.getStatus().budget.lastEvaluated != null)
            .getStatus()
            .budget
            .lastEvaluated;
    clock.advance(by);
    h.resyncAll(h.client.resources(GenAIProject.class).list().getItems().size());
    h.awaitProject(
        project,
        p ->
            p.getStatus().budget.lastEvaluated != null
                && !p.getStatus().budget.lastEvaluated.equals(before));
  }

  @Test
  void idleGpusAreHandedBackTheTeamWakesThemAndTheSponsorSeesWhatIdlenessCost() {
    pilot("gpu-idle", "Alert", 2);
    String ns = "genai-gpu-idle";
    member.resource(deployment(ns, "notebook", 1)).create();
    member.resource(deployment(ns, "trainer", 1)).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pods(ns, "notebook").size() == 1 && pods(ns, "trainer").size() == 1);
    String notebookPod = pods(ns, "notebook").get(0);
    signals(Map.of(notebookPod, "0", pods(ns, "trainer").get(0), "87"));

    // 40 minutes on: the pods have run longer than the minimum, the window is whole
    evaluate("gpu-idle", Duration.ofMinutes(40));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(deploymentOf(ns, "notebook").getSpec().getReplicas())
                    .as("notebook, status %s", gpuStatus("gpu-idle"))
                    .isZero());
    assertThat(deploymentOf(ns, "trainer").getSpec().getReplicas()).isEqualTo(1);
    GenAIProject p = h.project("gpu-idle");
    GpuHold hold = p.getStatus().gpu.holds.get(0);
    assertThat(hold.workload).isEqualTo("Deployment/notebook");
    assertThat(hold.reasons).containsExactly("Idle");
    assertThat(hold.restore).isEqualTo("replicas=1");
    assertThat(hold.wake)
        .startsWith(
            "kubectl -n genai-gpu-idle annotate deployment notebook genai.platform.dev/awake-until=");
    assertThat(p.getStatus().gpu.idleReclaim).startsWith("On: window 30m, minimum run time 15m");
    assertThat(events("gpu-idle", "IdleStopped"))
        .singleElement()
        .satisfies(m -> assertThat(m).contains("Deployment/notebook", "1 GPU handed back"));

    // an hour later: one GPU-hour handed back, at the policy's L4 price (0.71 EUR an hour)
    clock.advance(Duration.ofHours(1));
    h.resyncAll(h.client.resources(GenAIProject.class).list().getItems().size());
    p = h.awaitProject("gpu-idle", x -> "1.00".equals(x.getStatus().budget.idleGpuHours));
    assertThat(p.getStatus().budget.idleSaved).isEqualTo("0.71");

    // the team wakes it, with the command status gave (a member's edit role allows it)
    Instant until = clock.instant().plus(Duration.ofHours(2));
    annotate(member, ns, "notebook", until);
    h.resyncAll(h.client.resources(GenAIProject.class).list().getItems().size());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> deploymentOf(ns, "notebook").getSpec().getReplicas() == 1);
    assertThat(deploymentOf(ns, "notebook").getMetadata().getAnnotations())
        .doesNotContainKeys(GpuWorkload.HELD_RESTORE, GpuWorkload.HELD_REASONS);
    assertThat(events("gpu-idle", "IdleWoken")).hasSize(1);
    GpuHold woken = h.project("gpu-idle").getStatus().gpu.holds.get(0);
    assertThat(woken.reasons).isEmpty();
    assertThat(woken.awakeUntil).isEqualTo(until.toString());

    // idle again, but woken: not stopped before the wake ends
    await().atMost(Duration.ofSeconds(30)).until(() -> pods(ns, "notebook").size() == 1);
    signals(Map.of(pods(ns, "notebook").get(0), "0", pods(ns, "trainer").get(0), "87"));
    evaluate("gpu-idle", Duration.ofMinutes(40));
    assertThat(deploymentOf(ns, "notebook").getSpec().getReplicas()).isEqualTo(1);
    // past it: stopped again
    evaluate("gpu-idle", Duration.ofMinutes(90));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> deploymentOf(ns, "notebook").getSpec().getReplicas() == 0);
    assertThat(events("gpu-idle", "IdleStopped")).hasSize(2);
    assertThat(deploymentOf(ns, "trainer").getSpec().getReplicas()).isEqualTo(1);
  }

  /** The Deployment of the contract-assistant sample's self-hosted endpoint. */
  static final String SERVER = ModelEndpoints.objectName("llama-8b");

  @Test
  void anIdleEndpointIsHandedBackAndServesAgainOnceWoken() throws Exception {
    GenAIProjectApproval approval =
        h.client
            .getKubernetesSerialization()
            .unmarshal(
                Files.readString(TestFiles.samples().resolve("contract-assistant-approval.yaml")),
                GenAIProjectApproval.class);
    h.approve(approval);
    h.apply("contract-assistant.yaml");
    String ns = "genai-contract-assistant";
    // the server this test's project runs: its Deployment available (a namespace of an earlier
    // class's contract-assistant may still be going away)
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              Deployment d = deploymentOf(ns, SERVER);
              return d != null
                  && d.getMetadata().getOwnerReferences().stream()
                      .anyMatch(
                          o ->
                              o.getUid()
                                  .equals(h.project("contract-assistant").getMetadata().getUid()))
                  && d.getStatus() != null
                  && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas())
                  && pods(ns, ModelEndpoints.ENDPOINT_LABEL, "llama-8b").size() == 1;
            });
    String server = pods(ns, ModelEndpoints.ENDPOINT_LABEL, "llama-8b").get(0);
    signals(Map.of(server, "0"));
    quietServers(List.of(server));

    evaluate("contract-assistant", Duration.ofMinutes(40));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(deploymentOf(ns, SERVER).getSpec().getReplicas())
                    .as("the endpoint, status %s", gpuStatus("contract-assistant"))
                    .isZero());
    GenAIProject p =
        h.awaitProject(
            "contract-assistant",
            x ->
                x.getStatus().endpoints != null
                    && x.getStatus().endpoints.stream()
                        .anyMatch(e -> "llama-8b".equals(e.name) && !Boolean.TRUE.equals(e.ready)));
    assertThat(p.getStatus().endpoints)
        .filteredOn(e -> "llama-8b".equals(e.name))
        .singleElement()
        .satisfies(e -> assertThat(e.message).contains("idle over the whole window"));
    assertThat(p.getStatus().gpu.holds)
        .singleElement()
        .satisfies(
            hold -> {
              assertThat(hold.endpoint).isEqualTo("llama-8b");
              assertThat(hold.reasons).containsExactly("Idle");
            });

    // a member of the team wakes it: the annotation on the operator's Deployment
    try (KubernetesClient legal = h.real.as("dev3@example.com", "legal-ai-devs")) {
      Instant until = clock.instant().plus(Duration.ofHours(3));
      annotate(legal, ns, SERVER, until);
    }
    h.resyncAll(h.client.resources(GenAIProject.class).list().getItems().size());
    GenAIProject serving =
        h.awaitProject(
            "contract-assistant",
            x ->
                x.getStatus().endpoints.stream()
                    .anyMatch(e -> "llama-8b".equals(e.name) && Boolean.TRUE.equals(e.ready)));
    assertThat(deploymentOf(ns, SERVER).getSpec().getReplicas()).isEqualTo(1);
    assertThat(serving.getStatus().gpu.holds)
        .singleElement()
        .satisfies(hold -> assertThat(hold.reasons).isEmpty());
    System.out.println(
        "status.gpu after the wake:\n"
            + h.client.getKubernetesSerialization().asYaml(serving.getStatus().gpu));
  }
}
