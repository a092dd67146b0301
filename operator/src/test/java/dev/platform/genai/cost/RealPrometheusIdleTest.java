package dev.platform.genai.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.plan.finops.BudgetDecision.Enforcement;
import dev.platform.genai.plan.gpu.GpuActivity;
import dev.platform.genai.plan.gpu.GpuStops;
import dev.platform.genai.plan.gpu.GpuWorkload;
import dev.platform.genai.plan.gpu.GpuWorkload.Kind;
import dev.platform.genai.plan.gpu.GpuWorkload.PodState;
import dev.platform.genai.plan.gpu.HoldReason;
import dev.platform.genai.plan.gpu.IdleSettings;
import dev.platform.genai.policy.IdleReclaim;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Idle reclaim's queries on a real Prometheus (Debian's 2.42), over series shaped exactly as DCGM
 * exporter exposes them — DCGM_FI_DEV_GPU_UTIL (percent), DCGM_FI_PROF_GR_ENGINE_ACTIVE (ratio),
 * DCGM_FI_DEV_POWER_USAGE (W), with its labels gpu, UUID, device, modelName, Hostname and the pod
 * it assigns the GPU to — scraped every 30 s without honorLabels (so the pod's labels are
 * exported_namespace/exported_pod, Prometheus' own namespace/pod naming the exporter), and vLLM's
 * vllm:num_requests_running and vllm:request_success_total scraped from the server pod (namespace,
 * pod). A second namespace is scraped with honorLabels (namespace/pod). Of the situations the issue
 * names, only the pod idle over its whole window is stopped.
 */
class RealPrometheusIdleTest {
  static final Instant NOW = Instant.parse("2026-11-18T12:00:00Z");
  static final String NS = "genai-contract-assistant";
  static final String HONORED = "genai-honored";
  static final Duration STEP = Duration.ofSeconds(30);
  static RealPrometheus prometheus;

  static String dcgm(String ns, String pod, int gpu) {
    return "gpu=\""
        + gpu
        + "\",UUID=\"GPU-"
        + pod
        + "-"
        + gpu
        + "\",device=\"nvidia"
        + gpu
        + "\",modelName=\"NVIDIA L4\",Hostname=\"gke-l4-pool-1\",DCGM_FI_DRIVER_VERSION=\"550.90.07\","
        + "namespace=\"gpu-operator\",pod=\"nvidia-dcgm-exporter-x7k2p\",container=\"nvidia-dcgm-exporter\","
        + "exported_namespace=\""
        + ns
        + "\",exported_pod=\""
        + pod
        + "\",exported_container=\"main\"";
  }

  static String honored(String ns, String pod) {
    return "gpu=\"0\",UUID=\"GPU-"
        + pod
        + "\",modelName=\"NVIDIA L4\",Hostname=\"gke-l4-pool-1\","
        + "namespace=\""
        + ns
        + "\",pod=\""
        + pod
        + "\",container=\"main\"";
  }

  static String vllm(String pod) {
    return "model_name=\"llama-3-8b\",namespace=\""
        + NS
        + "\",pod=\""
        + pod
        + "\",container=\"server\"";
  }

  /**
   * Idle GPU readings from {@code from} to now: utilisation 0, engine active at the noise floor, 16
   * W.
   */
  static void idleGpu(RealPrometheus.History h, String labels, Instant from) {
    h.every("DCGM_FI_DEV_GPU_UTIL", labels, STEP, from, NOW.plusSeconds(1), t -> 0d);
    h.every("DCGM_FI_PROF_GR_ENGINE_ACTIVE", labels, STEP, from, NOW.plusSeconds(1), t -> 0.003);
    h.every("DCGM_FI_DEV_POWER_USAGE", labels, STEP, from, NOW.plusSeconds(1), t -> 16.2);
  }

  @BeforeAll
  static void start() throws Exception {
    RealPrometheus.assumeInstalled();
    RealPrometheus.History h = new RealPrometheus.History();
    Instant twoHours = NOW.minus(Duration.ofHours(2));
    idleGpu(h, dcgm(NS, "idle-7d9f8-abcde", 0), twoHours);
    idleGpu(h, dcgm(NS, "idle-7d9f8-abcde", 1), twoHours);
    // busy: one burst ten minutes ago
    h.every(
        "DCGM_FI_DEV_GPU_UTIL",
        dcgm(NS, "busy-5c4b-qwert", 0),
        STEP,
        twoHours,
        NOW.plusSeconds(1),
        t -> t.equals(NOW.minus(Duration.ofMinutes(10))) ? 45d : 0d);
    idleGpu(h, dcgm(NS, "pending-6f7-zxcvb", 0), twoHours);
    idleGpu(h, dcgm(NS, "young-8a9-poiuy", 0), NOW.minus(Duration.ofMinutes(10)));
    // power high, utilisation low (a memory-bound kernel the utilisation counter does not see)
    h.every(
        "DCGM_FI_DEV_GPU_UTIL",
        dcgm(NS, "memory-bound-1a2-lkjhg", 0),
        STEP,
        twoHours,
        NOW.plusSeconds(1),
        t -> 0d);
    h.every(
        "DCGM_FI_DEV_POWER_USAGE",
        dcgm(NS, "memory-bound-1a2-lkjhg", 0),
        STEP,
        twoHours,
        NOW.plusSeconds(1),
        t -> 183.5);
    // a gap of 15 minutes in the window (the exporter restarted): activity may hide there
    h.every(
        "DCGM_FI_DEV_GPU_UTIL",
        dcgm(NS, "gappy-3b4-mnbvc", 0),
        STEP,
        twoHours,
        NOW.plusSeconds(1),
        t ->
            t.isAfter(NOW.minus(Duration.ofMinutes(25)))
                    && t.isBefore(NOW.minus(Duration.ofMinutes(10)))
                ? Double.NaN
                : 0d);
    // self-hosted endpoints: the GPU idle in both; one served requests in the window
    idleGpu(h, dcgm(NS, "chat-6d5c4-aaaaa", 0), twoHours);
    h.every(
        "vllm:num_requests_running",
        vllm("chat-6d5c4-aaaaa"),
        STEP,
        twoHours,
        NOW.plusSeconds(1),
        t -> 0d);
    h.every(
        "vllm:request_success_total",
        vllm("chat-6d5c4-aaaaa"),
        STEP,
        twoHours,
        NOW.plusSeconds(1),
        t -> 1200d);
    idleGpu(h, dcgm(NS, "served-6d5c4-bbbbb", 0), twoHours);
    h.every(
        "vllm:num_requests_running",
        vllm("served-6d5c4-bbbbb"),
        STEP,
        twoHours,
        NOW.plusSeconds(1),
        t -> 0d);
    h.every(
        "vllm:request_success_total",
        vllm("served-6d5c4-bbbbb"),
        STEP,
        twoHours,
        NOW.plusSeconds(1),
        t -> t.isBefore(NOW.minus(Duration.ofMinutes(5))) ? 1200d : 1201d);
    // the other label shape: scraped with honorLabels
    h.every(
        "DCGM_FI_DEV_GPU_UTIL",
        honored(HONORED, "idle-9z8y-aaaaa"),
        STEP,
        twoHours,
        NOW.plusSeconds(1),
        t -> 0d);
    prometheus = RealPrometheus.start(h);
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  static IdleSettings settings(String nsLabel, String podLabel, Integer powerWatts) {
    return new IdleSettings(
        true,
        false,
        Duration.ofMinutes(30),
        Duration.ofMinutes(15),
        Duration.ofHours(8),
        STEP,
        new IdleReclaim.Thresholds(1, new BigDecimal("0.01"), powerWatts),
        nsLabel,
        podLabel);
  }

  static final Instant STARTED = NOW.minus(Duration.ofHours(3));

  static GpuWorkload deployment(
      String name, String pod, String phase, boolean ready, Instant started, String endpoint) {
    return new GpuWorkload(
        Kind.Deployment,
        name,
        endpoint,
        1,
        false,
        1,
        false,
        Map.of(),
        List.of(new PodState(pod, phase, ready, started)));
  }

  static final List<GpuWorkload> WORKLOADS =
      List.of(
          deployment("idle", "idle-7d9f8-abcde", "Running", true, STARTED, null),
          deployment("busy", "busy-5c4b-qwert", "Running", true, STARTED, null),
          deployment("pending", "pending-6f7-zxcvb", "Pending", false, null, null),
          deployment(
              "young", "young-8a9-poiuy", "Running", true, NOW.minus(Duration.ofMinutes(10)), null),
          deployment("memory-bound", "memory-bound-1a2-lkjhg", "Running", true, STARTED, null),
          deployment("gappy", "gappy-3b4-mnbvc", "Running", true, STARTED, null),
          deployment("unseen", "unseen-0a0-qqqqq", "Running", true, STARTED, null),
          deployment("chat", "chat-6d5c4-aaaaa", "Running", true, STARTED, "chat"),
          deployment("served", "served-6d5c4-bbbbb", "Running", true, STARTED, "served"));

  @Test
  void onlyThePodIdleOverItsWholeWindowIsStopped() {
    IdleSettings idle = settings("exported_namespace", "exported_pod", 40);
    GpuActivity a =
        new GpuActivityReader(new PrometheusApi(URI.create(prometheus.url()))).read(NS, idle, NOW);
    assertThat(a.state()).isEqualTo(GpuActivity.State.READ);
    var idlePod = a.pods().get("idle-7d9f8-abcde");
    assertThat(idlePod.utilizationMax()).isEqualByComparingTo("0");
    assertThat(idlePod.utilizationSamples())
        .as("30 min at 30 s, per GPU: Prometheus 2's range holds both its ends")
        .isEqualTo(61L);
    assertThat(idlePod.engineActiveMax()).isEqualByComparingTo("0.003");
    assertThat(a.pods().get("busy-5c4b-qwert").utilizationMax()).isEqualByComparingTo("45");
    assertThat(a.pods().get("gappy-3b4-mnbvc").utilizationSamples()).isLessThan(54L);
    assertThat(a.pods().get("served-6d5c4-bbbbb").requestsFinished()).isPositive();
    assertThat(a.pods().get("chat-6d5c4-aaaaa").requestsFinished()).isEqualByComparingTo("0");
    GpuStops s = GpuStops.decide(NS, idle, Enforcement.NONE, WORKLOADS, a, List.of(), NOW);
    assertThat(s.stops().keySet()).containsExactlyInAnyOrder("Deployment/idle", "Deployment/chat");
    assertThat(s.stops().get("Deployment/idle").reasons()).containsExactly(HoldReason.Idle);
    assertThat(s.heldEndpoints()).containsExactly("chat");
    assertThat(GpuStops.notIdle(WORKLOADS.get(4), idle, a, NOW))
        .hasValue("pod memory-bound-1a2-lkjhg drew 183.5 W");
    assertThat(GpuStops.notIdle(WORKLOADS.get(8), idle, a, NOW))
        .hasValue("pod served-6d5c4-bbbbb served requests");
  }

  @Test
  void theLabelNamesAreThePolicysAndAWrongOneStopsNothing() {
    IdleSettings honoredLabels = settings("namespace", "pod", null);
    GpuActivity a =
        new GpuActivityReader(new PrometheusApi(URI.create(prometheus.url())))
            .read(HONORED, honoredLabels, NOW);
    GpuWorkload w = deployment("idle", "idle-9z8y-aaaaa", "Running", true, STARTED, null);
    assertThat(
            GpuStops.decide(HONORED, honoredLabels, Enforcement.NONE, List.of(w), a, List.of(), NOW)
                .stops())
        .containsOnlyKeys("Deployment/idle");
    // the exporter's series read with the wrong label names: no series, never idle
    GpuActivity wrong =
        new GpuActivityReader(new PrometheusApi(URI.create(prometheus.url())))
            .read(NS, settings("namespace", "pod", null), NOW);
    assertThat(
            GpuStops.decide(NS, honoredLabels, Enforcement.NONE, WORKLOADS, wrong, List.of(), NOW)
                .stops())
        .isEmpty();
  }

  @Test
  void prometheusDownStopsNothing() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    IdleSettings idle = settings("exported_namespace", "exported_pod", null);
    GpuActivity a =
        new GpuActivityReader(new PrometheusApi(URI.create("http://127.0.0.1:" + port)))
            .read(NS, idle, NOW);
    assertThat(a.state()).isEqualTo(GpuActivity.State.FAILED);
    GpuStops s = GpuStops.decide(NS, idle, Enforcement.NONE, WORKLOADS, a, List.of(), NOW);
    assertThat(s.stops()).isEmpty();
    assertThat(s.idleLine()).contains("signals not read", "cannot be reached");
  }
}
