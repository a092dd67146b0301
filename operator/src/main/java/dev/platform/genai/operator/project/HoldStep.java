package dev.platform.genai.operator.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.plan.gpu.GpuStops.Stop;
import dev.platform.genai.plan.gpu.GpuWorkload;
import dev.platform.genai.plan.gpu.HoldReason;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Applies the plan's holds to the team's own GPU workloads (the operator's endpoints are held
 * through their desired objects): a Deployment or StatefulSet goes to zero replicas and a Job or
 * CronJob is suspended, what to bring back recorded on the object (genai.platform.dev/held-restore,
 * with the reasons and the time); when no reason is left, the recorded scale comes back and the
 * record goes. A bare GPU pod the budget stops is deleted. Writes only what differs.
 */
final class HoldStep {
  private HoldStep() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What could not be applied, in words (retried at the next reconcile). */
  static List<String> run(Plan plan, KubernetesClient client, Instant now) {
    List<String> failures = new ArrayList<>();
    String ns = plan.model().namespace();
    for (Stop stop : plan.gpuStops().stops().values()) {
      GpuWorkload w = stop.workload();
      if (w.endpoint() != null) {
        continue;
      }
      try {
        if (stop.deleted()) {
          client.pods().inNamespace(ns).withName(w.name()).delete();
        } else if (stop.held()) {
          String reasons =
              stop.reasons().stream().map(HoldReason::name).collect(Collectors.joining(","));
          if (w.scale() != 0 || !reasons.equals(String.join(",", w.recordedReasons()))) {
            patch(client, ns, w, held(w, reasons, now));
          }
        } else if (w.held()) {
          patch(client, ns, w, restored(w));
        }
      } catch (KubernetesClientException e) {
        failures.add(
            w.ref()
                + ": "
                + (e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage()
                    : e.getMessage()));
      }
    }
    return failures;
  }

  /** Held at zero, what to bring back recorded (once: a later reason keeps the first record). */
  private static ObjectNode held(GpuWorkload w, String reasons, Instant now) {
    ObjectNode patch = JSON.createObjectNode();
    ObjectNode a = patch.putObject("metadata").putObject("annotations");
    a.put(GpuWorkload.HELD_RESTORE, w.restoreRecord());
    a.put(
        GpuWorkload.HELD_SINCE,
        w.annotations()
            .getOrDefault(GpuWorkload.HELD_SINCE, now.truncatedTo(ChronoUnit.SECONDS).toString()));
    a.put(GpuWorkload.HELD_REASONS, reasons);
    scale(patch.putObject("spec"), w.kind(), 0, true);
    return patch;
  }

  /** The recorded scale back, the record gone (a merge patch's null removes a key). */
  private static ObjectNode restored(GpuWorkload w) {
    ObjectNode patch = JSON.createObjectNode();
    ObjectNode a = patch.putObject("metadata").putObject("annotations");
    a.putNull(GpuWorkload.HELD_RESTORE);
    a.putNull(GpuWorkload.HELD_REASONS);
    a.putNull(GpuWorkload.HELD_SINCE);
    String restore = w.annotations().get(GpuWorkload.HELD_RESTORE);
    if (restore != null && restore.matches("^replicas=[0-9]{1,4}$")) {
      scale(
          patch.putObject("spec"),
          w.kind(),
          Integer.parseInt(restore.substring("replicas=".length())),
          false);
    } else if (restore != null && restore.startsWith("suspend=")) {
      scale(patch.putObject("spec"), w.kind(), 0, "suspend=true".equals(restore));
    }
    return patch;
  }

  /** Replicas for a Deployment or StatefulSet; suspend for a Job or CronJob. */
  private static void scale(ObjectNode spec, GpuWorkload.Kind kind, int replicas, boolean suspend) {
    switch (kind) {
      case Deployment, StatefulSet -> spec.put("replicas", replicas);
      case Job, CronJob -> spec.put("suspend", suspend);
      case Pod, InferenceService -> {}
    }
  }

  /**
   * A JSON merge patch: the patch verb only (no get, no update of what the team wrote). The patch
   * is sent for an object named here (fabric8 reads the object from the server first when only its
   * name is given: a get the operator's role does not hold, as the real API server showed).
   */
  private static void patch(KubernetesClient client, String ns, GpuWorkload w, ObjectNode patch) {
    PatchContext merge = PatchContext.of(PatchType.JSON_MERGE);
    String body = patch.toString();
    ObjectMeta meta = new ObjectMetaBuilder().withName(w.name()).withNamespace(ns).build();
    switch (w.kind()) {
      case Deployment -> {
        Deployment d = new Deployment();
        d.setMetadata(meta);
        client.apps().deployments().inNamespace(ns).resource(d).patch(merge, body);
      }
      case StatefulSet -> {
        StatefulSet s = new StatefulSet();
        s.setMetadata(meta);
        client.apps().statefulSets().inNamespace(ns).resource(s).patch(merge, body);
      }
      case Job -> {
        Job j = new Job();
        j.setMetadata(meta);
        client.batch().v1().jobs().inNamespace(ns).resource(j).patch(merge, body);
      }
      case CronJob -> {
        CronJob c = new CronJob();
        c.setMetadata(meta);
        client.batch().v1().cronjobs().inNamespace(ns).resource(c).patch(merge, body);
      }
      case Pod,
          InferenceService -> {} // never the team's: a bare pod is deleted, KServe's is planned
    }
  }
}
