package dev.platform.genai.operator;

import static dev.platform.genai.operator.OperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.TeamSubject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Create, resync, change, drift and delete, against the CRUD mock API server. */
class ProjectLifecycleTest {
  static OperatorHarness h;

  @BeforeAll
  static void start() {
    h = new OperatorHarness();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void aConfidentialPilotBecomesReadyWithEveryChild() {
    GenAIProject created = h.apply("confidential-pilot.yaml");
    GenAIProject p = h.awaitPhase("claims-summarizer", "Ready");
    String ns = "genai-claims-summarizer";

    assertThat(p.getStatus().namespace).isEqualTo(ns);
    assertThat(p.getStatus().observedGeneration).isEqualTo(p.getMetadata().getGeneration());
    assertThat(p.getStatus().quota.gpus).isEqualTo(2);
    assertThat(p.getStatus().conditions)
        .extracting(c -> c.type + "=" + c.status)
        .containsExactly(
            "Ready=True",
            "NamespaceReady=True",
            "AccessReady=True",
            "QuotaReady=True",
            "GuardrailsReady=True",
            "BudgetAtRisk=False",
            "CostAlertsReady=False",
            "CostTrackingReady=False",
            "PolicyInForce=False",
            "TenantBoundaryHeld=True",
            "Reconciling=False",
            "Stalled=False");
    assertThat(p.getStatus().conditions)
        .allSatisfy(
            c -> {
              assertThat(c.observedGeneration).isEqualTo(p.getMetadata().getGeneration());
              assertThat(c.lastTransitionTime).isEqualTo("2026-11-25T10:00:00Z");
              assertThat(c.reason).isNotBlank();
              assertThat(c.message).isNotBlank();
            });

    Namespace namespace = h.client.namespaces().withName(ns).get();
    assertThat(namespace.getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
        .containsEntry("genai.platform.dev/cost-center", "cc-2201")
        .containsEntry("genai.platform.dev/classification", "Confidential");
    RoleBinding owners =
        h.client.rbac().roleBindings().inNamespace(ns).withName("genai-owners").get();
    assertThat(owners.getRoleRef().getName()).isEqualTo("admin");
    assertThat(owners.getSubjects())
        .extracting(s -> s.getKind() + ":" + s.getName())
        .containsExactly("User:jonas.weber@example.com");
    assertThat(
            h.client
                .rbac()
                .roleBindings()
                .inNamespace(ns)
                .withName("genai-members")
                .get()
                .getSubjects())
        .extracting(s -> s.getKind() + ":" + s.getName())
        .containsExactly("Group:claims-ai-devs", "ServiceAccount:ci-deployer");
    assertThat(h.client.serviceAccounts().inNamespace(ns).withName("workload").get()).isNotNull();
    ResourceQuota quota = h.client.resourceQuotas().inNamespace(ns).withName("genai-quota").get();
    assertThat(quota.getSpec().getHard())
        .containsEntry("requests.nvidia.com/gpu", new Quantity("2"))
        .containsEntry("requests.cpu", new Quantity("16"))
        .containsEntry("requests.memory", new Quantity("64Gi"));
    assertThat(h.client.limitRanges().inNamespace(ns).withName("genai-limits").get()).isNotNull();
    assertThat(h.client.network().v1().networkPolicies().inNamespace(ns).list().getItems())
        .extracting(np -> np.getMetadata().getName())
        .containsExactlyInAnyOrder("genai-isolation", "genai-egress");

    // no garbage collector in the mock: what proves cleanup on delete is the owner reference on
    // every child
    List<HasMetadata> children =
        List.of(
            namespace,
            owners,
            quota,
            h.client.serviceAccounts().inNamespace(ns).withName("workload").get(),
            h.client.limitRanges().inNamespace(ns).withName("genai-limits").get(),
            h.client
                .network()
                .v1()
                .networkPolicies()
                .inNamespace(ns)
                .withName("genai-egress")
                .get());
    assertThat(children)
        .allSatisfy(
            c ->
                assertThat(c.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(
                        o -> {
                          assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid());
                          assertThat(o.getKind()).isEqualTo("GenAIProject");
                          assertThat(o.getController()).isTrue();
                        }));
  }

  @Test
  void aResyncThatFindsEverythingAsDesiredWritesNothing() {
    h.apply("restricted-production.yaml");
    h.awaitPhase("fraud-assistant", "Ready");
    int projects = h.client.resources(GenAIProject.class).list().getItems().size();
    // let every project's first-round reconciles settle (the first resync creates the platform
    // policy, which each project reports in PolicyInForce: a status write of its own)
    h.resyncAll(projects);
    h.server.dispatcher().resetCounts();
    h.resyncAll(projects);
    assertThat(h.server.dispatcher().writes("genaiplatformpolicies"))
        .as("writes during a resync of %d projects: %s", projects, h.server.dispatcher().counts())
        .isZero();
  }

  @Test
  void aSpecChangeUpdatesTheChildren() {
    h.apply("public-pilot.yaml");
    h.awaitPhase("support-copilot", "Ready");
    h.editProject(
        "support-copilot",
        changed -> {
          changed.getSpec().resources.gpus = 3;
          changed.getSpec().team.viewers = List.of(new TeamSubject("Group", "support-leads", null));
        });

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              String ns = "genai-support-copilot";
              assertThat(
                      h.client
                          .resourceQuotas()
                          .inNamespace(ns)
                          .withName("genai-quota")
                          .get()
                          .getSpec()
                          .getHard())
                  .containsEntry("requests.nvidia.com/gpu", new Quantity("3"));
              assertThat(
                      h.client
                          .rbac()
                          .roleBindings()
                          .inNamespace(ns)
                          .withName("genai-viewers")
                          .get()
                          .getSubjects())
                  .extracting(s -> s.getName())
                  .containsExactly("support-leads");
            });
    GenAIProject after = h.awaitPhase("support-copilot", "Ready");
    assertThat(after.getStatus().quota.gpus).isEqualTo(3);
  }

