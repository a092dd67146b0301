package dev.platform.genai.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.api.external.InferenceService;
import dev.platform.genai.model.GpuQueue;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.ModelEndpoints.Managed;
import dev.platform.genai.model.ModelEndpoints.SelfHosted;
import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.Residency;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodResourceClaim;
import io.fabric8.kubernetes.api.model.PodResourceClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The objects of one model endpoint. SelfHosted: a Deployment running the runtime's
 * OpenAI-compatible server and a Service in front of it, or, where KServe is installed, an
 * InferenceService. Managed: a ConfigMap publishing the URL and model. Every pod runs as the
 * project's workload ServiceAccount, non-root, without privilege escalation or capabilities, with
 * its GPUs requested (so they count against the quota).
 */
public final class DesiredModelEndpoint {
  private DesiredModelEndpoint() {}

  public static final String GPU = "nvidia.com/gpu";

  /**
   * The replicas of the approved request, kept on the object so a suspension can be lifted without
   * the spec.
   */
  public static final String REPLICAS_ANNOTATION = Names.LABEL_PREFIX + "replicas";

  /**
   * KServe's switch to stop an InferenceService (a suspension: minReplicas 0 alone would scale up
   * on traffic).
   */
  public static final String KSERVE_STOP = "serving.kserve.io/stop";

  public static final String CONTAINER = "server";

  /**
   * Copies gs:// model weights into the pod (as the workload identity) before the server starts.
   */
  public static final String FETCHER = "fetch-model";

  /** Google's Cloud CLI image, for the gs:// fetch. */
  public static final String FETCHER_IMAGE =
      "gcr.io/google.com/cloudsdktool/google-cloud-cli:502.0.0-slim";

  static final String MODEL_DIR = "/models";
  public static final int SERVICE_PORT = 80;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Labels of every object (and pod) of an endpoint. */
  public static Map<String, String> labels(ProjectModel m, String endpoint) {
    Map<String, String> l = new TreeMap<>(m.labels());
    l.put(ModelEndpoints.ENDPOINT_LABEL, endpoint);
    return l;
  }

  private static ObjectMeta meta(ProjectModel m, String endpoint) {
    ObjectMeta meta = Meta.inNamespace(m, ModelEndpoints.objectName(endpoint));
    meta.setLabels(labels(m, endpoint));
    return meta;
  }

  /** The in-cluster OpenAI-compatible base URL of a Deployment-served endpoint. */
  public static String serviceUrl(ProjectModel m, String endpoint) {
    return "http://"
        + ModelEndpoints.objectName(endpoint)
        + "."
        + m.namespace()
        + ".svc.cluster.local/v1";
  }

  public static Deployment deployment(ProjectModel m, SelfHosted e, boolean suspended) {
    return deployment(m, e, suspended, null);
  }

  /**
   * @param queue the LocalQueue the pods are admitted through (Kueue manages Deployments), or null
   */
  public static Deployment deployment(
      ProjectModel m, SelfHosted e, boolean suspended, String queue) {
    Map<String, String> selector = selector(m, e);
    ObjectMeta meta = meta(m, e.name());
    Map<String, String> podLabels = labels(m, e.name());
    if (queue != null) {
      meta.getLabels().put(GpuQueue.QUEUE_LABEL, queue);
      podLabels.put(GpuQueue.QUEUE_LABEL, queue);
    }
    meta.getAnnotations().put(REPLICAS_ANNOTATION, String.valueOf(e.replicas()));
    List<String> args =
        e.args().stream()
            .map(
                a ->
                    a.replace("{model}", modelPath(e.storageUri()))
                        .replace("{name}", e.name())
                        .replace("{port}", String.valueOf(e.port())))
            .toList();
    Container server =
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(e.image())
            .withArgs(args)
            .addNewEnv()
            .withName("HOME")
            .withValue("/tmp")
            .endEnv()
            .addNewEnv()
            .withName("HF_HOME")
            .withValue("/tmp/hf")
            .endEnv()
            .addNewPort()
            .withName("http")
            .withContainerPort(e.port())
            .withProtocol("TCP")
            .endPort()
            .withResources(resources(m, e))
            .withStartupProbe(probe(e, 90))
            .withReadinessProbe(probe(e, 3))
            .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .endSecurityContext()
            .addNewVolumeMount()
            .withName("tmp")
            .withMountPath("/tmp")
            .endVolumeMount()
            .addNewVolumeMount()
            .withName("shm")
            .withMountPath("/dev/shm")
            .endVolumeMount()
            .build();
    boolean fetch = e.storageUri().startsWith("gs://");
    if (fetch) {
      server
          .getVolumeMounts()
          .add(
              new VolumeMountBuilder()
                  .withName("models")
                  .withMountPath(MODEL_DIR)
                  .withReadOnly(true)
                  .build());
    }
    Deployment d =
        new DeploymentBuilder()
            .withMetadata(meta)
            .withNewSpec()
            .withReplicas(suspended ? 0 : e.replicas())
            .withNewSelector()
            .withMatchLabels(selector)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(podLabels)
            .endMetadata()
            .withNewSpec()
            .withServiceAccountName(Names.WORKLOAD_SERVICE_ACCOUNT)
            .withSecurityContext(podSecurity())
            .withNodeSelector(nodeSelector(m, e))
            .withAffinity(affinity(e))
            .withResourceClaims(claims(m, e))
            .withTolerations(tolerations(e))
            .withContainers(server)
            .addNewVolume()
            .withName("tmp")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .addNewVolume()
            .withName("shm")
            .withNewEmptyDir()
            .withMedium("Memory")
            .withSizeLimit(new Quantity("2Gi"))
            .endEmptyDir()
            .endVolume()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    if (fetch) {
      var pod = d.getSpec().getTemplate().getSpec();
      pod.getVolumes()
          .add(new VolumeBuilder().withName("models").withNewEmptyDir().endEmptyDir().build());
      pod.setInitContainers(List.of(fetcher(e)));
    }
    return d;
  }

