package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIPlatformPolicySpec;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.IdleReclaimPolicy;
import dev.platform.genai.api.external.InferenceService;
import dev.platform.genai.cost.FakePrometheus;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.gpu.GpuWorkload;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Idle reclaim of a self-hosted endpoint KServe serves (CRUD mock, KServe's CRD reported installed;
 * KServe's controller does not run here): its InferenceService is held with KServe's stop
 * annotation and minReplicas 0, and the team's wake on it brings it back to the approved count.
 * What KServe does with the annotation is KServe's (not run here).
 */
class IdleKServeEndpointTest {
  static final String NS = "genai-ks-idle";
  static OperatorHarness h;
  static FakePrometheus prometheus;
  static MutableClock clock;

  @BeforeAll
  static void start() throws Exception {
    prometheus = new FakePrometheus();
    clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    h =
        new OperatorHarness(
            Map.of("GENAI_PROMETHEUS_URL", prometheus.url()),
            clock,
            () -> new InstalledApis(false, true));
    GenAIPlatformPolicy policy = new GenAIPlatformPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("default").build());
    policy.setSpec(new GenAIPlatformPolicySpec());
    policy.getSpec().idleReclaim = new IdleReclaimPolicy();
    policy.getSpec().idleReclaim.stages = List.of("Pilot");
    policy.getSpec().idleReclaim.dryRun = false;
    h.client.resource(policy).create();
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  static InferenceService service() {
    return h.client.resources(InferenceService.class).inNamespace(NS).withName("model-chat").get();
  }

  @Test
  void anIdleInferenceServiceIsStoppedWithKServesAnnotationAndWokenBackToItsReplicas() {
    ModelEndpointsTest.create(
        h,
        "ks-idle",
        "Public",
        p -> p.getSpec().models = List.of(ModelEndpointsTest.selfHosted("chat", 1, 2)));
    await().atMost(Duration.ofSeconds(10)).until(() -> service() != null);
    // the predictor's pods as KServe labels them, running for two hours
    for (String name :
        List.of("model-chat-predictor-5f7-aaaaa", "model-chat-predictor-5f7-bbbbb")) {
      Pod pod =
          new PodBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(NS)
              .addToLabels("serving.kserve.io/inferenceservice", "model-chat")
              .endMetadata()
              .withNewSpec()
              .addNewContainer()
              .withName("kserve-container")
              .withImage("vllm/vllm-openai:v0.6.4.post1")
              .endContainer()
              .endSpec()
              .withNewStatus()
              .withPhase("Running")
              .withStartTime(clock.instant().minus(Duration.ofHours(2)).toString())
              .addNewCondition()
              .withType("Ready")
              .withStatus("True")
              .endCondition()
              .endStatus()
              .build();
      h.client.resource(pod).create();
    }
    Map<String, String> zero =
        Map.of("model-chat-predictor-5f7-aaaaa", "0", "model-chat-predictor-5f7-bbbbb", "0");
    prometheus.answerByLabel("max_over_time(DCGM_FI_DEV_GPU_UTIL", "exported_pod", zero);
    prometheus.answerByLabel(
        "count_over_time(DCGM_FI_DEV_GPU_UTIL",
        "exported_pod",
        Map.of("model-chat-predictor-5f7-aaaaa", "61", "model-chat-predictor-5f7-bbbbb", "61"));
    prometheus.answerByLabel("DCGM_FI_PROF_GR_ENGINE_ACTIVE", "exported_pod", Map.of());
    prometheus.answerByLabel("DCGM_FI_DEV_POWER_USAGE", "exported_pod", Map.of());
    prometheus.answerByLabel("vllm:num_requests_running", "pod", zero);
    prometheus.answerByLabel("vllm:request_success_total", "pod", zero);
    h.awaitProject(
        "ks-idle",
        p ->
            p.getStatus() != null
                && p.getStatus().budget != null
                && p.getStatus().budget.lastEvaluated != null);

    clock.advance(Duration.ofMinutes(11));
    h.resyncAll(1);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "true"
                    .equals(
                        service().getMetadata().getAnnotations().get("serving.kserve.io/stop")));
    assertThat(service().getSpec().path("predictor").path("minReplicas").asInt()).isZero();
    GenAIProject p = h.project("ks-idle");
    assertThat(p.getStatus().gpu.holds)
        .singleElement()
        .satisfies(
            hold -> {
              assertThat(hold.workload).isEqualTo("InferenceService/model-chat");
              assertThat(hold.reasons).containsExactly("Idle");
              assertThat(hold.gpus).as("1 GPU per replica, 2 approved").isEqualTo(2);
              assertThat(hold.restore).isEqualTo("minReplicas=2");
              assertThat(hold.wake).contains("annotate inferenceservice model-chat");
            });

    // the team's wake, on the InferenceService
    h.client
        .resources(InferenceService.class)
        .inNamespace(NS)
        .withName("model-chat")
        .edit(
            is -> {
              is.getMetadata()
                  .getAnnotations()
                  .put(
                      GpuWorkload.AWAKE_UNTIL,
                      clock.instant().plus(Duration.ofHours(2)).toString());
              return is;
            });
    h.resyncAll(1);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "false"
                    .equals(
                        service().getMetadata().getAnnotations().get("serving.kserve.io/stop")));
    assertThat(service().getSpec().path("predictor").path("minReplicas").asInt()).isEqualTo(2);
  }
}