  @Test
  void driftIsCorrectedExactly() {
    h.apply("public-pilot.yaml", "drift-test");
    h.awaitPhase("drift-test", "Ready");
    String ns = "genai-drift-test";

    ResourceQuota quota = h.client.resourceQuotas().inNamespace(ns).withName("genai-quota").get();
    quota.getSpec().getHard().put("requests.nvidia.com/gpu", new Quantity("100"));
    h.client.resource(quota).update();
    RoleBinding owners =
        h.client.rbac().roleBindings().inNamespace(ns).withName("genai-owners").get();
    owners
        .getSubjects()
        .add(
            new SubjectBuilder()
                .withKind("User")
                .withName("intruder@example.com")
                .withApiGroup("rbac.authorization.k8s.io")
                .build());
    h.client.resource(owners).update();
    h.client.rbac().roleBindings().inNamespace(ns).withName("genai-members").delete();
    NetworkPolicy isolation =
        h.client.network().v1().networkPolicies().inNamespace(ns).withName("genai-isolation").get();
    isolation
        .getSpec()
        .getIngress()
        .get(0)
        .getFrom()
        .add(
            new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder()
                .withNewIpBlock()
                .withCidr("0.0.0.0/0")
                .endIpBlock()
                .build());
    h.client.resource(isolation).update();
    Namespace namespace = h.client.namespaces().withName(ns).get();
    namespace.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "privileged");
    namespace
        .getMetadata()
        .getLabels()
        .put("team.example.com/owner", "support"); // someone else's label
    h.client.resource(namespace).update();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(
                      h.client
                          .resourceQuotas()
                          .inNamespace(ns)
                          .withName("genai-quota")
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
                  .extracting(s -> s.getName())
                  .containsExactly("marc.dubois@example.com");
              assertThat(
                      h.client
                          .rbac()
                          .roleBindings()
                          .inNamespace(ns)
                          .withName("genai-members")
                          .get())
                  .isNotNull();
              assertThat(
                      h.client
                          .network()
                          .v1()
                          .networkPolicies()
                          .inNamespace(ns)
                          .withName("genai-isolation")
                          .get()
                          .getSpec()
                          .getIngress()
                          .get(0)
                          .getFrom())
                  .hasSize(2);
              assertThat(h.client.namespaces().withName(ns).get().getMetadata().getLabels())
                  .containsEntry("pod-security.kubernetes.io/enforce", "baseline")
                  .containsEntry("team.example.com/owner", "support");
            });
  }

  @Test
  void aNamespaceThatIsNotOursIsNeverAdopted() {
    h.client
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName("genai-taken")
                .addToLabels("team", "someone-else")
                .endMetadata()
                .build())
        .create();
    h.apply("public-pilot.yaml", "taken");
    GenAIProject p = h.awaitPhase("taken", "Failed");
    assertThat(condition(p, "NamespaceReady"))
        .get()
        .satisfies(
            c -> {
              assertThat(c.status).isEqualTo("False");
              assertThat(c.reason).isEqualTo("NamespaceConflict");
              assertThat(c.message)
                  .contains("genai-taken already exists and does not belong to this project");
            });
    Namespace ns = h.client.namespaces().withName("genai-taken").get();
    assertThat(ns.getMetadata().getLabels())
        .containsExactly(java.util.Map.entry("team", "someone-else"));
    assertThat(ns.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(h.client.rbac().roleBindings().inNamespace("genai-taken").list().getItems())
        .isEmpty();
    assertThat(h.events("taken"))
        .anySatisfy(
            e -> {
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getReason()).isEqualTo("NamespaceConflict");
            });
  }

  @Test
  void aSpecThatBypassedAdmissionIsReportedNotCrashedOn() {
    GenAIProject bad = dev.platform.genai.Samples.project("public-pilot.yaml");
    bad.getMetadata().setName("bypassed");
    bad.getSpec().budget.monthlyLimit = "0";
    bad.getSpec().dataClassification = "Confidential"; // and no compliance block
    h.client.resource(bad).create();
    GenAIProject p = h.awaitPhase("bypassed", "Failed");
    assertThat(condition(p, "Ready"))
        .get()
        .satisfies(
            c -> {
              assertThat(c.reason).isEqualTo("InvalidSpec");
              assertThat(c.message)
                  .contains("spec.budget.monthlyLimit: monthlyLimit must be a positive amount")
                  .contains(
                      "spec.compliance: Confidential and Restricted data need compliance.owner");
            });
    assertThat(h.client.namespaces().withName("genai-bypassed").get()).isNull();
    assertThat(h.events("bypassed")).extracting(e -> e.getReason()).contains("InvalidSpec");

    // fixing the spec provisions it
    h.editProject(
        "bypassed",
        x -> {
          x.getSpec().budget.monthlyLimit = "100";
          x.getSpec().dataClassification = "Internal";
        });
    h.awaitPhase("bypassed", "Ready");
  }

  @Test
  void aRequestAboveTheCapGetsTheCapAndSaysWhatToDo() {
    GenAIProject big = dev.platform.genai.Samples.project("public-pilot.yaml");
    big.getMetadata().setName("too-big");
    big.getSpec().resources.gpus = 12;
    h.client.resource(big).create();
    GenAIProject p = h.awaitPhase("too-big", "Failed");
    assertThat(condition(p, "QuotaReady"))
        .get()
        .satisfies(
            c -> {
              assertThat(c.reason).isEqualTo("ExceedsPolicyCap");
              assertThat(c.message).contains("requested 12 GPUs, the Pilot cap is 4");
            });
    assertThat(
            h.client
                .resourceQuotas()
                .inNamespace("genai-too-big")
                .withName("genai-quota")
                .get()
                .getSpec()
                .getHard())
        .containsEntry("requests.nvidia.com/gpu", new Quantity("4"));
    assertThat(p.getStatus().quota.gpus).isEqualTo(4);
  }

  @Test
  void deletingTheProjectIsNotBlocked() {
    h.apply("public-pilot.yaml", "short-lived");
    h.awaitPhase("short-lived", "Ready");
    h.client.resources(GenAIProject.class).withName("short-lived").delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> h.project("short-lived") == null);
  }
}