  /**
   * gs:// weights are copied by Google's CLI, authenticated as the pod's Workload Identity (no
   * key), over Private Google Access where egress is restricted: vLLM 0.6 reads local paths and
   * Hugging Face ids, not GCS.
   */
  private static Container fetcher(SelfHosted e) {
    Map<String, Quantity> resources =
        new TreeMap<>(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")));
    return new ContainerBuilder()
        .withName(FETCHER)
        .withImage(FETCHER_IMAGE)
        .withCommand("gcloud")
        .withArgs(
            "storage",
            "cp",
            "--recursive",
            e.storageUri().replaceAll("/+$", "") + "/*",
            MODEL_DIR + "/")
        .addNewEnv()
        .withName("HOME")
        .withValue("/tmp")
        .endEnv()
        .addNewEnv()
        .withName("CLOUDSDK_CONFIG")
        .withValue("/tmp/gcloud")
        .endEnv()
        .withNewResources()
        .withRequests(resources)
        .withLimits(resources)
        .endResources()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("models")
        .withMountPath(MODEL_DIR)
        .endVolumeMount()
        .build();
  }

  public static Service service(ProjectModel m, SelfHosted e) {
    return new ServiceBuilder()
        .withMetadata(meta(m, e.name()))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(selector(m, e))
        .addNewPort()
        .withName("http")
        .withPort(SERVICE_PORT)
        .withTargetPort(new IntOrString("http"))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  public static InferenceService inferenceService(
      ProjectModel m, SelfHosted e, boolean suspended, String queue) {
    InferenceService is = new InferenceService();
    ObjectMeta meta = meta(m, e.name());
    if (queue != null) { // KServe copies the InferenceService's labels to the predictor's pods
      meta.getLabels().put(GpuQueue.QUEUE_LABEL, queue);
    }
    meta.getAnnotations().put(REPLICAS_ANNOTATION, String.valueOf(e.replicas()));
    meta.getAnnotations().put(KSERVE_STOP, String.valueOf(suspended));
    is.setMetadata(meta);
    ObjectNode predictor = JSON.createObjectNode();
    predictor.put("serviceAccountName", Names.WORKLOAD_SERVICE_ACCOUNT);
    predictor.put("minReplicas", suspended ? 0 : e.replicas());
    predictor.put("maxReplicas", Math.max(1, e.replicas()));
    if (!claims(m, e).isEmpty()) {
      predictor.set("resourceClaims", JSON.valueToTree(claims(m, e)));
    }
    if (affinity(e) != null) {
      predictor.set("affinity", JSON.valueToTree(affinity(e)));
    }
    if (!nodeSelector(m, e).isEmpty()) {
      predictor.set("nodeSelector", JSON.valueToTree(nodeSelector(m, e)));
      predictor.set("tolerations", JSON.valueToTree(tolerations(e)));
    }
    predictor.set("securityContext", JSON.valueToTree(podSecurity()));
    ObjectNode model = predictor.putObject("model");
    model.putObject("modelFormat").put("name", e.kserveModelFormat());
    model.put("storageUri", e.storageUri());
    model.putArray("args").add("--model_name=" + e.name());
    model.set("resources", JSON.valueToTree(resources(m, e)));
    ObjectNode spec = JSON.createObjectNode();
    spec.set("predictor", predictor);
    is.setSpec(spec);
    return is;
  }

  public static ConfigMap config(ProjectModel m, Managed e) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("KIND", e.kind());
    data.put("PROVIDER", e.provider());
    data.put("MODEL", e.model());
    if (e.region() != null) {
      data.put("REGION", e.region());
    }
    data.put("URL", e.url());
    return new ConfigMapBuilder()
        .withMetadata(meta(m, e.name()))
        .withData(new TreeMap<>(data))
        .build();
  }

  /**
   * The objects of every endpoint, as a cluster without (or with) KServe gets them once approved;
   * self-hosted ones at zero replicas while the project is suspended.
   */
  public static List<HasMetadata> all(ProjectModel m, boolean kserve, boolean suspended) {
    return all(m, kserve, suspended, null);
  }

  /**
   * @param queue the LocalQueue endpoint pods are admitted through (Kueue manages pods), or null
   */
  public static List<HasMetadata> all(
      ProjectModel m, boolean kserve, boolean suspended, String queue) {
    return all(m, kserve, endpoint -> suspended, queue);
  }

  /**
   * @param held the self-hosted endpoints held at zero (all under the budget's suspension; an idle
   *     one)
   */
  public static List<HasMetadata> all(
      ProjectModel m, boolean kserve, java.util.function.Predicate<String> held, String queue) {
    List<HasMetadata> out = new ArrayList<>();
    for (ModelEndpoints.Endpoint e : m.endpoints().endpoints()) {
      if (e instanceof SelfHosted s) {
        boolean suspended = held.test(s.name());
        if (kserve) {
          out.add(inferenceService(m, s, suspended, queue));
        } else {
          out.add(deployment(m, s, suspended, queue));
          out.add(service(m, s));
        }
      } else if (e instanceof Managed mm) {
        out.add(config(m, mm));
      }
    }
    return out;
  }

  /** The pods of one endpoint (sorted: the same YAML on every run). */
  private static Map<String, String> selector(ProjectModel m, SelfHosted e) {
    return new TreeMap<>(Map.of(Names.PROJECT, m.name(), ModelEndpoints.ENDPOINT_LABEL, e.name()));
  }

  /**
   * hf://org/model is the Hugging Face id org/model; gs:// weights are fetched to /models; else as
   * is.
   */
  static String modelPath(String storageUri) {
    if (storageUri.startsWith("gs://")) {
      return MODEL_DIR;
    }
    return storageUri.startsWith("hf://") ? storageUri.substring("hf://".length()) : storageUri;
  }

  /** CPU and memory; the GPUs as the type's extended resource, or (DRA) one claim per GPU. */
  private static ResourceRequirements resources(ProjectModel m, SelfHosted e) {
    Map<String, Quantity> requests = new TreeMap<>();
    requests.put("cpu", new Quantity(e.cpu().canonical()));
    requests.put("memory", new Quantity(e.memory().canonical()));
    Map<String, Quantity> limits = new TreeMap<>(requests);
    if (e.gpusPerReplica() > 0 && !m.gpu().dra()) {
      requests.put(m.gpu().podResource(), new Quantity(String.valueOf(e.gpusPerReplica())));
      limits.put(m.gpu().podResource(), new Quantity(String.valueOf(e.gpusPerReplica())));
    }
    ResourceRequirementsBuilder b =
        new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits);
    claims(m, e).forEach(c -> b.addNewClaim().withName(c.getName()).endClaim());
    return b.build();
  }

