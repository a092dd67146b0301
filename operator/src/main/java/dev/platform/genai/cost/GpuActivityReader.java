package dev.platform.genai.cost;

import dev.platform.genai.plan.gpu.GpuActivity;
import dev.platform.genai.plan.gpu.GpuActivity.PodSignals;
import dev.platform.genai.plan.gpu.IdleSettings;
import dev.platform.genai.policy.IdleReclaim;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The GPU signals of a namespace's pods over the idle window, by their real names: DCGM exporter's
 * DCGM_FI_DEV_GPU_UTIL (percent), DCGM_FI_PROF_GR_ENGINE_ACTIVE (ratio, where the exporter's
 * profiling metrics are on) and DCGM_FI_DEV_POWER_USAGE (W), labelled by the pod they are assigned
 * to ({@code exported_namespace}/{@code exported_pod} when Prometheus scrapes the exporter without
 * honorLabels, {@code namespace}/{@code pod} with it: the policy names them); and vLLM's
 * vllm:num_requests_running and vllm:request_success_total, scraped from the server's pod by the
 * endpoint's PodMonitor (labels {@code namespace}, {@code pod}). Six instant queries per namespace,
 * each a max (or count, or increase) over the window by pod.
 */
public final class GpuActivityReader {
  private final PrometheusApi prometheus;

  public GpuActivityReader(PrometheusApi prometheus) {
    this.prometheus = prometheus;
  }

  /** The queries, by what they read (for the docs and the tests). */
  public static Map<String, String> queries(String namespace, IdleSettings idle) {
    String w = "[" + IdleReclaim.format(idle.window()) + "]";
    String dcgm = "{" + idle.dcgmNamespaceLabel() + "=\"" + namespace + "\"}";
    String by = " by (" + idle.dcgmPodLabel() + ") ";
    String vllm = "{namespace=\"" + namespace + "\"}";
    Map<String, String> q = new TreeMap<>();
    q.put("utilization", "max" + by + "(max_over_time(DCGM_FI_DEV_GPU_UTIL" + dcgm + w + "))");
    q.put("samples", "min" + by + "(count_over_time(DCGM_FI_DEV_GPU_UTIL" + dcgm + w + "))");
    q.put("engine", "max" + by + "(max_over_time(DCGM_FI_PROF_GR_ENGINE_ACTIVE" + dcgm + w + "))");
    q.put("power", "max" + by + "(max_over_time(DCGM_FI_DEV_POWER_USAGE" + dcgm + w + "))");
    q.put("running", "max by (pod) (max_over_time(vllm:num_requests_running" + vllm + w + "))");
    q.put("finished", "sum by (pod) (increase(vllm:request_success_total" + vllm + w + "))");
    return q;
  }

  /** The signals now; Prometheus unreachable or refusing is a failed reading (never idle). */
  public GpuActivity read(String namespace, IdleSettings idle, Instant now) {
    Map<String, String> q = queries(namespace, idle);
    try {
      String pod = idle.dcgmPodLabel();
      Map<String, BigDecimal> util = prometheus.queryBy(q.get("utilization"), pod, now);
      Map<String, BigDecimal> samples = prometheus.queryBy(q.get("samples"), pod, now);
      Map<String, BigDecimal> engine = prometheus.queryBy(q.get("engine"), pod, now);
      Map<String, BigDecimal> power = prometheus.queryBy(q.get("power"), pod, now);
      Map<String, BigDecimal> running = prometheus.queryBy(q.get("running"), "pod", now);
      Map<String, BigDecimal> finished = prometheus.queryBy(q.get("finished"), "pod", now);
      Set<String> pods = new TreeSet<>(util.keySet());
      pods.addAll(running.keySet());
      pods.addAll(finished.keySet());
      Map<String, PodSignals> out = new TreeMap<>();
      for (String p : pods) {
        BigDecimal n = samples.get(p);
        out.put(
            p,
            new PodSignals(
                util.get(p),
                n == null ? null : n.longValue(),
                engine.get(p),
                power.get(p),
                running.get(p),
                finished.get(p)));
      }
      return GpuActivity.read(now, idle.window(), out);
    } catch (PrometheusException e) {
      return GpuActivity.failed(now, e.getMessage());
    }
  }
}
