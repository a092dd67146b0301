package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.api.GenAIProjectApprovalSpec;
import dev.platform.genai.api.external.PodMonitor;
import dev.platform.genai.api.external.PrometheusRule;
import dev.platform.genai.controlplane.AuditLog;
import dev.platform.genai.controlplane.ChartPermissions;
import dev.platform.genai.cost.FakePrometheus;
import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator on the real control plane, as the chart installs it: its ServiceAccount's token, the
 * chart's ClusterRole, leader election in the release namespace. The API server judges every
 * request (RBAC, admission, Pod Security), the namespace controller and garbage collector delete,
 * the Deployment and ReplicaSet controllers create the endpoints' pods (PodKubelet plays the
 * kubelet: it reports admitted pods running and ready).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealClusterOperatorTest {
  static final String OPERATOR = RealClusterFixtures.OPERATOR;
  static OperatorHarness h;
  static FakePrometheus prometheus;

  @BeforeAll
  static void start() throws Exception {
    prometheus =
        new FakePrometheus(); // spend for enforcement (the PromQL itself is tested on a real
    // Prometheus)
    RealClusterFixtures.installPrometheusOperatorCrds();
    // optional APIs detected as in production (their CRDs looked up by name), not injected
    h = OperatorHarness.onRealCluster(Map.of("GENAI_PROMETHEUS_URL", prometheus.url()), null);
    List<String> projects = RealClusterFixtures.applySamples(h);
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

  static List<AuditLog.Request> refused() {
    return RealClusterFixtures.refused(h);
  }

  @Test
  @Order(1)
  void everySampleBecomesReadyAsTheChartsServiceAccount() {
    for (String p :
        List.of("claims-summarizer", "contract-assistant", "support-copilot", "fraud-assistant")) {
      GenAIProject ready = h.awaitPhase(p, "Ready");
      assertThat(OperatorHarness.condition(ready, "Ready"))
          .hasValueSatisfying(c -> assertThat(c.status).isEqualTo("True"));
    }
    // the self-hosted endpoint: the Deployment controller counts the pod the ReplicaSet controller
    // created and
    // Pod Security admitted (restricted: the namespace is Confidential)
    Deployment d =
        h.client
            .apps()
            .deployments()
            .inNamespace("genai-contract-assistant")
            .withName("model-llama-8b")
            .get();
    assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(1);
    assertThat(
            h.client
                .namespaces()
                .withName("genai-contract-assistant")
                .get()
                .getMetadata()
                .getLabels())
        .containsEntry(Names.PSA_ENFORCE, "restricted");
    // created as Production with compliance's approval: promoted, not grandfathered
    assertThat(h.project("fraud-assistant").getStatus().promotion.state).isEqualTo("Promoted");
    assertThat(refused()).as("requests the operator was refused").isEmpty();
  }

  @Test
  @Order(2)
  void aResyncThatFindsEverythingAsDesiredWritesNothingOnTheRealServer() {
    // the real server normalises what it stores (quantities, defaults): a desired object not in
    // canonical form
    // would be "drift" on every reconcile
    h.resyncAll(4);
    int writes = RealClusterFixtures.operatorWrites(h).size();
    h.resyncAll(4);
    h.resyncAll(4);
    assertThat(
            RealClusterFixtures.operatorWrites(h).stream()
                .skip(writes)
                .map(r -> r.verb() + " " + r.uri())
                .toList())
        .as("writes of the operator during two resyncs of 4 projects")
        .isEmpty();
  }

  @Test
  @Order(3)
  void driftOfQuotaAndBindingsIsReverted() {
    String ns = "genai-support-copilot";
    h.client.rbac().roleBindings().inNamespace(ns).withName("genai-viewers").delete();
    ResourceQuota quota = h.client.resourceQuotas().inNamespace(ns).withName(Names.QUOTA).get();
    quota.getSpec().getHard().put("requests.nvidia.com/gpu", new Quantity("64"));
    h.client.resource(quota).update();
    RoleBinding owners =
        h.client.rbac().roleBindings().inNamespace(ns).withName("genai-owners").get();
    owners
        .getSubjects()
        .add(
            new SubjectBuilder()
                .withKind("User")
                .withName("mallory@example.com")
                .withApiGroup("rbac.authorization.k8s.io")
                .build());
    h.client.resource(owners).update();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(
                      h.client
                          .rbac()
                          .roleBindings()
                          .inNamespace(ns)
                          .withName("genai-viewers")
                          .get())
                  .isNotNull();
              assertThat(
                      h.client
                          .resourceQuotas()
                          .inNamespace(ns)
                          .withName(Names.QUOTA)
                          .get()
                          .getSpec()
                          .getHard())
                  .containsEntry("requests.nvidia.com/gpu", new Quantity("1"));
              assertThat(
                      h.client
                          .rbac()
                          .roleBindings()
                          .inNamespace(ns)
                          .withName("genai-owners")
                          .get()
                          .getSubjects())
                  .extracting(Subject::getName)
                  .doesNotContain("mallory@example.com");
            });
  }

  @Test
  @Order(3)
  void everyKindEditedByHandIsCorrected() {
    String ns = "genai-contract-assistant";
    h.client
        .namespaces()
        .withName(ns)
        .edit(
            n -> {
              n.getMetadata().getLabels().put(Names.PSA_ENFORCE, "privileged");
              return n;
            });
    h.client
        .serviceAccounts()
        .inNamespace(ns)
        .withName(Names.WORKLOAD_SERVICE_ACCOUNT)
        .edit(
            sa -> {
              sa.getMetadata().getLabels().put(Names.PROJECT, "someone-else");
              return sa;
            });
    h.client
        .limitRanges()
        .inNamespace(ns)
        .withName(Names.LIMIT_RANGE)
        .edit(
            l -> {
              l.getSpec().getLimits().get(0).getDefault().put("cpu", new Quantity("64"));
              return l;
            });
    h.client
        .network()
        .v1()
        .networkPolicies()
        .inNamespace(ns)
        .withName(Names.EGRESS_POLICY)
        .edit(
            np -> {
              np.getSpec()
                  .getEgress()
                  .add(
                      new NetworkPolicyEgressRuleBuilder()
                          .addNewTo()
                          .withNewIpBlock()
                          .withCidr("0.0.0.0/0")
                          .endIpBlock()
                          .endTo()
                          .build());
              return np;
            });
    h.client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("model-llama-8b")
        .edit(
            d -> {
              d.getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .setImage("example.com/other:latest");
              return d;
            });
    h.client
        .services()
        .inNamespace(ns)
        .withName("model-llama-8b")
        .edit(
            svc -> {
              svc.getSpec().getPorts().get(0).setPort(9999);
              return svc;
            });
    h.client
        .resources(PodMonitor.class)
        .inNamespace(ns)
        .withName("model-endpoints")
        .edit(
            pm -> {
              ((com.fasterxml.jackson.databind.node.ObjectNode) pm.getSpec()).putObject("selector");
              return pm;
            });
    h.client
        .configMaps()
        .inNamespace(ns)
        .withName("model-gemini-flash")
        .edit(
            cm -> {
              cm.getData().replaceAll((k, v) -> "edited");
              return cm;
            });
    h.client
        .resources(PrometheusRule.class)
        .inNamespace(ns)
        .withName(Names.BUDGET_RULE)
        .edit(
            r -> {
              firstRule(r).put("expr", "vector(0)");
              return r;
            });
    // a binding whose (immutable) roleRef was changed by hand: deleted and created again (the
    // operator may put its
    // own back in between: then again)
    RoleBinding byHand =
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName("genai-viewers")
            .withLabels(
                Map.of(Names.MANAGED_BY, Names.OPERATOR, Names.PROJECT, "contract-assistant"))
            .endMetadata()
            .withNewRoleRef()
            .withApiGroup("rbac.authorization.k8s.io")
            .withKind("ClusterRole")
            .withName("admin")
            .endRoleRef()
            .build();
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () -> {
              h.client
                  .rbac()
                  .roleBindings()
                  .inNamespace(ns)
                  .withName("genai-viewers")
                  .withGracePeriod(0)
                  .delete();
              return h.client.rbac().roleBindings().inNamespace(ns).resource(byHand).create()
                  != null;
            });
    // the project's reader role widened to every project, and its binding re-pointed to
    // cluster-admin by hand
    String reader = Names.projectReader("contract-assistant");
    h.client
        .rbac()
        .clusterRoles()
        .withName(reader)
        .edit(
            r -> {
              r.getRules().get(0).setResourceNames(List.of());
              return r;
            });
    ClusterRoleBinding repointed =
        new ClusterRoleBindingBuilder()
            .withNewMetadata()
            .withName(reader)
            .withLabels(
                Map.of(Names.MANAGED_BY, Names.OPERATOR, Names.PROJECT, "contract-assistant"))
            .endMetadata()
            .withNewRoleRef()
            .withApiGroup("rbac.authorization.k8s.io")
            .withKind("ClusterRole")
            .withName("cluster-admin")
            .endRoleRef()
            .build();
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () -> {
              h.client.rbac().clusterRoleBindings().withName(reader).withGracePeriod(0).delete();
              return h.client.rbac().clusterRoleBindings().resource(repointed).create() != null;
            });
    // the Events reader Role widened to the namespace's pods by hand
    h.client
        .rbac()
        .roles()
        .inNamespace(ns)
        .withName(Names.PROJECT_EVENTS)
        .edit(
            r -> {
              r.getRules().get(0).getResources().add("pods");
              return r;
            });
    // and someone added by hand to another project's readers
    String otherReader = Names.projectReader("support-copilot");
    h.client
        .rbac()
        .clusterRoleBindings()
        .withName(otherReader)
        .edit(
            b -> {
              b.getSubjects()
                  .add(
                      new SubjectBuilder()
                          .withKind("User")
                          .withApiGroup("rbac.authorization.k8s.io")
                          .withName("intruder@example.com")
                          .build());
              return b;
            });

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(h.client.namespaces().withName(ns).get().getMetadata().getLabels())
                  .containsEntry(Names.PSA_ENFORCE, "restricted");
              assertThat(
                      h.client
                          .serviceAccounts()
                          .inNamespace(ns)
                          .withName(Names.WORKLOAD_SERVICE_ACCOUNT)
                          .get()
                          .getMetadata()
                          .getLabels())
                  .containsEntry(Names.PROJECT, "contract-assistant");
              assertThat(
                      h.client
                          .limitRanges()
                          .inNamespace(ns)
                          .withName(Names.LIMIT_RANGE)
                          .get()
                          .getSpec()
                          .getLimits()
                          .get(0)
                          .getDefault()
                          .get("cpu"))
                  .isNotEqualTo(new Quantity("64"));
              assertThat(
                      h.client
                          .network()
                          .v1()
                          .networkPolicies()
                          .inNamespace(ns)
                          .withName(Names.EGRESS_POLICY)
                          .get()
                          .getSpec()
                          .getEgress())
                  .noneSatisfy(
                      e ->
                          assertThat(e.getTo())
                              .anySatisfy(
                                  t ->
                                      assertThat(
                                              t.getIpBlock() == null
                                                  ? ""
                                                  : t.getIpBlock().getCidr())
                                          .isEqualTo("0.0.0.0/0")));
              assertThat(
                      h.client
                          .apps()
                          .deployments()
                          .inNamespace(ns)
                          .withName("model-llama-8b")
                          .get()
                          .getSpec()
                          .getTemplate()
                          .getSpec()
                          .getContainers()
                          .get(0)
                          .getImage())
                  .isNotEqualTo("example.com/other:latest");
              assertThat(
                      h.client
                          .services()
                          .inNamespace(ns)
                          .withName("model-llama-8b")
                          .get()
                          .getSpec()
                          .getPorts()
                          .get(0)
                          .getPort())
                  .isNotEqualTo(9999);
              assertThat(
                      h.client
                          .resources(PodMonitor.class)
                          .inNamespace(ns)
                          .withName("model-endpoints")
                          .get()
                          .getSpec()
                          .path("selector")
                          .isEmpty())
                  .as("the PodMonitor's selector put back")
                  .isFalse();
              assertThat(
                      h.client
                          .configMaps()
                          .inNamespace(ns)
                          .withName("model-gemini-flash")
                          .get()
                          .getData()
                          .values())
                  .doesNotContain("edited");
              assertThat(
                      firstRule(
                              h.client
                                  .resources(PrometheusRule.class)
                                  .inNamespace(ns)
                                  .withName(Names.BUDGET_RULE)
                                  .get())
                          .get("expr"))
                  .isNotEqualTo("vector(0)");
              assertThat(
                      h.client
                          .rbac()
                          .roleBindings()
                          .inNamespace(ns)
                          .withName("genai-viewers")
                          .get()
                          .getRoleRef()
                          .getName())
                  .isEqualTo("view");
              assertThat(
                      h.client
                          .rbac()
                          .clusterRoles()
                          .withName(reader)
                          .get()
                          .getRules()
                          .get(0)
                          .getResourceNames())
                  .containsExactly("contract-assistant");
              assertThat(
                      h.client
                          .rbac()
                          .clusterRoleBindings()
                          .withName(reader)
                          .get()
                          .getRoleRef()
                          .getName())
                  .isEqualTo(reader);
              assertThat(
                      h.client
                          .rbac()
                          .clusterRoleBindings()
                          .withName(otherReader)
                          .get()
                          .getSubjects())
                  .noneSatisfy(
                      subject -> assertThat(subject.getName()).isEqualTo("intruder@example.com"));
              assertThat(
                      h.client
                          .rbac()
                          .roles()
                          .inNamespace(ns)
                          .withName(Names.PROJECT_EVENTS)
                          .get()
                          .getRules()
                          .get(0)
                          .getResources())
                  .containsExactly("events");
            });
  }

  @Test
  @Order(4)
  void endpointsRemovedFromTheSpecTakeTheirObjectsWithThem() {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName("endpoint-churn");
    GenAIProject withModels = Samples.project("contract-assistant.yaml");
    p.getSpec().models = withModels.getSpec().models;
    p.getSpec().gcp = withModels.getSpec().gcp; // the managed model's Google project
    h.client.resource(p).create();
    h.awaitPhase("endpoint-churn", "Ready");
    String ns = "genai-endpoint-churn";
    assertThat(h.client.apps().deployments().inNamespace(ns).withName("model-llama-8b").get())
        .isNotNull();
    assertThat(h.client.resources(PodMonitor.class).inNamespace(ns).list().getItems()).isNotEmpty();

    h.editProject("endpoint-churn", changed -> changed.getSpec().models = null);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(h.client.apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
              assertThat(h.client.services().inNamespace(ns).list().getItems()).isEmpty();
              assertThat(
                      h.client
                          .configMaps()
                          .inNamespace(ns)
                          .withLabel(Names.MANAGED_BY, Names.OPERATOR)
                          .list()
                          .getItems())
                  .isEmpty();
              assertThat(h.client.resources(PodMonitor.class).inNamespace(ns).list().getItems())
                  .isEmpty();
            });
  }

  @Test
  @Order(4)
  void aNamespaceSomeoneElseHasIsNeverAdopted() {
    h.client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("genai-squatter")
                .endMetadata()
                .build())
        .create();
    try {
      GenAIProject p = Samples.project("public-pilot.yaml");
      p.getMetadata().setName("squatter");
      h.client.resource(p).create();
      GenAIProject failed = h.awaitPhase("squatter", "Failed");
      assertThat(OperatorHarness.condition(failed, "NamespaceReady"))
          .hasValueSatisfying(c -> assertThat(c.reason).isEqualTo("NamespaceConflict"));
      assertThat(
              h.client
                  .namespaces()
                  .withName("genai-squatter")
                  .get()
                  .getMetadata()
                  .getOwnerReferences())
          .isEmpty();
    } finally {
      h.client.resources(GenAIProject.class).withName("squatter").delete();
      h.client.namespaces().withName("genai-squatter").delete();
    }
  }

  @Test
  @Order(5)
  void aPolicyChangeReachesEveryProject() {
    h.editPolicy(changed -> changed.getSpec().caps.pilot.gpus = 1);
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                for (String p :
                    List.of("claims-summarizer", "support-copilot", "contract-assistant")) {
                  assertThat(
                          h.client
                              .resourceQuotas()
                              .inNamespace("genai-" + p)
                              .withName(Names.QUOTA)
                              .get()
                              .getSpec()
                              .getHard()
                              .get("requests.nvidia.com/gpu"))
                      .as(p)
                      .isEqualTo(new Quantity("1"));
                }
                // Production keeps its own cap
                assertThat(
                        h.client
                            .resourceQuotas()
                            .inNamespace("genai-fraud-assistant")
                            .withName(Names.QUOTA)
                            .get()
                            .getSpec()
                            .getHard()
                            .get("requests.nvidia.com/gpu"))
                    .isNotEqualTo(new Quantity("1"));
              });
    } finally {
      h.editPolicy(changed -> changed.getSpec().caps.pilot.gpus = 4);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                h.client
                    .resourceQuotas()
                    .inNamespace("genai-claims-summarizer")
                    .withName(Names.QUOTA)
                    .get()
                    .getSpec()
                    .getHard()
                    .get("requests.nvidia.com/gpu")
                    .equals(new Quantity("2")));
  }

  @Test
  @Order(5)
  void confidentialEndpointsWaitForTheirApproval() {
    GenAIProject p = Samples.project("contract-assistant.yaml");
    p.getMetadata().setName("contract-review");
    h.client.resource(p).create();
    GenAIProject pending = h.awaitPhase("contract-review", "PendingApproval");
    assertThat(h.client.apps().deployments().inNamespace("genai-contract-review").list().getItems())
        .as("no model server before compliance approves")
        .isEmpty();

    GenAIProjectApproval a = new GenAIProjectApproval();
    a.getMetadata().setName("contract-review-dpia");
    a.setSpec(new GenAIProjectApprovalSpec());
    a.getSpec().project = "contract-review";
    a.getSpec().digest = pending.getStatus().approval.requiredDigest;
    a.getSpec().approvedBy = "dpo@example.com";
    a.getSpec().reference = "DPIA-2026-101";
    h.approve(a);
    h.awaitPhase("contract-review", "Ready");
    assertThat(
            h.client
                .apps()
                .deployments()
                .inNamespace("genai-contract-review")
                .withName("model-llama-8b")
                .get()
                .getStatus()
                .getAvailableReplicas())
        .isEqualTo(1);
  }

  @Test
  @Order(6)
  void aPromotionWithoutEvidenceIsHeldAtThePilotCap() {
    h.editProject("support-copilot", changed -> changed.getSpec().stage = "Production");
    GenAIProject held = h.awaitPhase("support-copilot", "PromotionPending");
    assertThat(held.getStatus().promotion.state).isEqualTo("Held");
    assertThat(
            h.client.namespaces().withName("genai-support-copilot").get().getMetadata().getLabels())
        .as("the namespace stays a pilot's while the promotion is held")
        .containsEntry(Names.STAGE, "Pilot");
    // withdrawn: the CRD's transition rule lets a held promotion go back (judged by the real
    // server)
    h.editProject("support-copilot", x -> x.getSpec().stage = "Pilot");
    h.awaitPhase("support-copilot", "Ready");
  }

  /**
   * Data residency on the real API server, with the chart's admission policy in force: the policy
   * keeps Confidential data in europe-west4 or europe-west1; contract-assistant's namespace gets
   * the regions, its llama-8b Deployment is pinned (so the residency admission policy admits its
   * new pods), the operator reads the nodes and the namespace's pods (the permissions the chart
   * grants for it) and the bucket (the fake of Google), and reports ResidencyCompliant. Lifting
   * residency empties the annotation.
   */
  @Test
  @Order(6)
  void dataResidencyPinsAConfidentialProject() {
    h.editPolicy(
        changed -> {
          changed.getSpec().residency = new dev.platform.genai.api.ResidencyPolicy();
          changed.getSpec().residency.confidentialData = new dev.platform.genai.api.ResidencyRule();
          changed.getSpec().residency.confidentialData.regions =
              List.of("europe-west4", "europe-west1");
        });
    try {
      // the regions join the approval's digest: running endpoints stay as approved until compliance
      // approves them
      GenAIProject asked =
          h.awaitProject(
              "contract-assistant",
              p -> p.getStatus().approval != null && p.getStatus().approval.regions != null);
      GenAIProjectApproval a = new GenAIProjectApproval();
      a.getMetadata().setName("contract-assistant-eu");
      a.setSpec(new GenAIProjectApprovalSpec());
      a.getSpec().project = "contract-assistant";
      a.getSpec().digest = asked.getStatus().approval.requiredDigest;
      a.getSpec().approvedBy = "dpo@example.com";
      a.getSpec().reference = "DPIA-2026-077 (EU residency)";
      h.approve(a);
      GenAIProject pinned =
          h.awaitProject(
              "contract-assistant",
              p -> OperatorHarness.condition(p, "ResidencyCompliant").isPresent());
      assertThat(
              h.client
                  .namespaces()
                  .withName("genai-contract-assistant")
                  .get()
                  .getMetadata()
                  .getAnnotations())
          .containsEntry(Names.RESIDENCY_REGIONS, "europe-west4,europe-west1");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          h.client
                              .apps()
                              .deployments()
                              .inNamespace("genai-contract-assistant")
                              .withName("model-llama-8b")
                              .get()
                              .getSpec()
                              .getTemplate()
                              .getSpec()
                              .getAffinity())
                      .isNotNull());
      assertThat(pinned.getStatus().residency.regions)
          .containsExactly("europe-west4", "europe-west1");
      assertThat(pinned.getStatus().residency.buckets)
          .extracting(b -> b.bucket + " " + b.compliant)
          .containsExactly("acme-legal-models true");
    } finally {
      h.editPolicy(changed -> changed.getSpec().residency = null);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ""
                    .equals(
                        h.client
                            .namespaces()
                            .withName("genai-contract-assistant")
                            .get()
                            .getMetadata()
                            .getAnnotations()
                            .get(Names.RESIDENCY_REGIONS)));
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
    assertThat(
            h.client
                .resourceQuotas()
                .inNamespace("genai-over-budget")
                .withName(Names.QUOTA)
                .get()
                .getSpec()
                .getHard()
                .get("requests.nvidia.com/gpu"))
        .isEqualTo(new Quantity("0"));
  }

  @Test
  @Order(8)
  void aDeletedProjectLeavesNothingBehind() {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName("short-lived");
    prometheus.spend(
        "genai-short-lived", "2000", "1"); // past the 50 % threshold: a notice, and a record of it
    h.client.resource(p).create();
    h.awaitPhase("short-lived", "Ready");
    var records = h.client.resources(dev.platform.genai.api.GenAIProjectRecord.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> records.withName("short-lived").get() != null);
    h.client.resource(h.project("short-lived")).delete();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> records.withName("short-lived").get() == null);
    // the namespace controller empties the namespace; the garbage collector takes what the project
    // owns
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                h.project("short-lived") == null
                    && h.client.namespaces().withName("genai-short-lived").get() == null);
    assertThat(RealClusterFixtures.labelled(h, "short-lived"))
        .as("objects labelled for the deleted project")
        .isEmpty();
  }

  /**
   * Status is reconstructable on the real server: wiped through the status subresource and the spec
   * changed, the project loses no record — the notice already sent is not sent again, the removed
   * role's member goes from Google.
   */
  @Test
  @Order(8)
  void aWipedStatusLosesNoRecordOnTheRealServer() {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName("wiped-real");
    p.getSpec().gcp = new dev.platform.genai.api.GcpAccess();
    p.getSpec().gcp.projectId = "acme-wiped-genai";
    p.getSpec().gcp.roles = List.of("roles/aiplatform.user", "roles/storage.objectViewer");
    prometheus.spend("genai-wiped-real", "2000", "1");
    h.client.resource(p).create();
    h.awaitPhase("wiped-real", "Ready");
    var records = h.client.resources(dev.platform.genai.api.GenAIProjectRecord.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> records.withName("wiped-real").get() != null);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                h.events("wiped-real").stream()
                    .anyMatch(e -> "BudgetThreshold".equals(e.getReason())));
    long notices =
        h.events("wiped-real").stream()
            .filter(e -> "BudgetThreshold".equals(e.getReason()))
            .count();
    String member =
        h.client
            .resources(dev.platform.genai.api.GoogleIamPolicy.class)
            .withName("project.acme-wiped-genai")
            .get()
            .getSpec()
            .members
            .get(0)
            .member;

    h.client
        .resources(GenAIProject.class)
        .withName("wiped-real")
        .editStatus(
            x -> {
              x.setStatus(null);
              return x;
            });
    h.client
        .resources(GenAIProject.class)
        .withName("wiped-real")
        .edit(
            x -> {
              x.getSpec().gcp.roles = List.of("roles/aiplatform.user");
              return x;
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> !h.google.has("projects/acme-wiped-genai", "roles/storage.objectViewer", member));
    GenAIProject rebuilt =
        h.awaitProject(
            "wiped-real",
            x ->
                x.getStatus() != null
                    && x.getStatus().budget != null
                    && x.getStatus().budget.notifiedThresholds.contains(50));
    assertThat(h.google.has("projects/acme-wiped-genai", "roles/aiplatform.user", member)).isTrue();
    assertThat(rebuilt.getStatus().budget.notifiedThresholds).contains(50);
    assertThat(
            h.events("wiped-real").stream()
                .filter(e -> "BudgetThreshold".equals(e.getReason()))
                .count())
        .as("no notice sent twice")
        .isEqualTo(notices);
  }

  /**
   * The Google IAM record on the real server: a GoogleIamPolicy per Google policy, without owner
   * references, so the garbage collector never takes it with the project; the project's finalizer
   * holds it until the policy's controller has removed its members (here after an outage), then the
   * empty record deletes itself.
   */
  @Test
  @Order(8)
  void aGoogleIamRecordOutlivesItsProjectUntilItsMembersAreGone() {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName("iam-real");
    p.getSpec().gcp = new dev.platform.genai.api.GcpAccess();
    p.getSpec().gcp.projectId = "acme-real-genai";
    p.getSpec().gcp.roles = List.of("roles/aiplatform.user");
    h.client.resource(p).create();
    h.awaitPhase("iam-real", "Ready");
    var records = h.client.resources(dev.platform.genai.api.GoogleIamPolicy.class);
    var record = records.withName("project.acme-real-genai").get();
    assertThat(record.getMetadata().getOwnerReferences())
        .as("no owner: the GC must not take it")
        .isEmpty();
    assertThat(record.getMetadata().getFinalizers())
        .containsExactly(dev.platform.genai.api.GoogleIamPolicy.FINALIZER);
    assertThat(record.getSpec().members)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.projects).containsExactly("iam-real");
              assertThat(e.origin).isEqualTo("Operator");
            });
    String member = record.getSpec().members.get(0).member;
    assertThat(h.google.has("projects/acme-real-genai", "roles/aiplatform.user", member)).isTrue();

    h.google.fault(
        r ->
            r.getUrl().encodedPath().endsWith(":setIamPolicy")
                ? java.util.Optional.of(
                    dev.platform.genai.sandbox.FakeGoogleIam.error(
                        503, "UNAVAILABLE", "unavailable"))
                : java.util.Optional.empty());
    try {
      h.client.resource(h.project("iam-real")).delete();
      h.awaitProject(
          "iam-real", x -> x.getStatus() != null && "Terminating".equals(x.getStatus().phase));
      assertThat(records.withName("project.acme-real-genai").get().getSpec().members)
          .as("the record stands while the member is in Google's policy")
          .hasSize(1);
    } finally {
      h.google.clearFaults();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                h.project("iam-real") == null
                    && records.withName("project.acme-real-genai").get() == null);
    assertThat(h.google.has("projects/acme-real-genai", "roles/aiplatform.user", member)).isFalse();
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
      assertThat(terminating.getMetadata().getDeletionTimestamp())
          .as("held by the operator's finalizer")
          .isNotNull();
      assertThat(h.client.namespaces().withName("genai-deleted-meanwhile").get()).isNotNull();
    } finally {
      h.startOperator();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                h.project("deleted-meanwhile") == null
                    && h.client.namespaces().withName("genai-deleted-meanwhile").get() == null);
    assertThat(RealClusterFixtures.labelled(h, "deleted-meanwhile")).isEmpty();
  }

  /**
   * The chart's RBAC is no wider than needed: every permission its ClusterRole and leader-election
   * Role grant was used by the operator in this class (the API server's audit log says so), except
   * those only other APIs exercise, each named with why. A permission nobody uses is one to remove;
   * a new kind without a scenario here fails.
   */
  @Test
  @Order(100)
  void everyPermissionTheChartGrantsIsUsed() {
    Set<String> used =
        h.real.controlPlane.audit().by(OPERATOR).stream()
            .filter(r -> r.code() < 400)
            .map(AuditLog.Request::permission)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> granted = ChartPermissions.granted(h.real.chart);
    // bind is no request of its own: the API server checks it when the operator creates a
    // RoleBinding to admin,
    // edit or view (RBAC's escalation check), which every project does
    assertThat(used).contains("rbac.authorization.k8s.io/rolebindings:create");
    granted.remove("rbac.authorization.k8s.io/clusterroles:bind");
    // get on projects likewise: held so that each project's reader ClusterRole may grant it (the
    // operator itself
    // reads projects from its informer's cache)
    assertThat(used).contains("rbac.authorization.k8s.io/clusterroles:create");
    granted.remove("genai.platform.dev/genaiprojects:get");
    // and events get/list/watch: each project's Role reading the Events of its namespace grants
    // them
    assertThat(used).contains("rbac.authorization.k8s.io/roles:create");
    granted.removeAll(Set.of("/events:get", "/events:list", "/events:watch"));
    // JOSDK reviews its own rules at start (selfsubjectrulesreviews) and refuses to start without
    // update on Leases,
    // though fabric8's LeaderElector only gets, creates and patches them
    assertThat(used).contains("authorization.k8s.io/selfsubjectrulesreviews:create");
    granted.remove("coordination.k8s.io/leases:update");
    Set<String> unused = new TreeSet<>(granted);
    unused.removeAll(used);
    unused.removeIf(ChartPermissions::elsewhere);
    assertThat(unused).as("granted but never used here (used: %s)", used).isEmpty();
    Set<String> ungranted = new TreeSet<>(used);
    ungranted.removeAll(granted);
    // every authenticated user may review its own rights (system:basic-user); JOSDK does at start
    ungranted.remove("authorization.k8s.io/selfsubjectrulesreviews:create");
    // and read discovery (system:discovery, a non-resource URL): fabric8 asks it for the gateway's
    // kinds when their informers are registered (group, version and kind given; it finds the
    // plural)
    ungranted.remove("/:get");
    assertThat(ungranted).as("used without a grant (RBAC would have refused)").isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> firstRule(PrometheusRule r) {
    return ((List<Map<String, Object>>) r.getSpec().groups.get(0).get("rules")).get(0);
  }
}
