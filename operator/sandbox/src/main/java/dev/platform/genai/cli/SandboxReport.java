package dev.platform.genai.cli;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.ProjectCondition;
import dev.platform.genai.api.external.ClusterQueue;
import dev.platform.genai.api.external.ClusterQueueV1beta1;
import dev.platform.genai.api.external.LocalQueue;
import dev.platform.genai.api.external.LocalQueueV1beta1;
import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What {@code local} prints: a {@code kubectl get gp}-style table, and each project's objects. */
final class SandboxReport {
  private SandboxReport() {}

  private static final List<String> KIND_ORDER =
      List.of(
          "Namespace",
          "ClusterRole",
          "ClusterRoleBinding",
          "ServiceAccount",
          "RoleBinding",
          "ResourceQuota",
          "LimitRange",
          "NetworkPolicy",
          "ClusterQueue",
          "LocalQueue",
          "Deployment",
          "Service",
          "ConfigMap");

  static String table(List<GenAIProject> projects) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "NAME", "STAGE", "CLASSIFICATION", "BUDGET", "ENDPOINTS", "GPUS", "PHASE", "READY"
        });
    for (GenAIProject p : projects) {
      var s = p.getSpec();
      rows.add(
          new String[] {
            p.getMetadata().getName(),
            s.stage,
            s.dataClassification,
            s.budget == null ? "" : s.budget.monthlyLimit + " " + s.budget.currency,
            p.getStatus() == null || p.getStatus().endpointsReady == null
                ? ""
                : p.getStatus().endpointsReady,
            p.getStatus() == null || p.getStatus().gpu == null ? "" : p.getStatus().gpu.usage,
            p.getStatus() == null ? "" : p.getStatus().phase,
            ready(p)
          });
    }
    int[] widths = new int[8];
    rows.forEach(
        r -> {
          for (int i = 0; i < r.length; i++) {
            widths[i] = Math.max(widths[i], r[i] == null ? 0 : r[i].length());
          }
        });
    StringBuilder b = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        String cell = r[i] == null ? "" : r[i];
        b.append(i == r.length - 1 ? cell : String.format("%-" + (widths[i] + 3) + "s", cell));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String ready(GenAIProject p) {
    if (p.getStatus() == null) {
      return "";
    }
    return p.getStatus().conditions.stream()
        .filter(c -> "Ready".equals(c.type))
        .map(c -> c.status)
        .findFirst()
        .orElse("");
  }

  private static String ns(GenAIProject p) {
    return p.getStatus() == null ? null : p.getStatus().namespace;
  }

  /** The project's Kueue queues, where the sandbox has Kueue's CRDs (local --installed kueue). */
  private static void queues(
      KubernetesClient client, String selector, String ns, List<HasMetadata> objects) {
    var crds = client.apiextensions().v1().customResourceDefinitions();
    var crd =
        crds.withName(
                io.fabric8.kubernetes.api.model.HasMetadata.getFullResourceName(ClusterQueue.class))
            .get();
    if (crd == null) {
      return;
    }
    boolean v1beta2 =
        crd.getSpec().getVersions().stream().anyMatch(v -> "v1beta2".equals(v.getName()));
    objects.addAll(
        v1beta2
            ? client.resources(ClusterQueue.class).withLabelSelector(selector).list().getItems()
            : client
                .resources(ClusterQueueV1beta1.class)
                .withLabelSelector(selector)
                .list()
                .getItems());
    if (ns != null) {
      objects.addAll(
          v1beta2
              ? client
                  .resources(LocalQueue.class)
                  .inNamespace(ns)
                  .withLabelSelector(selector)
                  .list()
                  .getItems()
              : client
                  .resources(LocalQueueV1beta1.class)
                  .inNamespace(ns)
                  .withLabelSelector(selector)
                  .list()
                  .getItems());
    }
  }

  static String objects(KubernetesClient client, GenAIProject p) {
    StringBuilder b = new StringBuilder(p.getMetadata().getName() + ":\n");
    if (p.getStatus() != null) {
      for (ProjectCondition c : p.getStatus().conditions) {
        boolean abnormalTrue = List.of("BudgetAtRisk", "Reconciling", "Stalled").contains(c.type);
        boolean good = "True".equals(c.status) != abnormalTrue;
        if (!good && !"NotInstalled".equals(c.reason)) {
          b.append("  ")
              .append(c.type)
              .append("=")
              .append(c.status)
              .append(" (")
              .append(c.reason)
              .append("): ")
              .append(c.message)
              .append('\n');
        }
      }
    }
    String selector = Names.PROJECT + "=" + p.getMetadata().getName();
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(
        client.namespaces().withLabel(Names.PROJECT, p.getMetadata().getName()).list().getItems());
    objects.addAll(client.rbac().clusterRoles().withLabelSelector(selector).list().getItems());
    objects.addAll(
        client.rbac().clusterRoleBindings().withLabelSelector(selector).list().getItems());
    queues(client, selector, ns(p), objects);
    String ns = p.getStatus() == null ? null : p.getStatus().namespace;
    if (ns != null) {
      objects.addAll(
          client.serviceAccounts().inNamespace(ns).withLabelSelector(selector).list().getItems());
      objects.addAll(
          client
              .rbac()
              .roleBindings()
              .inNamespace(ns)
              .withLabelSelector(selector)
              .list()
              .getItems());
      objects.addAll(
          client.resourceQuotas().inNamespace(ns).withLabelSelector(selector).list().getItems());
      objects.addAll(
          client.limitRanges().inNamespace(ns).withLabelSelector(selector).list().getItems());
      objects.addAll(
          client
              .network()
              .v1()
              .networkPolicies()
              .inNamespace(ns)
              .withLabelSelector(selector)
              .list()
              .getItems());
      objects.addAll(
          client
              .apps()
              .deployments()
              .inNamespace(ns)
              .withLabelSelector(selector)
              .list()
              .getItems());
      objects.addAll(
          client.services().inNamespace(ns).withLabelSelector(selector).list().getItems());
      objects.addAll(
          client.configMaps().inNamespace(ns).withLabelSelector(selector).list().getItems());
    }
    // once each, of the kinds listed: the mock's label-selected lists can repeat an object (seen:
    // the first
    // project's Namespace twice once the cluster-scoped RBAC kinds were listed too)
    objects =
        new ArrayList<>(
            objects.stream()
                .filter(o -> KIND_ORDER.contains(o.getKind()))
                .collect(
                    java.util.stream.Collectors.toMap(
                        o ->
                            o.getKind()
                                + "/"
                                + o.getMetadata().getNamespace()
                                + "/"
                                + o.getMetadata().getName(),
                        o -> o,
                        (first, again) -> first,
                        java.util.LinkedHashMap::new))
                .values());
    objects.sort(
        Comparator.comparingInt((HasMetadata o) -> KIND_ORDER.indexOf(o.getKind()))
            .thenComparing(o -> o.getMetadata().getName()));
    if (objects.isEmpty()) {
      b.append("  (no objects created)\n");
    }
    for (HasMetadata o : objects) {
      b.append("  ")
          .append(o.getKind().toLowerCase())
          .append('/')
          .append(o.getMetadata().getName())
          .append(
              o.getMetadata().getNamespace() == null
                  ? ""
                  : "  (namespace " + o.getMetadata().getNamespace() + ")")
          .append('\n');
    }
    if (p.getStatus() != null && p.getStatus().endpoints != null) {
      p.getStatus()
          .endpoints
          .forEach(
              e ->
                  b.append("  endpoint ")
                      .append(e.name)
                      .append(" (")
                      .append(e.kind)
                      .append(", ")
                      .append(e.model)
                      .append("): ")
                      .append(
                          Boolean.TRUE.equals(e.ready)
                              ? "ready at " + e.url
                              : "not ready" + (e.message == null ? "" : ": " + e.message))
                      .append('\n'));
    }
    if (p.getStatus() != null && p.getStatus().cloudAccess != null) {
      p.getStatus()
          .cloudAccess
          .members
          .forEach(
              m ->
                  b.append("  google iam: ")
                      .append(m.role)
                      .append(" on ")
                      .append(m.resource)
                      .append(" to ")
                      .append(m.member)
                      .append('\n'));
    }
    return b.toString();
  }
}
