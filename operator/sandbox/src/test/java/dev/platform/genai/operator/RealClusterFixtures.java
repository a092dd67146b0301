package dev.platform.genai.operator;

import static org.awaitility.Awaitility.await;

import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.controlplane.AuditLog;
import dev.platform.genai.controlplane.KueueManager;
import dev.platform.genai.controlplane.RealCluster;
import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator tests on the real control plane share: the samples applied, the audit read,
 * what is left.
 */
final class RealClusterFixtures {
  /** The operator's identity: the chart's ServiceAccount. */
  static final String OPERATOR =
      "system:serviceaccount:"
          + RealCluster.RELEASE_NAMESPACE
          + ":"
          + RealCluster.OPERATOR_SERVICE_ACCOUNT;

  private RealClusterFixtures() {}

  /** A grant that is taken away again when closed. */
  interface Grant extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * The break-glass group's own RBAC (chart value tenancy.breakGlassGroups), as a platform grants
   * its responders: admin in every namespace; closing it takes it away.
   */
  static Grant breakGlassResponders(OperatorHarness h) {
    h.client
        .resource(
            new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName("platform-oncall-admin")
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName("admin")
                .endRoleRef()
                .addNewSubject()
                .withKind("Group")
                .withName(RealCluster.BREAK_GLASS_GROUP)
                .withApiGroup("rbac.authorization.k8s.io")
                .endSubject()
                .build())
        .create();
    return () -> h.client.rbac().clusterRoleBindings().withName("platform-oncall-admin").delete();
  }

  /**
   * The call was refused (403) by a chart's ValidatingAdmissionPolicy whose name starts with {@code
   * policy} — not by RBAC — with a message saying each of {@code says}.
   */
  static void refusedBy(String policy, Runnable call, String... says) {
    org.assertj.core.api.Assertions.assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            io.fabric8.kubernetes.client.KubernetesClientException.class,
            e -> {
              org.assertj.core.api.Assertions.assertThat(e.getCode()).isEqualTo(403);
              org.assertj.core.api.Assertions.assertThat(e.getMessage())
                  .contains("ValidatingAdmissionPolicy '" + policy);
              for (String s : says) {
                org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(s);
              }
            });
  }

  /** Every request the operator's identity was refused so far, as the API server audited it. */
  static List<AuditLog.Request> refused(OperatorHarness h) {
    return h.real.controlPlane.audit().by(OPERATOR).stream().filter(r -> r.code() == 403).toList();
  }

  /**
   * The operator's writes so far, its Lease's renewals left out (leader election patches it every 2
   * s).
   */
  static List<AuditLog.Request> operatorWrites(OperatorHarness h) {
    return h.real.controlPlane.audit().by(OPERATOR).stream()
        .filter(AuditLog.Request::isWrite)
        .filter(r -> !"leases".equals(r.resource()))
        .toList();
  }

  /** Every object anywhere labelled for this project, of every kind the operator creates. */
  static List<String> labelled(OperatorHarness h, String project) {
    String selector = Names.PROJECT + "=" + project;
    KubernetesClient c = h.client;
    List<HasMetadata> found = new ArrayList<>();
    found.addAll(c.namespaces().withLabel(selector).list().getItems());
    found.addAll(c.serviceAccounts().inAnyNamespace().withLabel(selector).list().getItems());
    found.addAll(c.rbac().roleBindings().inAnyNamespace().withLabel(selector).list().getItems());
    found.addAll(c.resourceQuotas().inAnyNamespace().withLabel(selector).list().getItems());
    found.addAll(c.limitRanges().inAnyNamespace().withLabel(selector).list().getItems());
    found.addAll(
        c.network().v1().networkPolicies().inAnyNamespace().withLabel(selector).list().getItems());
    found.addAll(c.apps().deployments().inAnyNamespace().withLabel(selector).list().getItems());
    found.addAll(c.services().inAnyNamespace().withLabel(selector).list().getItems());
    found.addAll(c.configMaps().inAnyNamespace().withLabel(selector).list().getItems());
    found.addAll(c.rbac().clusterRoles().withLabel(selector).list().getItems());
    found.addAll(c.rbac().clusterRoleBindings().withLabel(selector).list().getItems());
    return found.stream()
        .map(
            o ->
                o.getKind()
                    + " "
                    + o.getMetadata().getNamespace()
                    + "/"
                    + o.getMetadata().getName())
        .toList();
  }

  /**
   * Prometheus Operator's own CRDs (committed at a pinned commit), as a cluster with it installed
   * serves them.
   */
  static void installPrometheusOperatorCrds() {
    try (KubernetesClient admin = RealCluster.shared().admin()) {
      for (String f : List.of("podmonitors.yaml", "prometheusrules.yaml")) {
        try (InputStream in =
            RealClusterFixtures.class.getResourceAsStream("/prometheus-operator/" + f)) {
          CustomResourceDefinition crd =
              admin.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
          if (admin
                  .apiextensions()
                  .v1()
                  .customResourceDefinitions()
                  .withName(crd.getMetadata().getName())
                  .get()
              == null) {
            admin.resource(crd).create();
          }
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> KueueManager.established(admin, crd.getMetadata().getName()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /**
   * The samples as a platform team and pilot teams apply them: the policy, approvals by their
   * approvers, projects.
   */
  static List<String> applySamples(OperatorHarness h) throws IOException {
    List<Path> files;
    try (var s = Files.list(TestFiles.samples())) {
      files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path f : files) {
      if ("GenAIPlatformPolicy".equals(kind(f))) {
        h.client.resource(read(h, f, GenAIPlatformPolicy.class)).create();
      }
    }
    for (Path f : files) {
      if (GenAIProjectApproval.KIND.equals(kind(f))) {
        h.approve(read(h, f, GenAIProjectApproval.class));
      }
    }
    List<String> projects = new ArrayList<>();
    for (Path f : files) {
      if (GenAIProject.KIND.equals(kind(f))) {
        projects.add(
            h.client.resource(read(h, f, GenAIProject.class)).create().getMetadata().getName());
      }
    }
    return projects;
  }

  private static String kind(Path f) {
    return TestFiles.yaml(f).path("kind").asText();
  }

  private static <T> T read(OperatorHarness h, Path f, Class<T> type) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      return h.client.getKubernetesSerialization().unmarshal(in, type);
    }
  }
}
