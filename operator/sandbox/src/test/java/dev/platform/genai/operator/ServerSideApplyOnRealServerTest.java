package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.controlplane.AuditLog;
import dev.platform.genai.controlplane.RealCluster;
import dev.platform.genai.model.Names;
import dev.platform.genai.plan.InstalledApis;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Server-side apply against the operator's update, measured on the real API server (its audit log):
 * the writes and requests of create→Ready of every sample and of two resyncs, and what becomes of
 * what other field managers do to a child — a `kubectl rollout restart` of an endpoint, a person's
 * annotation on the quota, a GPU key added to the quota, a port added to the endpoint's Service —
 * once the operator writes the child again. The figures and the decision (production updates) are
 * in docs/testing.md, "Server-side apply".
 */
class ServerSideApplyOnRealServerTest {
  static final String OPERATOR = RealClusterFixtures.OPERATOR;
  static final String NS = "genai-contract-assistant";
  static final String EXTRA_GPU = "requests.nvidia.com/mig-1g.10gb";

  @ParameterizedTest(name = "server-side apply {0}")
  @ValueSource(booleans = {false, true})
  void measure(boolean ssa) throws Exception {
    if (ssa) {
      grantPatch(); // an apply is a patch (and a create where it creates): the chart grants what
      // updates need
    }
    try (OperatorHarness h = OperatorHarness.onRealCluster(() -> InstalledApis.NONE, ssa)) {
      AuditLog audit = h.real.controlPlane.audit();
      int before = audit.by(OPERATOR).size();
      int writesBefore = RealClusterFixtures.operatorWrites(h).size();
      List<String> projects = RealClusterFixtures.applySamples(h);
      for (String p : projects) {
        h.awaitPhase(p, "Ready");
      }
      Thread.sleep(1000); // the audit log is written as requests complete
      int createRequests = audit.by(OPERATOR).size() - before;
      int createWrites = RealClusterFixtures.operatorWrites(h).size() - writesBefore;
      h.resyncAll(projects.size());
      Thread.sleep(1000);
      int w0 = RealClusterFixtures.operatorWrites(h).size();
      h.resyncAll(projects.size());
      h.resyncAll(projects.size());
      Thread.sleep(1000);
      List<String> resyncWrites =
          RealClusterFixtures.operatorWrites(h).stream()
              .skip(w0)
              .map(r -> r.verb() + " " + r.uri())
              .toList();

      // other managers: a rollout restart, a note on the quota, a GPU key added to the quota, a
      // port added to the
      // Service; then drift the operator corrects (the image), which makes it write the Deployment
      // again
      h.client
          .apps()
          .deployments()
          .inNamespace(NS)
          .withName("model-llama-8b")
          .patch(
              kubectl("kubectl-rollout"),
              """
          {"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-12-04T10:00:00Z"}}}}}""");
      h.client
          .resourceQuotas()
          .inNamespace(NS)
          .withName(Names.QUOTA)
          .patch(
              kubectl("kubectl-edit"),
              """
          {"metadata":{"annotations":{"finops.example.com/reviewed":"yes"}},"spec":{"hard":{"%s":"8"}}}"""
                  .formatted(EXTRA_GPU));
      h.client
          .services()
          .inNamespace(NS)
          .withName("model-llama-8b")
          .patch(
              kubectl("kubectl-edit"),
              """
          {"spec":{"ports":[{"name":"debug","port":9999,"protocol":"TCP","targetPort":9999}]}}""");
      String container =
          deployment(h).getSpec().getTemplate().getSpec().getContainers().get(0).getName();
      h.client
          .apps()
          .deployments()
          .inNamespace(NS)
          .withName("model-llama-8b")
          .patch(
              kubectl("kubectl-patch"),
              """
          {"spec":{"template":{"spec":{"containers":[{"name":"%s","image":"example.com/other:latest"}]}}}}"""
                  .formatted(container));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  !deployment(h)
                      .getSpec()
                      .getTemplate()
                      .getSpec()
                      .getContainers()
                      .get(0)
                      .getImage()
                      .equals("example.com/other:latest"));
      Thread.sleep(2000); // the quota's and the Service's reconciles ran with the Deployment's
      Map<String, String> template =
          deployment(h).getSpec().getTemplate().getMetadata().getAnnotations();
      boolean restartKept =
          template != null && template.containsKey("kubectl.kubernetes.io/restartedAt");
      var quota = h.client.resourceQuotas().inNamespace(NS).withName(Names.QUOTA).get();
      boolean noteKept =
          quota.getMetadata().getAnnotations().containsKey("finops.example.com/reviewed");
      boolean extraGpuKept = quota.getSpec().getHard().containsKey(EXTRA_GPU);
      boolean extraPortKept =
          h
              .client
              .services()
              .inNamespace(NS)
              .withName("model-llama-8b")
              .get()
              .getSpec()
              .getPorts()
              .stream()
              .anyMatch(p -> p.getPort() == 9999);
      System.out.printf(
          "[ssa] serverSideApply=%s: create->Ready of %d samples: %d requests, %d writes; two resyncs:"
              + " %d writes; after the operator writes again: rollout restart kept %s, a person's annotation kept %s,"
              + " a GPU key someone added to the quota kept %s, a port someone added to the Service kept %s%n",
          ssa,
          projects.size(),
          createRequests,
          createWrites,
          resyncWrites.size(),
          restartKept,
          noteKept,
          extraGpuKept,
          extraPortKept);
      assertThat(resyncWrites).as("writes of two resyncs").isEmpty();
      assertThat(noteKept).as("annotations others add are kept either way").isTrue();
      // the difference: an update writes the whole spec the operator decides, an apply only its own
      // fields
      assertThat(restartKept)
          .as("a rollout restart survives the operator's next write")
          .isEqualTo(ssa);
      assertThat(extraGpuKept)
          .as("a GPU quota key someone added survives the operator's correction")
          .isEqualTo(ssa);
      assertThat(extraPortKept)
          .as("a port someone added survives the operator's correction")
          .isEqualTo(ssa);
      assertThat(audit.by(OPERATOR).stream().filter(r -> r.code() == 403).toList()).isEmpty();
    } finally {
      revokePatch();
    }
  }

  /** A strategic merge patch under the field manager kubectl names for that command. */
  static PatchContext kubectl(String manager) {
    return new PatchContext.Builder()
        .withPatchType(PatchType.STRATEGIC_MERGE)
        .withFieldManager(manager)
        .build();
  }

  static Deployment deployment(OperatorHarness h) {
    return h.client.apps().deployments().inNamespace(NS).withName("model-llama-8b").get();
  }

  static void grantPatch() {
    try (KubernetesClient admin = RealCluster.shared().admin()) {
      admin
          .rbac()
          .clusterRoles()
          .resource(
              new ClusterRoleBuilder()
                  .withNewMetadata()
                  .withName("ssa-measurement")
                  .endMetadata()
                  .addNewRule()
                  .withApiGroups("", "apps", "rbac.authorization.k8s.io", "networking.k8s.io")
                  .withResources(
                      "namespaces",
                      "serviceaccounts",
                      "resourcequotas",
                      "limitranges",
                      "services",
                      "deployments",
                      "rolebindings",
                      "networkpolicies",
                      "clusterroles",
                      "clusterrolebindings",
                      "roles")
                  .withVerbs("patch")
                  .endRule()
                  .build())
          .create();
      admin
          .rbac()
          .clusterRoleBindings()
          .resource(
              new ClusterRoleBindingBuilder()
                  .withNewMetadata()
                  .withName("ssa-measurement")
                  .endMetadata()
                  .withNewRoleRef()
                  .withApiGroup("rbac.authorization.k8s.io")
                  .withKind("ClusterRole")
                  .withName("ssa-measurement")
                  .endRoleRef()
                  .addNewSubject()
                  .withKind("ServiceAccount")
                  .withName(RealCluster.OPERATOR_SERVICE_ACCOUNT)
                  .withNamespace(RealCluster.RELEASE_NAMESPACE)
                  .endSubject()
                  .build())
          .create();
    }
  }

  static void revokePatch() {
    try (KubernetesClient admin = RealCluster.shared().admin()) {
      admin.rbac().clusterRoleBindings().withName("ssa-measurement").delete();
      admin.rbac().clusterRoles().withName("ssa-measurement").delete();
    }
  }
}
