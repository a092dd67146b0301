package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.api.ManagedModel;
import dev.platform.genai.api.ModelEndpoint;
import dev.platform.genai.api.SelfHostedModel;
import dev.platform.genai.plan.InstalledApis;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Model endpoints against the CRUD mock API server, where KServe is not installed: Deployment +
 * Service for SelfHosted, ConfigMap + egress for Managed, the classification policy, the quota fit
 * check, the compliance approval gate, removal and suspension.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ModelEndpointsTest {
  static MutableClock clock;
  static OperatorHarness h;

  @BeforeAll
  static void start() {
    clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    h = new OperatorHarness(null, clock, () -> InstalledApis.NONE);
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  static GenAIProject create(String name, String classification, Consumer<GenAIProject> change) {
    return create(h, name, classification, change);
  }

  static GenAIProject create(
      OperatorHarness h, String name, String classification, Consumer<GenAIProject> change) {
    GenAIProject p = Samples.project("contract-assistant.yaml");
    p.getMetadata().setName(name);
    p.getSpec().dataClassification = classification;
    change.accept(p);
    return h.client.resource(p).create();
  }

  static ModelEndpoint selfHosted(String name, int gpus, int replicas) {
    ModelEndpoint m = new ModelEndpoint();
    m.name = name;
    m.kind = "SelfHosted";
    m.selfHosted = new SelfHostedModel();
    m.selfHosted.runtime = "vllm";
    m.selfHosted.storageUri = "gs://acme-models/llama-3.1-8b-instruct";
    m.selfHosted.gpusPerReplica = gpus;
    m.selfHosted.replicas = replicas;
    return m;
  }

  static ModelEndpoint managed(String name, String model) {
    ModelEndpoint m = new ModelEndpoint();
    m.name = name;
    m.kind = "Managed";
    m.managed = new ManagedModel();
    m.managed.provider = "VertexAI";
    m.managed.model = model;
    return m;
  }

  static Deployment deployment(String project, String endpoint) {
    return h.client
        .apps()
        .deployments()
        .inNamespace("genai-" + project)
        .withName("model-" + endpoint)
        .get();
  }

  static Service service(String project, String endpoint) {
    return h.client.services().inNamespace("genai-" + project).withName("model-" + endpoint).get();
  }

  static ConfigMap config(String project, String endpoint) {
    return h.client
        .configMaps()
        .inNamespace("genai-" + project)
        .withName("model-" + endpoint)
        .get();
  }

  static List<String> egressCidrs(String project) {
    NetworkPolicy np =
        h.client
            .network()
            .v1()
            .networkPolicies()
            .inNamespace("genai-" + project)
            .withName("genai-egress")
            .get();
    List<String> out = new ArrayList<>();
    np.getSpec()
        .getEgress()
        .forEach(
            r ->
                r.getTo().stream()
                    .filter(t -> t.getIpBlock() != null)
                    .forEach(t -> out.add(t.getIpBlock().getCidr())));
    return out;
  }

  /** What the Deployment controller and kubelet report once the pods pass their readiness probe. */
  static void podsReady(String project, String endpoint) {
    Deployment d = deployment(project, endpoint);
    int n = d.getSpec().getReplicas();
    d.setStatus(
        new DeploymentStatusBuilder()
            .withReplicas(n)
            .withReadyReplicas(n)
            .withAvailableReplicas(n)
            .withObservedGeneration(d.getMetadata().getGeneration())
            .build());
    h.client.resource(d).updateStatus();
  }

  static String condition(GenAIProject p, String type) {
    return OperatorHarness.condition(p, type)
        .map(c -> c.status + " " + c.reason + ": " + c.message)
        .orElse("none");
  }

  static void approve(String project, String digest, String name) {
    GenAIProjectApproval a = new GenAIProjectApproval();
    a.getMetadata().setName(name);
    a.setSpec(new dev.platform.genai.api.GenAIProjectApprovalSpec());
    a.getSpec().project = project;
    a.getSpec().digest = digest;
    a.getSpec().approvedBy = "dpo@example.com";
    a.getSpec().reference = "DPIA-2026-077";
    h.client.resource(a).create();
  }

  @Test
  @org.junit.jupiter.api.Order(1) // first: its resync count sees no other project settling
  void selfHostedEndpointIsADeploymentAndServiceReadyWhenItsPodsAre() {
    create("me-public", "Public", p -> p.getSpec().models = List.of(selfHosted("chat", 1, 1)));
    GenAIProject p =
        h.awaitProject("me-public", x -> x.getStatus() != null && x.getStatus().endpoints != null);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> deployment("me-public", "chat") != null && service("me-public", "chat") != null);
    Deployment d = deployment("me-public", "chat");
    var pod = d.getSpec().getTemplate().getSpec();
    var server = pod.getContainers().get(0);
    assertThat(pod.getServiceAccountName()).isEqualTo("workload");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(server.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(server.getResources().getRequests().get("nvidia.com/gpu").toString()).isEqualTo("1");
    assertThat(server.getResources().getLimits().get("nvidia.com/gpu").toString()).isEqualTo("1");
    assertThat(server.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(server.getImage()).isEqualTo("vllm/vllm-openai:v0.6.4.post1");
    assertThat(pod.getNodeSelector())
        .containsEntry("cloud.google.com/gke-accelerator", "nvidia-l4");
    assertThat(server.getArgs()).contains("--model=/models", "--served-model-name=chat");
    assertThat(pod.getInitContainers())
        .singleElement()
        .satisfies(
            fetch -> {
              assertThat(fetch.getArgs())
                  .containsExactly(
                      "storage",
                      "cp",
                      "--recursive",
                      "gs://acme-models/llama-3.1-8b-instruct/*",
                      "/models/");
              assertThat(fetch.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            });
    String uid = p.getMetadata().getUid();
    assertThat(d.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(uid));
    assertThat(service("me-public", "chat").getSpec().getSelector())
        .isEqualTo(d.getSpec().getSelector().getMatchLabels());

    p =
        h.awaitProject(
            "me-public",
            x -> x.getStatus().endpoints != null && "0/1".equals(x.getStatus().endpointsReady));
    assertThat(p.getStatus().phase).isEqualTo("Provisioning");
    assertThat(condition(p, "EndpointsReady"))
        .isEqualTo(
            "False Provisioning: 0/1 endpoints ready; waiting for chat:"
                + " 0 of 1 replicas ready: the model loads before the readiness probe passes.");
    assertThat(condition(p, "Approved")).startsWith("True NotRequired");

    podsReady("me-public", "chat");
    p = h.awaitPhase("me-public", "Ready");
    assertThat(p.getStatus().endpointsReady).isEqualTo("1/1");
    assertThat(p.getStatus().endpoints)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.ready).isTrue();
              assertThat(e.url).isEqualTo("http://model-chat.genai-me-public.svc.cluster.local/v1");
              assertThat(e.replicas).isEqualTo("1/1");
            });
    assertThat(condition(p, "EndpointsReady"))
        .isEqualTo("True Provisioned: 1/1 endpoints ready: chat.");

    // resync: nothing rewritten (the first creates the platform policy, which each project then
    // reports in
    // PolicyInForce: a status write of its own)
    int projects = h.client.resources(GenAIProject.class).list().getItems().size();
    h.resyncAll(projects);
    long writes = h.server.dispatcher().writes("genaiplatformpolicies");
    h.resyncAll(projects);
    assertThat(h.server.dispatcher().writes("genaiplatformpolicies") - writes)
        .as("writes on a resync")
        .isZero();
  }

  @Test
  void anEndpointRemovedFromTheSpecHasItsObjectsRemoved() {
    create(
        "me-removal",
        "Internal",
        p -> p.getSpec().models = List.of(selfHosted("a", 1, 1), selfHosted("b", 1, 1)));
    await().atMost(Duration.ofSeconds(10)).until(() -> deployment("me-removal", "b") != null);
    h.editProject(
        "me-removal", changed -> changed.getSpec().models = List.of(selfHosted("a", 1, 1)));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> deployment("me-removal", "b") == null && service("me-removal", "b") == null);
    assertThat(deployment("me-removal", "a")).isNotNull();
    assertThat(
            h.awaitProject("me-removal", x -> "0/1".equals(x.getStatus().endpointsReady))
                .getStatus()
                .endpoints)
        .extracting(e -> e.name)
        .containsExactly("a");
  }

  @Test
  void confidentialEndpointsWaitForTheApprovalOfThisExactRequest() throws Exception {
    GenAIProject sample =
        new KubernetesSerialization()
            .unmarshal(
                Files.readString(TestFiles.samples().resolve("contract-assistant.yaml")),
                GenAIProject.class);
    h.client.resource(sample).create();
    GenAIProject p = h.awaitPhase("contract-assistant", "PendingApproval");
    String digest = p.getStatus().approval.requiredDigest;
    GenAIProjectApproval sampleApproval =
        new KubernetesSerialization()
            .unmarshal(
                Files.readString(TestFiles.samples().resolve("contract-assistant-approval.yaml")),
                GenAIProjectApproval.class);
    assertThat(digest)
        .as("the digest the sample approval carries (computed apart, by python's json + sha256)")
        .isEqualTo(sampleApproval.getSpec().digest);
    assertThat(p.getStatus().approval.required).isTrue();
    assertThat(condition(p, "Approved"))
        .startsWith(
            "False PendingApproval: Confidential data: no model endpoint is"
                + " created before compliance approves this request.")
        .contains(digest);
    assertThat(condition(p, "EndpointsReady")).startsWith("False PendingApproval");
    assertThat(condition(p, "NamespaceReady")).startsWith("True");
    assertThat(deployment("contract-assistant", "llama-8b")).isNull();
    assertThat(config("contract-assistant", "gemini-flash")).isNull();
    assertThat(egressCidrs("contract-assistant")).doesNotContain("199.36.153.8/30");

    await()
        .untilAsserted(
            () ->
                assertThat(h.events("contract-assistant"))
                    .anySatisfy(
                        ev -> {
                          assertThat(ev.getReason()).isEqualTo("ApprovalRequired");
                          assertThat(ev.getMessage()).contains(digest);
                        }));
    approve("contract-assistant", "sha256:" + "0".repeat(64), "wrong-digest");
    p =
        h.awaitProject(
            "contract-assistant", x -> condition(x, "Approved").startsWith("False DigestChanged"));
    assertThat(p.getStatus().approval.approvedDigest).isEqualTo("sha256:" + "0".repeat(64));
    assertThat(deployment("contract-assistant", "llama-8b")).isNull();

    h.client.resource(sampleApproval).create();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                deployment("contract-assistant", "llama-8b") != null
                    && config("contract-assistant", "gemini-flash") != null);
    assertThat(config("contract-assistant", "gemini-flash").getData())
        .containsEntry(
            "URL",
            "https://europe-west4-aiplatform.googleapis.com/v1/projects/acme-legal-ai/locations/europe-west4/publishers"
                + "/google/models/gemini-2.5-flash")
        .containsEntry("MODEL", "gemini-2.5-flash");
    await()
        .untilAsserted(
            () -> assertThat(egressCidrs("contract-assistant")).contains("199.36.153.8/30"));
    podsReady("contract-assistant", "llama-8b");
    p = h.awaitPhase("contract-assistant", "Ready");
    assertThat(p.getStatus().approval.approvedDigest).isEqualTo(digest);
    assertThat(p.getStatus().approval.approvedBy).isEqualTo("dpo@example.com");
    assertThat(p.getStatus().approval.approval).isEqualTo("contract-assistant-dpia-2026-077");
    assertThat(p.getStatus().approval.approvedAt).isNotBlank();
    assertThat(p.getStatus().endpointsReady).isEqualTo("2/2");
    assertThat(h.events("contract-assistant"))
        .extracting(ev -> ev.getReason())
        .contains("Approved", "Ready");

    // a governance-relevant change closes the gate again; what runs stays exactly as approved
    h.editProject(
        "contract-assistant",
        x -> {
          x.getSpec().models.get(0).selfHosted.replicas = 2;
          x.getSpec().budget.monthlyLimit = "6500"; // not governance: alone it needs no approval
        });
    p = h.awaitPhase("contract-assistant", "PendingApproval");
    assertThat(p.getStatus().approval.requiredDigest).isNotEqualTo(digest);
    assertThat(condition(p, "Approved")).startsWith("False DigestChanged");
    assertThat(deployment("contract-assistant", "llama-8b").getSpec().getReplicas()).isEqualTo(1);
    assertThat(config("contract-assistant", "gemini-flash")).isNotNull();
    assertThat(egressCidrs("contract-assistant")).contains("199.36.153.8/30");
    assertThat(p.getStatus().endpointsReady).isEqualTo("2/2");

    approve(
        "contract-assistant",
        p.getStatus().approval.requiredDigest,
        "contract-assistant-two-replicas");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> deployment("contract-assistant", "llama-8b").getSpec().getReplicas() == 2);
    podsReady("contract-assistant", "llama-8b");
    assertThat(h.awaitPhase("contract-assistant", "Ready").getStatus().approval.approval)
        .isEqualTo("contract-assistant-two-replicas");
  }

  @Test
  void aModelTheClassificationMayNotUseIsRejectedNamingTheRule() {
    create(
        "me-restricted",
        "Restricted",
        p ->
            p.getSpec().models =
                List.of(selfHosted("local", 1, 1), managed("cloud", "gemini-2.5-pro")));
    GenAIProject p = h.awaitPhase("me-restricted", "Failed");
    assertThat(condition(p, "EndpointsReady"))
        .isEqualTo(
            "False ModelNotAllowed: Policy does not allow"
                + " spec.models[1].kind: Managed models are not allowed for Restricted data (GenAIPlatformPolicy default"
                + " spec.models.classifications.restricted.kinds: SelfHosted). Nothing new is provisioned for spec.models"
                + " until every model is allowed; running endpoints are kept.");
    assertThat(condition(p, "NamespaceReady")).startsWith("True");
    assertThat(deployment("me-restricted", "local")).isNull();
    assertThat(config("me-restricted", "cloud")).isNull();
  }

  @Test
  void modelsThatDoNotFitTheQuotaAreAConditionNotPendingPods() {
    create(
        "me-overflow",
        "Public",
        p -> {
          p.getSpec().resources.gpus = 2;
          p.getSpec().models = List.of(selfHosted("big", 2, 2));
        });
    GenAIProject p = h.awaitPhase("me-overflow", "Failed");
    assertThat(condition(p, "EndpointsReady"))
        .isEqualTo(
            "False InsufficientQuota: The self-hosted models need 4"
                + " GPUs where the quota grants 2 (big: 2 × (2 GPU, 2 CPU, 8Gi)), so none is created rather than pods"
                + " stuck Pending: lower replicas or gpusPerReplica, or raise spec.resources.");
    assertThat(deployment("me-overflow", "big")).isNull();
  }

  @Test
  void anExpiredPilotScalesItsSelfHostedEndpointsToZeroAndBack() {
    create(
        "me-expiry",
        "Internal",
        p -> {
          p.getSpec().expiresAt = "2026-11-28T10:00:00Z";
          p.getSpec().models = List.of(selfHosted("chat", 1, 1));
        });
    await().atMost(Duration.ofSeconds(10)).until(() -> deployment("me-expiry", "chat") != null);
    podsReady("me-expiry", "chat");
    h.awaitPhase("me-expiry", "Ready");

    clock.set(Instant.parse("2026-11-29T10:00:00Z"));
    try {
      h.resyncAll(1);
      GenAIProject p = h.awaitPhase("me-expiry", "Expired");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> deployment("me-expiry", "chat").getSpec().getReplicas() == 0);
      p =
          h.awaitProject(
              "me-expiry", x -> condition(x, "EndpointsReady").startsWith("False ScaledToZero"));
      assertThat(p.getStatus().endpoints.get(0).message)
          .isEqualTo("Scaled to zero: the project is suspended.");

      h.editProject("me-expiry", x -> x.getSpec().expiresAt = "2027-03-31T00:00:00Z");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> deployment("me-expiry", "chat").getSpec().getReplicas() == 1);
    } finally {
      clock.set(Instant.parse("2026-11-25T10:00:00Z"));
    }
  }
}
