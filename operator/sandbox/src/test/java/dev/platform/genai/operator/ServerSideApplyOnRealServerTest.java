package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.controlplane.AuditLog;
import dev.platform.genai.model.Names;
import dev.platform.genai.plan.InstalledApis;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Server-side apply against today's update, measured on the real API server (its audit log): the writes and
 * requests of create→Ready of every sample and of two resyncs, and what happens to fields another manager owns — a
 * `kubectl rollout restart` of an endpoint, a person's annotation on the quota. Production still updates; the
 * figures and what a switch needs are in docs/testing.md ("Server-side apply").
 */
class ServerSideApplyOnRealServerTest {
  static final String OPERATOR = RealClusterFixtures.OPERATOR;
  static final String NS = "genai-contract-assistant";

  @ParameterizedTest(name = "server-side apply {0}")
  @ValueSource(booleans = {false, true})
  void measure(boolean ssa) throws Exception {
    if (ssa) {
      grantPatch(); // an apply is a patch: the chart grants create and update, as the update path needs
    }
    try (OperatorHarness h = OperatorHarness.onRealCluster(() -> InstalledApis.NONE, ssa)) {
      AuditLog audit = h.real.controlPlane.audit();
      int before = audit.by(OPERATOR).size();
      long writesBefore = writes(audit);
      List<String> projects = RealClusterFixtures.applySamples(h);
      for (String p : projects) {
        h.awaitPhase(p, "Ready");
      }
      Thread.sleep(1000); // let the last status write land in the audit log
      int createRequests = audit.by(OPERATOR).size() - before;
      long createWrites = writes(audit) - writesBefore;
      h.resyncAll(projects.size());
      long w0 = writes(audit);
      h.resyncAll(projects.size());
      h.resyncAll(projects.size());
      long resyncWrites = writes(audit) - w0;

      // another manager's fields: a rollout restart (kubectl's pod-template annotation), a person's note on the
      // quota; then drift the operator corrects (the image), which makes it write the Deployment again
      h.client.apps().deployments().inNamespace(NS).withName("model-llama-8b").patch(
          PatchContext.of(PatchType.STRATEGIC_MERGE), """
              {"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-12-04T10:00:00Z"}}}}}""");
      h.client.resourceQuotas().inNamespace(NS).withName(Names.QUOTA).edit(q -> {
        q.getMetadata().getAnnotations().put("finops.example.com/reviewed", "yes");
        return q;
      });
      String container = deployment(h).getSpec().getTemplate().getSpec().getContainers().get(0).getName();
      h.client.apps().deployments().inNamespace(NS).withName("model-llama-8b").patch(
          PatchContext.of(PatchType.STRATEGIC_MERGE), """
              {"spec":{"template":{"spec":{"containers":[{"name":"%s","image":"example.com/other:latest"}]}}}}"""
              .formatted(container));
      await().atMost(Duration.ofSeconds(30)).until(() -> !deployment(h).getSpec().getTemplate().getSpec()
          .getContainers().get(0).getImage().equals("example.com/other:latest"));
      Map<String, String> template = deployment(h).getSpec().getTemplate().getMetadata().getAnnotations();
      boolean restartKept = template != null && template.containsKey("kubectl.kubernetes.io/restartedAt");
      boolean noteKept = h.client.resourceQuotas().inNamespace(NS).withName(Names.QUOTA).get().getMetadata()
          .getAnnotations().containsKey("finops.example.com/reviewed");
      System.out.printf("[ssa] serverSideApply=%s: create->Ready of %d samples: %d requests, %d writes; two resyncs:"
          + " %d writes; rollout restart kept after a correction: %s; a person's annotation kept: %s%n",
          ssa, projects.size(), createRequests, createWrites, resyncWrites, restartKept, noteKept);
      assertThat(resyncWrites).isZero();
      assertThat(noteKept).isTrue();
      // the difference: an update writes the whole pod template the operator wants, an apply only its own fields
      assertThat(restartKept).as("a rollout restart survives the operator's next write").isEqualTo(ssa);
      assertThat(refused(audit)).isEmpty();
    } finally {
      try (var admin = dev.platform.genai.controlplane.RealCluster.shared().admin()) {
        admin.rbac().clusterRoleBindings().withName("ssa-measurement").delete();
        admin.rbac().clusterRoles().withName("ssa-measurement").delete();
      }
    }
  }

  static void grantPatch() {
    try (var admin = dev.platform.genai.controlplane.RealCluster.shared().admin()) {
      admin.rbac().clusterRoles().resource(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder()
          .withNewMetadata().withName("ssa-measurement").endMetadata()
          .addNewRule().withApiGroups("", "apps", "rbac.authorization.k8s.io", "networking.k8s.io",
              "monitoring.coreos.com").withResources("namespaces", "serviceaccounts", "resourcequotas", "limitranges",
              "services", "configmaps", "deployments", "rolebindings", "networkpolicies", "prometheusrules",
              "podmonitors").withVerbs("patch").endRule().build()).create();
      admin.rbac().clusterRoleBindings().resource(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder()
          .withNewMetadata().withName("ssa-measurement").endMetadata()
          .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
          .withName("ssa-measurement").endRoleRef()
          .addNewSubject().withKind("ServiceAccount").withName(
              dev.platform.genai.controlplane.RealCluster.OPERATOR_SERVICE_ACCOUNT)
          .withNamespace(dev.platform.genai.controlplane.RealCluster.RELEASE_NAMESPACE).endSubject().build())
          .create();
    }
  }

  static Deployment deployment(OperatorHarness h) {
    return h.client.apps().deployments().inNamespace(NS).withName("model-llama-8b").get();
  }

  static long writes(AuditLog audit) {
    return audit.by(OPERATOR).stream().filter(AuditLog.Request::isWrite).count();
  }

  static List<AuditLog.Request> refused(AuditLog audit) {
    return audit.by(OPERATOR).stream().filter(r -> r.code() == 403).toList();
  }
}
