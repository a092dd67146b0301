package dev.platform.genai.plan.gpu;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The GPU signals of one namespace's pods over an idle window, as Prometheus answered: the highest
 * value of each DCGM exporter metric and the samples of utilisation per pod; for vLLM servers, the
 * highest count of running requests and the requests finished. A metric the pod has no series of is
 * absent (null), never zero.
 *
 * @param state whether they were read
 * @param at when
 * @param window over which window
 * @param pods per pod name
 * @param message why not, when failed
 */
public record GpuActivity(
    State state, Instant at, Duration window, Map<String, PodSignals> pods, String message) {

  public GpuActivity {
    pods = pods == null ? Map.of() : Map.copyOf(pods);
  }

  public enum State {
    /** Idle reclaim off, or Prometheus not configured. */
    OFF,
    /** Not read this reconcile (between evaluations): nothing new is decided idle. */
    NOT_READ,
    READ,
    FAILED
  }

  public static final GpuActivity OFF = new GpuActivity(State.OFF, null, null, null, null);
  public static final GpuActivity NOT_READ =
      new GpuActivity(State.NOT_READ, null, null, null, null);

  public static GpuActivity read(Instant at, Duration window, Map<String, PodSignals> pods) {
    return new GpuActivity(State.READ, at, window, pods, null);
  }

  public static GpuActivity failed(Instant at, String message) {
    return new GpuActivity(State.FAILED, at, null, null, message);
  }

  /**
   * One pod's signals over the window.
   *
   * @param utilizationMax DCGM_FI_DEV_GPU_UTIL's highest value (0-100), over all its GPUs
   * @param utilizationSamples the fewest samples any of its GPUs has in the window
   * @param engineActiveMax DCGM_FI_PROF_GR_ENGINE_ACTIVE's highest value (0-1), where exported
   * @param powerMax DCGM_FI_DEV_POWER_USAGE's highest value (W), where exported
   * @param requestsRunningMax vLLM's vllm:num_requests_running, highest, where it serves
   * @param requestsFinished vLLM's finished requests in the window (increase of
   *     vllm:request_success_total), where it serves
   */
  public record PodSignals(
      BigDecimal utilizationMax,
      Long utilizationSamples,
      BigDecimal engineActiveMax,
      BigDecimal powerMax,
      BigDecimal requestsRunningMax,
      BigDecimal requestsFinished) {}
}
