package dev.platform.genai.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a real cluster with Kueue does to the ClusterQueues the operator writes, for the sandbox
 * (the CRUD mock does none of it). Each behaviour is taken from the real system:
 *
 * <ul>
 *   <li>the API server fills in the defaults of Kueue's CRD schema (structural defaulting:
 *       k8s.io/apiextensions-apiserver pkg/apiserver/schema/defaulting) — {@link #defaults};
 *   <li>Kueue's ClusterQueue webhook adds the finalizer kueue.x-k8s.io/resource-in-use
 *       (pkg/webhooks/clusterqueue_webhook.go), and its controller removes it from a deleted queue
 *       once no workload is left (pkg/controller/core/clusterqueue_controller.go);
 *   <li>the Active condition: False with reason Terminating, Stopped (stopPolicy not None) or
 *       FlavorNotFound ("Can't admit new workloads: references missing ResourceFlavor(s): x."),
 *       else True, reason Ready, "Can admit new workloads" (pkg/cache/scheduler/clusterqueue.go,
 *       inactiveReason).
 * </ul>
 *
 * Workloads are stated by the test ({@link #admit}): usage and counts go to the status as Kueue
 * reports them. Call {@link #tick} to act once (tests), or {@link #start} to act every 200 ms
 * ({@code local}).
 */
public final class FakeKueue implements AutoCloseable {
  public static final String FINALIZER = "kueue.x-k8s.io/resource-in-use";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final KubernetesClient client;
  private final String version;
  private final JsonNode clusterQueueSchema;
  private final Map<String, Usage> usage = new ConcurrentHashMap<>();
  private ScheduledExecutorService timer;
  private volatile boolean platformTeam;

  /** Workloads admitted to a queue: how many, and the GPUs they use (and borrow). */
  public record Usage(
      int admitted, int pending, String resource, String flavor, int inUse, int borrowed) {}

  /**
   * @param version v1beta2 or v1beta1
   */
  public FakeKueue(KubernetesClient client, String version) {
    this.client = client;
    this.version = version;
    this.clusterQueueSchema = schema("kueue/clusterqueues.yaml", version);
  }

  /** The Kueue CRDs the sandbox registers (from kubernetes-sigs/kueue, see kueue/README.md). */
  public static final List<String> CRDS =
      List.of("kueue/clusterqueues.yaml", "kueue/localqueues.yaml", "kueue/resourceflavors.yaml");

  /**
   * Stands in for the platform team too: creates each ResourceFlavor a ClusterQueue references
   * (empty flavors, as Kueue's single-flavor setup has). For {@code local} only; tests assert
   * FlavorNotFound.
   */
  public FakeKueue withFlavorsCreated() {
    platformTeam = true;
    return this;
  }

  public FakeKueue start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "fake-kueue");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            tick();
          } catch (KubernetesClientException e) {
            // the next tick tries again
          }
        },
        200,
        200,
        TimeUnit.MILLISECONDS);
    return this;
  }

  /** States the workloads of a queue (null: none). */
  public void admit(String clusterQueue, Usage u) {
    if (u == null) {
      usage.remove(clusterQueue);
    } else {
      usage.put(clusterQueue, u);
    }
  }

  private ResourceDefinitionContext context(String plural, boolean namespaced) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("kueue.x-k8s.io")
        .withVersion(version)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }

  /**
   * One pass over every ClusterQueue: admission (defaults, finalizer), status, release of deleted
   * ones.
   */
  public synchronized void tick() {
    var queues = client.genericKubernetesResources(context("clusterqueues", false));
    for (GenericKubernetesResource cq : queues.list().getItems()) {
      String name = cq.getMetadata().getName();
      ObjectNode doc = JSON.valueToTree(cq);
      boolean deleting = cq.getMetadata().getDeletionTimestamp() != null;
      Usage u = usage.get(name);
      if (deleting) {
        if ((u == null || u.admitted() == 0)
            && cq.getMetadata().getFinalizers().contains(FINALIZER)) {
          cq.getMetadata().getFinalizers().remove(FINALIZER);
          queues.resource(cq).update();
        }
        continue;
      }
      if (!cq.getMetadata()
          .getFinalizers()
          .contains(FINALIZER)) { // at create: the API server and the webhook
        defaults(clusterQueueSchema.path("properties").path("spec"), (ObjectNode) doc.path("spec"));
        GenericKubernetesResource admitted =
            JSON.convertValue(doc, GenericKubernetesResource.class);
        admitted.getMetadata().getFinalizers().add(FINALIZER);
        admitted.setAdditionalProperty("status", null);
        cq = queues.resource(admitted).update();
        doc = JSON.valueToTree(cq);
      }
      ObjectNode status = status(doc.path("spec"), u);
      if (!status.equals(doc.path("status"))) {
        doc.set("status", status);
        queues.resource(JSON.convertValue(doc, GenericKubernetesResource.class)).updateStatus();
      }
    }
  }

  private ObjectNode status(JsonNode spec, Usage u) {
    ObjectNode status = JSON.createObjectNode();
    ArrayNode conditions = status.putArray("conditions");
    ObjectNode active = conditions.addObject();
    active.put("type", "Active");
    List<String> missing = new ArrayList<>();
    for (JsonNode g : spec.path("resourceGroups")) {
      for (JsonNode f : g.path("flavors")) {
        String flavor = f.path("name").asText();
        var flavors = client.genericKubernetesResources(context("resourceflavors", false));
        if (flavors.withName(flavor).get() == null) {
          if (platformTeam) {
            GenericKubernetesResource rf = new GenericKubernetesResource();
            rf.setApiVersion("kueue.x-k8s.io/" + version);
            rf.setKind("ResourceFlavor");
            rf.setMetadata(new ObjectMetaBuilder().withName(flavor).build());
            rf.setAdditionalProperty("spec", Map.of());
            flavors.resource(rf).create();
          } else {
            missing.add(flavor);
          }
        }
      }
    }
    String stop = spec.path("stopPolicy").asText("None");
    List<String> reasons = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    if (!"None".equals(stop)) {
      reasons.add("Stopped");
      messages.add("is stopped");
    }
    if (!missing.isEmpty()) {
      reasons.add("FlavorNotFound");
      messages.add("references missing ResourceFlavor(s): " + String.join(",", missing));
    }
    if (reasons.isEmpty()) {
      active.put("status", "True").put("reason", "Ready").put("message", "Can admit new workloads");
    } else {
      active
          .put("status", "False")
          .put("reason", reasons.get(0))
          .put("message", "Can't admit new workloads: " + String.join(", ", messages) + ".");
    }
    boolean draining = "HoldAndDrain".equals(stop);
    int admitted = u == null || draining ? 0 : u.admitted();
    status.put("admittedWorkloads", admitted);
    status.put("pendingWorkloads", u == null ? 0 : u.pending() + (draining ? u.admitted() : 0));
    status.put("reservingWorkloads", admitted);
    if (u != null && !draining) {
      ObjectNode flavor = status.putArray("flavorsUsage").addObject();
      flavor.put("name", u.flavor());
      ObjectNode r = flavor.putArray("resources").addObject();
      r.put("name", u.resource());
      r.put("total", String.valueOf(u.inUse()));
      r.put("borrowed", String.valueOf(u.borrowed()));
    }
    return status;
  }

  /**
   * The API server's structural defaulting: every property with a default that the object leaves
   * out gets it, recursively (a defaulted object is then defaulted inside, as {@code preemption:
   * {}} gets its fields).
   */
  public static void defaults(JsonNode schema, ObjectNode object) {
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            p -> {
              JsonNode sub = p.getValue();
              if (!object.has(p.getKey()) && sub.has("default")) {
                object.set(p.getKey(), sub.get("default").deepCopy());
              }
              JsonNode value = object.get(p.getKey());
              if (value instanceof ObjectNode o) {
                defaults(sub, o);
              } else if (value instanceof ArrayNode a && sub.has("items")) {
                a.forEach(
                    item -> {
                      if (item instanceof ObjectNode o) {
                        defaults(sub.get("items"), o);
                      }
                    });
              }
            });
  }

  /** One version's openAPIV3Schema of a CRD on the class path. */
  public static JsonNode schema(String resource, String version) {
    try (InputStream in = FakeKueue.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no CRD " + resource + " on the class path");
      }
      for (JsonNode v : YAML.readTree(in).path("spec").path("versions")) {
        if (version.equals(v.path("name").asText())) {
          return v.path("schema").path("openAPIV3Schema");
        }
      }
      throw new IllegalStateException(resource + " has no version " + version);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
