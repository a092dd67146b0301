package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.ProjectCondition;
import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The people a project declares, on the real control plane with the controllers a cluster runs
 * (RBAC aggregation, quota): acting as them (impersonation, as {@code kubectl --as}), what they may
 * do in their namespace, that they can read their own project and its Events and nobody else's,
 * that the quota holds against them, and what deleting the platform policy tells every project.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TeamOnRealServerTest {
  static final String NS = "genai-claims-summarizer";
  static OperatorHarness h;

  @BeforeAll
  static void start() {
    h = OperatorHarness.onRealCluster(Map.of(), null);
    h.apply("confidential-pilot.yaml"); // claims-summarizer: 2 GPUs, members claims-ai-devs and
    // ci/ci-deployer
    h.apply("public-pilot.yaml"); // support-copilot: another team's
    h.awaitPhase("claims-summarizer", "Ready");
    h.awaitPhase("support-copilot", "Ready");
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
  }

  /**
   * As a person the project declares, in the cluster's terms: a user, a member of a group, a
   * ServiceAccount.
   */
  static final Map<String, Function<OperatorHarness, KubernetesClient>> DECLARED =
      Map.of(
          "the owner", x -> x.real.as("jonas.weber@example.com"),
          "a member (by group)", x -> x.real.as("dev@example.com", "claims-ai-devs"),
          "a member (ServiceAccount ci/ci-deployer)",
              x ->
                  x.real.as(
                      "system:serviceaccount:ci:ci-deployer",
                      "system:serviceaccounts",
                      "system:serviceaccounts:ci"),
          "the sponsor", x -> x.real.as("sofia.rossi@example.com"));

  @Test
  @Order(1)
  void theHarnessRunsAggregationAndQuotaAsAClusterDoes() {
    // clusterrole-aggregation: edit and view are filled from the roles aggregated into them (the
    // chart's too)
    ClusterRole view = h.client.rbac().clusterRoles().withName("view").get();
    assertThat(view.getRules())
        .anySatisfy(r -> assertThat(r.getResources()).contains("genaiprojects"));
    assertThat(h.client.rbac().clusterRoles().withName("edit").get().getRules())
        .anySatisfy(r -> assertThat(r.getResources()).contains("deployments"));
    // resourcequota: the quota's status is counted, so admission enforces it
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              ResourceQuota q =
                  h.client.resourceQuotas().inNamespace(NS).withName(Names.QUOTA).get();
              assertThat(q.getStatus().getHard())
                  .containsEntry("requests.nvidia.com/gpu", new Quantity("2"));
            });
  }

  @Test
  @Order(2)
  void aMemberWorksInTheNamespaceAndTheQuotaHoldsAgainstIt() {
    try (KubernetesClient member = DECLARED.get("a member (by group)").apply(h)) {
      // edit (aggregated) lets a member deploy
      member
          .apps()
          .deployments()
          .inNamespace(NS)
          .resource(
              new DeploymentBuilder()
                  .withNewMetadata()
                  .withName("app")
                  .endMetadata()
                  .withNewSpec()
                  .withNewSelector()
                  .addToMatchLabels("app", "a")
                  .endSelector()
                  .withNewTemplate()
                  .withNewMetadata()
                  .addToLabels("app", "a")
                  .endMetadata()
                  .withSpec(gpuPod("x", 0).getSpec())
                  .endTemplate()
                  .endSpec()
                  .build())
          .dryRun()
          .create();
      member.pods().inNamespace(NS).resource(gpuPod("two-gpus", 2)).create();
      assertThatThrownBy(
              () -> member.pods().inNamespace(NS).resource(gpuPod("one-more", 1)).create())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("exceeded quota: genai-quota")
          .hasMessageContaining("requests.nvidia.com/gpu");
    }
    // kubectl get gp's GPUs column, without Kueue: the quota's own count
    GenAIProject p =
        h.awaitProject(
            "claims-summarizer",
            x -> x.getStatus().gpu != null && "2/2".equals(x.getStatus().gpu.usage));
    assertThat(p.getStatus().gpu.resource).isEqualTo("requests.nvidia.com/gpu");
    h.client.pods().inNamespace(NS).withName("two-gpus").withGracePeriod(0).delete();
  }

  @Test
  @Order(3)
  void everyoneTheProjectDeclaresReadsItAndNobodyElsesProject() {
    DECLARED.forEach(
        (who, as) -> {
          try (KubernetesClient c = as.apply(h)) {
            GenAIProject own = c.resources(GenAIProject.class).withName("claims-summarizer").get();
            assertThat(own).as(who + " reads the own project").isNotNull();
            assertThat(own.getStatus().phase).isEqualTo("Ready");
            assertForbidden(
                () -> c.resources(GenAIProject.class).withName("support-copilot").get(),
                who + " reads another team's project");
            assertForbidden(
                () -> c.resources(GenAIProject.class).list(), who + " lists every project");
          }
        });
    // another project's member: not this one
    try (KubernetesClient other = h.real.as("dev2@example.com", "support-ai-devs")) {
      assertThat(other.resources(GenAIProject.class).withName("support-copilot").get()).isNotNull();
      assertForbidden(
          () -> other.resources(GenAIProject.class).withName("claims-summarizer").get(),
          "another project's member reads this one");
    }
  }

  @Test
  @Order(4)
  void theTeamReadsItsProjectsEventsInItsNamespace() {
    try (KubernetesClient member = DECLARED.get("a member (by group)").apply(h)) {
      List<Event> events =
          member.v1().events().inNamespace(NS).list().getItems().stream()
              .filter(e -> GenAIProject.KIND.equals(e.getInvolvedObject().getKind()))
              .toList();
      assertThat(events)
          .as("the project's Events in its namespace")
          .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("Ready"));
      assertForbidden(
          () -> member.v1().events().inNamespace("default").list(),
          "a member reads every project's Events in default");
    }
    // the sponsor has no team role in the namespace: its Events, and nothing else there
    try (KubernetesClient sponsor = DECLARED.get("the sponsor").apply(h)) {
      assertThat(sponsor.v1().events().inNamespace(NS).list().getItems())
          .anySatisfy(
              e -> assertThat(e.getInvolvedObject().getKind()).isEqualTo(GenAIProject.KIND));
      assertForbidden(
          () -> sponsor.pods().inNamespace(NS).list(), "the sponsor lists the namespace's pods");
      assertForbidden(
          () -> sponsor.configMaps().inNamespace(NS).list(),
          "the sponsor lists the namespace's ConfigMaps");
    }
  }

  @Test
  @Order(5)
  void deletingThePlatformPolicyIsSeenOnEveryProject() {
    GenAIPlatformPolicy policy = new GenAIPlatformPolicy();
    policy.getMetadata().setName(GenAIPlatformPolicy.DEFAULT_NAME);
    policy.setSpec(new dev.platform.genai.api.GenAIPlatformPolicySpec());
    h.client.resource(policy).create();
    for (String p : List.of("claims-summarizer", "support-copilot")) {
      h.awaitProject(p, x -> condition(x).map(c -> "True".equals(c.status)).orElse(false));
    }
    h.client.resource(policy).delete();
    for (String p : List.of("claims-summarizer", "support-copilot")) {
      GenAIProject x =
          h.awaitProject(
              p, y -> condition(y).map(c -> "PolicyMissing".equals(c.reason)).orElse(false));
      assertThat(condition(x).orElseThrow().message)
          .contains("built-in defaults govern this project");
      assertThat(x.getStatus().phase)
          .as("the defaults still provision: not a failure")
          .isEqualTo("Ready");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  h.events(p).stream()
                      .anyMatch(
                          e ->
                              "PolicyMissing".equals(e.getReason())
                                  && "Warning".equals(e.getType())));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                h.client.v1().events().inNamespace(NS).list().getItems().stream()
                    .anyMatch(e -> "PolicyMissing".equals(e.getReason())));
  }

  private static java.util.Optional<ProjectCondition> condition(GenAIProject p) {
    return p.getStatus() == null
        ? java.util.Optional.empty()
        : OperatorHarness.condition(p, "PolicyInForce");
  }

  private static void assertForbidden(Runnable call, String what) {
    assertThatThrownBy(call::run)
        .as(what)
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }

  /**
   * A pod Pod Security restricted admits, asking for GPUs (container defaults fill CPU and memory).
   */
  static Pod gpuPod(String name, int gpus) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(1000L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("app")
        .withImage("registry.example.com/app:1")
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .withNewResources()
        .addToRequests("nvidia.com/gpu", new Quantity(String.valueOf(gpus)))
        .addToLimits("nvidia.com/gpu", new Quantity(String.valueOf(gpus)))
        .endResources()
        .endContainer()
        .endSpec()
        .build();
  }
}
