package dev.platform.genai.operator.project;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.external.InferenceService;
import dev.platform.genai.desired.FrozenEndpoints;
import dev.platform.genai.model.Gpu;
import dev.platform.genai.model.Names;
import dev.platform.genai.plan.gpu.GpuWorkload;
import dev.platform.genai.plan.gpu.GpuWorkload.Kind;
import dev.platform.genai.plan.gpu.GpuWorkload.PodState;
import dev.platform.genai.plan.gpu.WorkloadReader;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The GPU workloads of one project namespace, listed from the API server when a plan asks (one list
 * per kind; no informer on the team's objects): every Deployment, StatefulSet, Job and CronJob
 * whose pod template requests the project's GPU resource (or takes DRA claims), and every bare pod
 * that does, each with its pods. A Job a CronJob owns is the CronJob's; a pod is its workload's
 * through its owner (a ReplicaSet named after the Deployment and the pod-template-hash).
 */
final class NamespaceGpuWorkloads {
  private NamespaceGpuWorkloads() {}

  static final String QUEUE_NAME_LABEL = "kueue.x-k8s.io/queue-name";

  /** Reads the namespace's GPU workloads once, on first use. */
  static WorkloadReader reader(KubernetesClient client, String namespace, Gpu gpu, boolean kserve) {
    return new WorkloadReader() {
      private List<GpuWorkload> read;
      private boolean done;

      @Override
      public synchronized List<GpuWorkload> read() {
        if (!done) {
          read = list(client, namespace, gpu, kserve);
          done = true;
        }
        return read;
      }
    };
  }

  /** The workloads, or null when they cannot be listed (no permission, the API server down). */
  static List<GpuWorkload> list(
      KubernetesClient client, String namespace, Gpu gpu, boolean kserve) {
    try {
      List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
      List<GpuWorkload> out = new ArrayList<>();
      if (kserve) {
        out.addAll(inferenceServices(client, namespace, gpu, pods));
      }
      for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
        PodSpec spec = d.getSpec().getTemplate().getSpec();
        if (topLevel(d) && gpus(spec, gpu) != null) {
          Integer r = d.getSpec().getReplicas();
          out.add(
              workload(
                  Kind.Deployment,
                  d,
                  spec,
                  gpu,
                  r == null ? 1 : r,
                  podsOf(pods, "ReplicaSet", d.getMetadata().getName() + "-", true)));
        }
      }
      for (StatefulSet s : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
        PodSpec spec = s.getSpec().getTemplate().getSpec();
        if (topLevel(s) && gpus(spec, gpu) != null) {
          Integer r = s.getSpec().getReplicas();
          out.add(
              workload(
                  Kind.StatefulSet,
                  s,
                  spec,
                  gpu,
                  r == null ? 1 : r,
                  podsOf(pods, "StatefulSet", s.getMetadata().getName(), false)));
        }
      }
      List<Job> jobs = client.batch().v1().jobs().inNamespace(namespace).list().getItems();
      for (CronJob c : client.batch().v1().cronjobs().inNamespace(namespace).list().getItems()) {
        PodSpec spec = c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        if (topLevel(c) && gpus(spec, gpu) != null) {
          List<Pod> its = new ArrayList<>();
          for (Job j : jobs) {
            if (ownedBy(j, "CronJob", c.getMetadata().getName())) {
              its.addAll(podsOf(pods, "Job", j.getMetadata().getName(), false));
            }
          }
          out.add(
              workload(
                  Kind.CronJob,
                  c,
                  spec,
                  gpu,
                  Boolean.TRUE.equals(c.getSpec().getSuspend()) ? 0 : 1,
                  its));
        }
      }
      for (Job j : jobs) {
        PodSpec spec = j.getSpec().getTemplate().getSpec();
        if (topLevel(j) && gpus(spec, gpu) != null && !finished(j)) {
          out.add(
              workload(
                  Kind.Job,
                  j,
                  spec,
                  gpu,
                  Boolean.TRUE.equals(j.getSpec().getSuspend()) ? 0 : 1,
                  podsOf(pods, "Job", j.getMetadata().getName(), false)));
        }
      }
      for (Pod p : pods) {
        if (p.getMetadata().getOwnerReferences().isEmpty()
            && gpus(p.getSpec(), gpu) != null
            && !"Succeeded".equals(phase(p))
            && !"Failed".equals(phase(p))) {
          out.add(workload(Kind.Pod, p, p.getSpec(), gpu, 1, List.of(p)));
        }
      }
      return out;
    } catch (KubernetesClientException e) {
      return null;
    }
  }

  /** The label KServe puts on an InferenceService's pods. */
  static final String KSERVE_POD_LABEL = "serving.kserve.io/inferenceservice";

  /**
   * The operator's endpoints served by KServe: each InferenceService with its pods (KServe's
   * Deployment beneath it is KServe's, not a workload of its own), its scale the predictor's
   * minReplicas, its GPUs per pod the predictor's limit.
   */
  private static List<GpuWorkload> inferenceServices(
      KubernetesClient client, String namespace, Gpu gpu, List<Pod> pods) {
    List<GpuWorkload> out = new ArrayList<>();
    for (InferenceService is :
        client.resources(InferenceService.class).inNamespace(namespace).list().getItems()) {
      Map<String, String> labels = is.getMetadata().getLabels();
      String endpoint =
          labels != null && Names.OPERATOR.equals(labels.get(Names.MANAGED_BY))
              ? FrozenEndpoints.endpointOf(is)
              : null;
      if (endpoint == null || is.getSpec() == null) {
        continue;
      }
      var predictor = is.getSpec().path("predictor");
      String resource = gpu.podResource() == null ? "nvidia.com/gpu" : gpu.podResource();
      int perPod = predictor.path("model").path("resources").path("limits").path(resource).asInt(0);
      if (perPod == 0) {
        continue;
      }
      String name = is.getMetadata().getName();
      out.add(
          new GpuWorkload(
              Kind.InferenceService,
              name,
              endpoint,
              perPod,
              false,
              predictor.path("minReplicas").asInt(1),
              false,
              is.getMetadata().getAnnotations(),
              pods.stream()
                  .filter(
                      p ->
                          p.getMetadata().getLabels() != null
                              && name.equals(p.getMetadata().getLabels().get(KSERVE_POD_LABEL))
                              && p.getMetadata().getDeletionTimestamp() == null)
                  .map(NamespaceGpuWorkloads::state)
                  .toList()));
    }
    return out;
  }

  private static GpuWorkload workload(
      Kind kind, HasMetadata o, PodSpec spec, Gpu gpu, int scale, List<Pod> pods) {
    Map<String, String> labels = o.getMetadata().getLabels();
    String endpoint =
        labels != null && Names.OPERATOR.equals(labels.get(Names.MANAGED_BY))
            ? FrozenEndpoints.endpointOf(o)
            : null;
    Integer perPod = gpus(spec, gpu);
    return new GpuWorkload(
        kind,
        o.getMetadata().getName(),
        endpoint,
        perPod == null ? 0 : perPod,
        gpu.dra() && claims(spec),
        scale,
        (labels != null && labels.containsKey(QUEUE_NAME_LABEL))
            || spec != null
                && o instanceof Job j
                && j.getSpec().getTemplate().getMetadata() != null
                && j.getSpec().getTemplate().getMetadata().getLabels() != null
                && j.getSpec()
                    .getTemplate()
                    .getMetadata()
                    .getLabels()
                    .containsKey(QUEUE_NAME_LABEL),
        o.getMetadata().getAnnotations(),
        pods.stream().map(NamespaceGpuWorkloads::state).toList());
  }

  private static PodState state(Pod p) {
    boolean ready =
        p.getStatus() != null
            && p.getStatus().getConditions() != null
            && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    Instant started = null;
    if (p.getStatus() != null && p.getStatus().getStartTime() != null) {
      try {
        started = Instant.parse(p.getStatus().getStartTime());
      } catch (DateTimeParseException e) {
        started = null;
      }
    }
    return new PodState(p.getMetadata().getName(), phase(p), ready, started);
  }

  private static String phase(Pod p) {
    return p.getStatus() == null || p.getStatus().getPhase() == null
        ? "Pending"
        : p.getStatus().getPhase();
  }

  /**
   * The pods whose controlling owner is of this kind and name (or, for a Deployment, a ReplicaSet
   * named with its prefix and the pod's pod-template-hash).
   */
  private static List<Pod> podsOf(List<Pod> pods, String kind, String name, boolean replicaSet) {
    List<Pod> out = new ArrayList<>();
    for (Pod p : pods) {
      for (OwnerReference o : p.getMetadata().getOwnerReferences()) {
        if (!kind.equals(o.getKind()) || !Boolean.TRUE.equals(o.getController())) {
          continue;
        }
        String hash =
            p.getMetadata().getLabels() == null
                ? null
                : p.getMetadata().getLabels().get("pod-template-hash");
        if (replicaSet ? Objects.equals(o.getName(), name + hash) : name.equals(o.getName())) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static boolean ownedBy(HasMetadata o, String kind, String name) {
    return o.getMetadata().getOwnerReferences().stream()
        .anyMatch(r -> kind.equals(r.getKind()) && name.equals(r.getName()));
  }

  /**
   * Not controlled by another object (a CronJob's Job, KServe's Deployment: their owner is the
   * workload), or controlled by the project itself (the operator's endpoint servers).
   */
  private static boolean topLevel(HasMetadata o) {
    return o.getMetadata().getOwnerReferences().stream()
        .noneMatch(
            r -> Boolean.TRUE.equals(r.getController()) && !GenAIProject.KIND.equals(r.getKind()));
  }

  private static boolean finished(Job j) {
    return j.getStatus() != null
        && j.getStatus().getConditions() != null
        && j.getStatus().getConditions().stream()
            .anyMatch(
                c ->
                    ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()));
  }

  /** GPUs a pod of this spec requests (its containers' requests or limits), or null for none. */
  static Integer gpus(PodSpec spec, Gpu gpu) {
    if (spec == null) {
      return null;
    }
    if (gpu.dra() && claims(spec)) {
      return 0;
    }
    String resource = gpu.podResource() == null ? "nvidia.com/gpu" : gpu.podResource();
    int total = 0;
    boolean any = false;
    List<Container> containers = new ArrayList<>(spec.getContainers());
    for (Container c : containers) {
      if (c.getResources() == null) {
        continue;
      }
      Quantity q = null;
      if (c.getResources().getLimits() != null) {
        q = c.getResources().getLimits().get(resource);
      }
      if (q == null && c.getResources().getRequests() != null) {
        q = c.getResources().getRequests().get(resource);
      }
      if (q != null) {
        any = true;
        total += q.getNumericalAmount().intValue();
      }
    }
    return any ? total : null;
  }

  private static boolean claims(PodSpec spec) {
    return spec != null && spec.getResourceClaims() != null && !spec.getResourceClaims().isEmpty();
  }
}
