package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIProjectApprovalSpec;
import dev.platform.genai.cost.FakePrometheus;
import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.controlplane.AuditLog;
import dev.platform.genai.controlplane.RealCluster;
import dev.platform.genai.plan.InstalledApis;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator on the real control plane, as the chart installs it: its ServiceAccount's token, the chart's
 * ClusterRole, leader election in the release namespace. The API server judges every request (RBAC, admission,
 * Pod Security), the namespace controller and garbage collector delete, the Deployment and ReplicaSet controllers
 * create the endpoints' pods (PodKubelet plays the kubelet: it reports admitted pods running and ready).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealClusterOperatorTest {
  static final String OPERATOR = "system:serviceaccount:" + RealCluster.RELEASE_NAMESPACE + ":"
      + RealCluster.OPERATOR_SERVICE_ACCOUNT;
  static OperatorHarness h;
  static FakePrometheus prometheus;

  @BeforeAll
  static void start() throws Exception {
    prometheus = new FakePrometheus(); // spend for enforcement (the PromQL itself is tested on a real Prometheus)
    h = OperatorHarness.onRealCluster(Map.of("GENAI_PROMETHEUS_URL", prometheus.url()), () -> InstalledApis.NONE);
    List<String> projects = applySamples();
    for (String p : projects) {
      h.awaitPhase(p, "Ready");
    }
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

  /** Every request the operator's identity was refused so far, as the API server audited it. */
  static List<AuditLog.Request> refused() {
    return h.real.controlPlane.audit().by(OPERATOR).stream().filter(r -> r.code() == 403).toList();
  }

  @Test
  @Order(1)
  void everySampleBecomesReadyAsTheChartsServiceAccount() {
    for (String p : List.of("claims-summarizer", "contract-assistant", "support-copilot", "fraud-assistant")) {
      GenAIProject ready = h.awaitPhase(p, "Ready");
      assertThat(OperatorHarness.condition(ready, "Ready")).hasValueSatisfying(c -> assertThat(c.status)
          .isEqualTo("True"));
    }
    // the self-hosted endpoint: the Deployment controller counts the pod the ReplicaSet controller created and
    // Pod Security admitted (restricted: the namespace is Confidential)
    Deployment d = h.client.apps().deployments().inNamespace("genai-contract-assistant").withName("model-llama-8b")
        .get();
    assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(1);
    assertThat(h.client.namespaces().withName("genai-contract-assistant").get().getMetadata().getLabels())
        .containsEntry(Names.PSA_ENFORCE, "restricted");
    // created as Production with compliance's approval: promoted, not grandfathered
    assertThat(h.project("fraud-assistant").getStatus().promotion.state).isEqualTo("Promoted");
    assertThat(refused()).as("requests the operator was refused").isEmpty();
  }

  @Test
  @Order(2)
  void aResyncThatFindsEverythingAsDesiredWritesNothingOnTheRealServer() {
    // the real server normalises what it stores (quantities, defaults): a desired object not in canonical form
    // would be "drift" on every reconcile
    h.resyncAll(4);
    long writes = operatorWrites();
    h.resyncAll(4);
    h.resyncAll(4);
    assertThat(h.real.controlPlane.audit().by(OPERATOR).stream().filter(AuditLog.Request::isWrite)
        .skip(writes).map(r -> r.verb() + " " + r.uri()).toList())
        .as("writes of the operator during two resyncs of 4 projects").isEmpty();
  }

  @Test
  @Order(3)
  void driftIsReverted() {
    String ns = "genai-support-copilot";
    h.client.rbac().roleBindings().inNamespace(ns).withName("genai-viewers").delete();
    ResourceQuota quota = h.client.resourceQuotas().inNamespace(ns).withName(Names.QUOTA).get();
    quota.getSpec().getHard().put("requests.nvidia.com/gpu", new Quantity("64"));
    h.client.resource(quota).update();
    RoleBinding owners = h.client.rbac().roleBindings().inNamespace(ns).withName("genai-owners").get();
    owners.getSubjects().add(new SubjectBuilder().withKind("User").withName("mallory@example.com")
        .withApiGroup("rbac.authorization.k8s.io").build());
    h.client.resource(owners).update();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(h.client.rbac().roleBindings().inNamespace(ns).withName("genai-viewers").get()).isNotNull();
      assertThat(h.client.resourceQuotas().inNamespace(ns).withName(Names.QUOTA).get().getSpec().getHard())
          .containsEntry("requests.nvidia.com/gpu", new Quantity("1"));
      assertThat(h.client.rbac().roleBindings().inNamespace(ns).withName("genai-owners").get().getSubjects())
          .extracting(Subject::getName).doesNotContain("mallory@example.com");
    });
  }

  @Test
  @Order(4)
  void aPolicyChangeReachesEveryProject() {
    GenAIPlatformPolicy policy = h.client.resources(GenAIPlatformPolicy.class).withName("default").get();
    policy.getSpec().caps.pilot.gpus = 1;
    h.client.resource(policy).update();
    try {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        for (String p : List.of("claims-summarizer", "support-copilot", "contract-assistant")) {
          assertThat(h.client.resourceQuotas().inNamespace("genai-" + p).withName(Names.QUOTA).get().getSpec()
              .getHard().get("requests.nvidia.com/gpu")).as(p).isEqualTo(new Quantity("1"));
        }
        // Production keeps its own cap
        assertThat(h.client.resourceQuotas().inNamespace("genai-fraud-assistant").withName(Names.QUOTA).get()
            .getSpec().getHard().get("requests.nvidia.com/gpu")).isNotEqualTo(new Quantity("1"));
      });
    } finally {
      policy = h.client.resources(GenAIPlatformPolicy.class).withName("default").get();
      policy.getSpec().caps.pilot.gpus = 4;
      h.client.resource(policy).update();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> h.client.resourceQuotas().inNamespace("genai-claims-summarizer")
        .withName(Names.QUOTA).get().getSpec().getHard().get("requests.nvidia.com/gpu").equals(new Quantity("2")));
  }

  @Test
  @Order(5)
  void confidentialEndpointsWaitForTheirApproval() {
    GenAIProject p = Samples.project("contract-assistant.yaml");
    p.getMetadata().setName("contract-review");
    h.client.resource(p).create();
    GenAIProject pending = h.awaitPhase("contract-review", "PendingApproval");
    assertThat(h.client.apps().deployments().inNamespace("genai-contract-review").list().getItems())
        .as("no model server before compliance approves").isEmpty();

    GenAIProjectApproval a = new GenAIProjectApproval();
    a.getMetadata().setName("contract-review-dpia");
    a.setSpec(new GenAIProjectApprovalSpec());
    a.getSpec().project = "contract-review";
    a.getSpec().digest = pending.getStatus().approval.requiredDigest;
    a.getSpec().approvedBy = "dpo@example.com";
    a.getSpec().reference = "DPIA-2026-101";
    h.approve(a);
    h.awaitPhase("contract-review", "Ready");
    assertThat(h.client.apps().deployments().inNamespace("genai-contract-review").withName("model-llama-8b").get()
        .getStatus().getAvailableReplicas()).isEqualTo(1);
  }

  @Test
  @Order(6)
  void aPromotionWithoutEvidenceIsHeldAtThePilotCap() {
    GenAIProject p = h.project("support-copilot");
    p.getSpec().stage = "Production";
    h.client.resource(p).update();
    GenAIProject held = h.awaitPhase("support-copilot", "PromotionPending");
    assertThat(held.getStatus().promotion.state).isEqualTo("Held");
    assertThat(h.client.namespaces().withName("genai-support-copilot").get().getMetadata().getLabels())
        .as("the namespace stays a pilot's while the promotion is held").containsEntry(Names.STAGE, "Pilot");
    // withdrawn: the CRD's transition rule lets a held promotion go back (judged by the real server)
    held.getSpec().stage = "Pilot";
    h.client.resource(held).update();
    h.awaitPhase("support-copilot", "Ready");
  }

  @Test
  @Order(7)
  void aProjectOverItsBudgetIsSuspended() {
    prometheus.spend("genai-over-budget", "3200", "4");
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName("over-budget");
    p.getSpec().budget.onExceeded = "Suspend";
    h.client.resource(p).create();
    h.awaitPhase("over-budget", "Suspended");
    assertThat(h.client.resourceQuotas().inNamespace("genai-over-budget").withName(Names.QUOTA).get().getSpec()
        .getHard().get("requests.nvidia.com/gpu")).isEqualTo(new Quantity("0"));
  }

  @Test
  @Order(8)
  void aDeletedProjectLeavesNothingBehind() {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName("short-lived");
    h.client.resource(p).create();
    h.awaitPhase("short-lived", "Ready");
    h.client.resource(h.project("short-lived")).delete();
    // the namespace controller empties the namespace; the garbage collector takes what the project owns
    await().atMost(Duration.ofSeconds(60)).until(() -> h.project("short-lived") == null
        && h.client.namespaces().withName("genai-short-lived").get() == null);
    assertThat(labelled("short-lived")).as("objects labelled for the deleted project").isEmpty();
  }

  @Test
  @Order(9)
  void aProjectDeletedWhileTheOperatorIsDownGoesWhenItReturns() {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName("deleted-meanwhile");
    h.client.resource(p).create();
    h.awaitPhase("deleted-meanwhile", "Ready");
    h.stopOperator();
    try {
      h.client.resource(h.project("deleted-meanwhile")).delete();
      GenAIProject terminating = h.project("deleted-meanwhile");
      assertThat(terminating.getMetadata().getDeletionTimestamp()).as("held by the operator's finalizer")
          .isNotNull();
      assertThat(h.client.namespaces().withName("genai-deleted-meanwhile").get()).isNotNull();
    } finally {
      h.startOperator();
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> h.project("deleted-meanwhile") == null
        && h.client.namespaces().withName("genai-deleted-meanwhile").get() == null);
    assertThat(labelled("deleted-meanwhile")).isEmpty();
  }

  /** Every object anywhere labelled for this project, of every kind the operator creates. */
  static List<String> labelled(String project) {
    String selector = Names.PROJECT + "=" + project;
    List<String> out = new java.util.ArrayList<>();
    h.client.namespaces().withLabel(selector).list().getItems().forEach(o -> out.add("namespace/" + name(o)));
    h.client.serviceAccounts().inAnyNamespace().withLabel(selector).list().getItems().forEach(o -> out.add(name(o)));
    h.client.rbac().roleBindings().inAnyNamespace().withLabel(selector).list().getItems().forEach(o -> out.add(name(o)));
    h.client.resourceQuotas().inAnyNamespace().withLabel(selector).list().getItems().forEach(o -> out.add(name(o)));
    h.client.limitRanges().inAnyNamespace().withLabel(selector).list().getItems().forEach(o -> out.add(name(o)));
    h.client.network().v1().networkPolicies().inAnyNamespace().withLabel(selector).list().getItems()
        .forEach(o -> out.add(name(o)));
    h.client.apps().deployments().inAnyNamespace().withLabel(selector).list().getItems().forEach(o -> out.add(name(o)));
    h.client.services().inAnyNamespace().withLabel(selector).list().getItems().forEach(o -> out.add(name(o)));
    h.client.configMaps().inAnyNamespace().withLabel(selector).list().getItems().forEach(o -> out.add(name(o)));
    return out;
  }

  private static String name(io.fabric8.kubernetes.api.model.HasMetadata o) {
    return o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }

  static long operatorWrites() {
    return h.real.controlPlane.audit().by(OPERATOR).stream().filter(AuditLog.Request::isWrite).count();
  }

  /** The samples as a platform team and pilot teams apply them: the policy, approvals by their approvers, projects. */
  static List<String> applySamples() throws IOException {
    var json = h.client.getKubernetesSerialization();
    List<Path> files;
    try (var s = Files.list(TestFiles.samples())) {
      files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path f : files) {
      if ("GenAIPlatformPolicy".equals(TestFiles.yaml(f).path("kind").asText())) {
        h.client.resource(read(f, GenAIPlatformPolicy.class)).create();
      }
    }
    for (Path f : files) {
      if (GenAIProjectApproval.KIND.equals(TestFiles.yaml(f).path("kind").asText())) {
        h.approve(read(f, GenAIProjectApproval.class));
      }
    }
    List<String> projects = new java.util.ArrayList<>();
    for (Path f : files) {
      if (GenAIProject.KIND.equals(TestFiles.yaml(f).path("kind").asText())) {
        projects.add(h.client.resource(read(f, GenAIProject.class)).create().getMetadata().getName());
      }
    }
    return projects;
  }

  private static <T> T read(Path f, Class<T> type) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      return h.client.getKubernetesSerialization().unmarshal(in, type);
    }
  }
}
