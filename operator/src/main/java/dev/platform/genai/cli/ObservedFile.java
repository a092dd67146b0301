package dev.platform.genai.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Observed;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.plan.gpu.GpuActivity;
import dev.platform.genai.plan.gpu.GpuWorkload;
import dev.platform.genai.plan.gpu.WorkloadReader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the cluster looks like when the plan is made, stated in a file ({@code render --observed},
 * the golden scenarios): the time, the optional APIs served, whether the approvals are given, a
 * cost evaluation just read, the endpoint objects running (a closed approval gate keeps them), the
 * cluster's regions and the pods not pinned to them (residency). Anything not stated is as on a
 * cluster where nothing of the project runs.
 *
 * <pre>
 * now: "2026-11-20T09:00:00Z"
 * installed: [prometheus-operator]
 * approved: true
 * spend: {monthToDate: "7000", hourly: "9.50"}
 * running: [ ...Deployments, Services, ConfigMaps of the endpoints... ]
 * clusterRegions: {europe-west4: 3}
 * unpinnedPods: []
 * gpuWorkloads:            # the namespace's GPU workloads (the budget's stop, idle reclaim)
 *   - {kind: Deployment, name: notebook, gpusPerPod: 1, replicas: 1,
 *      pods: [{name: notebook-7d9f8-abcde, phase: Running, ready: true, startedAt: "..."}]}
 * gpuSignals:              # DCGM exporter's and vLLM's readings over the idle window, by pod
 *   notebook-7d9f8-abcde: {utilization: 0, samples: 61}
 * </pre>
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ObservedFile(
    Instant now,
    List<String> installed,
    Boolean approved,
    Spend spend,
    List<JsonNode> running,
    Map<String, Integer> clusterRegions,
    List<String> unpinnedPods,
    List<Workload> gpuWorkloads,
    Map<String, Signals> gpuSignals) {

  /** A cost evaluation read at {@code now}. */
  public record Spend(BigDecimal monthToDate, BigDecimal hourly) {}

  /**
   * A GPU workload of the namespace as it runs.
   *
   * @param kind Deployment, StatefulSet, Job, CronJob or Pod
   * @param endpoint the operator's endpoint it serves, if it is one
   * @param replicas its replicas (a Job or CronJob: 1 running, 0 suspended)
   * @param annotations what a hold recorded on it, a team's wake
   */
  public record Workload(
      String kind,
      String name,
      String endpoint,
      Integer gpusPerPod,
      Integer replicas,
      Map<String, String> annotations,
      List<Pod> pods) {}

  /** One pod of a workload. */
  public record Pod(String name, String phase, Boolean ready, Instant startedAt) {}

  /**
   * One pod's readings over the idle window (absent: no series).
   *
   * @param utilization DCGM_FI_DEV_GPU_UTIL's highest value
   * @param samples the fewest samples of its GPUs in the window
   * @param engineActive DCGM_FI_PROF_GR_ENGINE_ACTIVE's highest value
   * @param power DCGM_FI_DEV_POWER_USAGE's highest value
   * @param requestsRunning vllm:num_requests_running's highest value
   * @param requestsFinished vllm:request_success_total's increase
   */
  public record Signals(
      BigDecimal utilization,
      Long samples,
      BigDecimal engineActive,
      BigDecimal power,
      BigDecimal requestsRunning,
      BigDecimal requestsFinished) {}

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .findAndRegisterModules()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** The file, or an error naming what to fix. */
  public static ObservedFile read(Path file) throws IOException {
    ObservedFile f = YAML.readValue(file.toFile(), ObservedFile.class);
    if (f.now == null) {
      throw new IOException(
          file + ": now is required (an RFC 3339 time, e.g. 2026-11-20T09:00:00Z)");
    }
    if (f.spend != null && f.spend.monthToDate() == null) {
      throw new IOException(
          file + ": spend needs monthToDate (spend this month so far, e.g. monthToDate: \"6100\")");
    }
    List<String> unknown = f.apis().stream().filter(n -> !InstalledApis.NAMES.contains(n)).toList();
    if (!unknown.isEmpty()) {
      throw new IOException(
          file
              + ": installed takes "
              + String.join(", ", InstalledApis.NAMES)
              + ", not "
              + String.join(", ", unknown));
    }
    if (f.gpuWorkloads != null) {
      for (Workload w : f.gpuWorkloads) {
        if (w.kind() == null
            || java.util.Arrays.stream(GpuWorkload.Kind.values())
                .noneMatch(k -> k.name().equals(w.kind()))) {
          throw new IOException(
              file
                  + ": gpuWorkloads["
                  + w.name()
                  + "].kind takes Deployment, StatefulSet, Job, CronJob, Pod or InferenceService, not "
                  + w.kind());
        }
        if (w.name() == null) {
          throw new IOException(file + ": every gpuWorkloads entry needs a name");
        }
      }
    }
    return f;
  }

  public boolean isApproved() {
    return approved == null || approved;
  }

  private List<String> apis() {
    return installed == null ? List.of(InstalledApis.PROMETHEUS_OPERATOR) : installed;
  }

  /** The observation, its approvals left to the preview. */
  public Observed.Builder observed() {
    Observed.Builder b = Observed.at(now, InstalledApis.of(apis()));
    if (spend != null) {
      b.cost(
          CostReading.evaluated(
              spend.monthToDate(),
              spend.hourly() == null ? BigDecimal.ZERO : spend.hourly(),
              now,
              null,
              now.plus(Duration.ofMinutes(10))));
    }
    if (running != null) {
      List<HasMetadata> objects = new ArrayList<>();
      for (JsonNode o : running) {
        objects.add(SERIALIZATION.unmarshal(o.toString()));
      }
      b.runningEndpoints(objects);
    }
    if (clusterRegions != null) {
      b.clusterRegions(clusterRegions);
    }
    if (unpinnedPods != null) {
      b.unpinnedPods(unpinnedPods);
    }
    if (gpuWorkloads != null) {
      b.gpuWorkloads(WorkloadReader.of(gpuWorkloads.stream().map(ObservedFile::workload).toList()));
    }
    if (gpuSignals != null) {
      Map<String, GpuActivity.PodSignals> pods = new java.util.TreeMap<>();
      gpuSignals.forEach(
          (pod, v) ->
              pods.put(
                  pod,
                  new GpuActivity.PodSignals(
                      v.utilization(),
                      v.samples(),
                      v.engineActive(),
                      v.power(),
                      v.requestsRunning(),
                      v.requestsFinished())));
      CostReading read =
          spend != null ? b.build().cost() : CostReading.notDue(now.plus(Duration.ofMinutes(10)));
      b.cost(read.withActivity(GpuActivity.read(now, null, pods)));
    }
    return b;
  }

  private static GpuWorkload workload(Workload w) {
    GpuWorkload.Kind kind = GpuWorkload.Kind.valueOf(w.kind());
    return new GpuWorkload(
        kind,
        w.name(),
        w.endpoint(),
        w.gpusPerPod() == null ? 1 : w.gpusPerPod(),
        false,
        w.replicas() == null ? 1 : w.replicas(),
        false,
        w.annotations(),
        w.pods() == null
            ? List.of()
            : w.pods().stream()
                .map(
                    p ->
                        new GpuWorkload.PodState(
                            p.name(),
                            p.phase() == null ? "Running" : p.phase(),
                            p.ready() == null || p.ready(),
                            p.startedAt()))
                .toList());
  }
}