  /** DRA: one claim per GPU, each from the type's ResourceClaimTemplate (one device). */
  private static List<PodResourceClaim> claims(ProjectModel m, SelfHosted e) {
    if (!m.gpu().dra()) {
      return List.of();
    }
    List<PodResourceClaim> out = new ArrayList<>();
    for (int i = 0; i < e.gpusPerReplica(); i++) {
      out.add(
          new PodResourceClaimBuilder()
              .withName("gpu-" + i)
              .withResourceClaimTemplateName(m.gpu().claimTemplate())
              .build());
    }
    return out;
  }

  private static Probe probe(SelfHosted e, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(e.healthPath())
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withPeriodSeconds(10)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  private static PodSecurityContext podSecurity() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(1000L)
        .withRunAsGroup(1000L)
        .withFsGroup(1000L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  private static Map<String, String> nodeSelector(ProjectModel m, SelfHosted e) {
    return e.gpusPerReplica() > 0 ? m.gpu().nodeLabels() : Map.of();
  }

  /**
   * Where residency applies, the pods are pinned to the allowed regions: required node affinity on
   * topology.kubernetes.io/region (one term, In the regions) — what the residency admission policy
   * demands of every pod of the namespace. Null otherwise.
   */
  static Affinity affinity(SelfHosted e) {
    if (e.regions().isEmpty()) {
      return null;
    }
    return new AffinityBuilder()
        .withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm()
        .addNewMatchExpression()
        .withKey(Residency.REGION_LABEL)
        .withOperator("In")
        .withValues(e.regions())
        .endMatchExpression()
        .endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity()
        .build();
  }

  private static List<Toleration> tolerations(SelfHosted e) {
    return e.gpusPerReplica() > 0
        ? List.of(
            new TolerationBuilder()
                .withKey(GPU)
                .withOperator("Exists")
                .withEffect("NoSchedule")
                .build())
        : List.of();
  }

  /** For status: what KServe says the URL is. */
  public static String url(InferenceService is) {
    JsonNode status = is.getStatus();
    return status != null && status.hasNonNull("url") ? status.get("url").asText() : null;
  }
}
