package dev.platform.genai.controlplane;

import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import dev.platform.genai.TestFiles;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real control plane for this test JVM: started once (etcd, kube-apiserver,
 * kube-controller-manager with the controllers of {@link ControlPlane#CONTROLLERS}: RBAC
 * aggregation and quota included), with the chart installed as a platform engineer installs it
 * (CRDs, the operator's ServiceAccount and least-privilege RBAC, the approval admission policy, the
 * operator's own Deployment), and stopped when the JVM ends.
 *
 * <p>Where the binaries are not built the tests that need it are skipped with a message naming the
 * script — except under CI ({@code CI=true}), where a skipped real-server test is a failure: {@code
 * .ci/run} builds them.
 */
public final class RealCluster {
  public static final String RELEASE_NAMESPACE = "genai-system";
  public static final String OPERATOR_SERVICE_ACCOUNT = "genai-operator";

  /** The group the chart's values bind to the compliance ClusterRole (rbac.complianceGroup). */
  public static final String COMPLIANCE_GROUP = "genai-compliance";

  /** The group the chart's values let break glass past the tenant boundary. */
  public static final String BREAK_GLASS_GROUP = "platform-oncall";

  static final Path CHART = TestFiles.repoRoot().resolve("charts/genai-operator");
  private static RealCluster shared;

  public final ControlPlane controlPlane;
  public final Binaries binaries;

  /**
   * Every object the chart rendered (applied, except what needs an API this cluster does not
   * serve).
   */
  public final List<HasMetadata> chart;

  private RealCluster(ControlPlane controlPlane, Binaries binaries, List<HasMetadata> chart) {
    this.controlPlane = controlPlane;
    this.binaries = binaries;
    this.chart = chart;
  }

  /**
   * The chart's values: cloud IAM on (its RBAC rendered), against the fake of Google the harness
   * starts.
   */
  static final Map<String, String> VALUES =
      Map.of(
          "rbac.complianceGroup",
          COMPLIANCE_GROUP,
          "gcp.clusterProject",
          "sandbox-gke",
          "tenancy.breakGlassGroups[0]",
          BREAK_GLASS_GROUP);

  /**
   * The cluster, started on first use; skips (or under CI fails) the calling test when it cannot be
   * had.
   */
  public static synchronized RealCluster shared() {
    if (shared == null) {
      Binaries bin = binariesOrSkip();
      ControlPlane cp = ControlPlane.start(bin, ControlPlane.CONTROLLERS);
      // stopped when the JVM ends (ControlPlane's own hook)
      List<HasMetadata> chart = renderChart(values(cp));
      shared = new RealCluster(cp, bin, chart);
      shared.installChart();
    }
    return shared;
  }

  /** A control plane of the caller's own, with the chart installed; the caller closes it. */
  public static RealCluster start() {
    Binaries bin = binariesOrSkip();
    ControlPlane cp = ControlPlane.start(bin, ControlPlane.CONTROLLERS);
    RealCluster cluster = new RealCluster(cp, bin, renderChart(values(cp)));
    cluster.installChart();
    return cluster;
  }

  /**
   * A control plane of the caller's own with nothing installed, for a test that installs as the
   * README says ({@link #installChartObjects()} for {@code helm install}); the caller closes it.
   */
  public static RealCluster bare() {
    Binaries bin = binariesOrSkip();
    ControlPlane cp = ControlPlane.start(bin, ControlPlane.CONTROLLERS);
    return new RealCluster(cp, bin, renderChart(values(cp)));
  }

  /** Stops a control plane from {@link #start()} (the shared one stops with the JVM). */
  public void close() {
    controlPlane.close();
  }

  /**
   * The built binaries, or the test is skipped (failed under CI) with the command that builds them.
   */
  public static Binaries binariesOrSkip() {
    Binaries.Result found = Binaries.locate(TestFiles.repoRoot());
    if (found.binaries().isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail("CI runs the real control plane, but: " + found.why());
      }
      Assumptions.abort("real control plane not available: " + found.why());
    }
    return found.binaries().get();
  }

  public KubernetesClient admin() {
    return controlPlane.adminClient();
  }

  /**
   * The client configuration of the operator's pod: the chart's ServiceAccount, its token issued by
   * the server.
   */
  public Config operatorConfig() {
    return controlPlane.config(
        controlPlane.serviceAccountToken(RELEASE_NAMESPACE, OPERATOR_SERVICE_ACCOUNT));
  }

  /**
   * A client acting as this user in these groups (the admin impersonating them, as `kubectl --as`
   * does).
   */
  public KubernetesClient as(String user, String... groups) {
    Config c = controlPlane.adminConfig();
    c.setImpersonateUsername(user);
    c.setImpersonateGroups(groups);
    return new KubernetesClientBuilder().withConfig(c).build();
  }

  /**
   * The operator's environment as the chart's Deployment sets it (plain values; JVM options left
   * out).
   */
  public Map<String, String> operatorEnvironment() {
    Deployment d =
        chart.stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the chart renders no Deployment"));
    Map<String, String> env = new HashMap<>();
    for (EnvVar e : d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      if (e.getValue() != null && !e.getName().equals("JAVA_TOOL_OPTIONS")) {
        env.put(e.getName(), e.getValue());
      }
    }
    return env;
  }

  /**
   * The values, with the server's version as Helm's capabilities would give it at {@code helm
   * install} ({@code helm template} cannot ask; the admission policies' CEL depends on it).
   */
  static Map<String, String> values(ControlPlane cp) {
    Map<String, String> v = new HashMap<>(VALUES);
    try (KubernetesClient admin = cp.adminClient()) {
      v.put("kubeVersionOverride", admin.getKubernetesVersion().getGitVersion());
    }
    return v;
  }

  static List<HasMetadata> renderChart(Map<String, String> values) {
    var template =
        new Helm(CHART).template().withName("genai-operator").withNamespace(RELEASE_NAMESPACE);
    values.forEach(template::set);
    String yaml = template.call();
    KubernetesSerialization k8s = new KubernetesSerialization();
    List<HasMetadata> out = new ArrayList<>();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
        out.add(k8s.unmarshal(doc));
      }
    }
    return out;
  }

  /**
   * As `helm install` would: the release namespace (Pod Security restricted, as a hardened cluster
   * labels it), the CRDs first, then everything else the chart renders; a ServiceMonitor needs
   * Prometheus Operator, absent here.
   */
  private void installChart() {
    try (KubernetesClient admin = admin()) {
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(RELEASE_NAMESPACE)
                  .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                  .endMetadata()
                  .build())
          .create();
    }
    installChartObjects();
  }

  /**
   * What {@code helm install} creates, into the release namespace (which must exist): the CRDs
   * first, then everything else the chart renders; a ServiceMonitor needs Prometheus Operator,
   * absent here.
   */
  public void installChartObjects() {
    try (KubernetesClient admin = admin()) {
      for (HasMetadata o : chart) {
        if (o instanceof CustomResourceDefinition crd) {
          admin.resource(crd).create();
        }
      }
      for (HasMetadata o : chart) {
        if (o instanceof CustomResourceDefinition crd) {
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> KueueManager.established(admin, crd.getMetadata().getName()));
        }
      }
      for (HasMetadata o : chart) {
        if (!(o instanceof CustomResourceDefinition) && !"ServiceMonitor".equals(o.getKind())) {
          admin.resource(o).create();
        }
      }
    }
  }

  /**
   * What {@code helm uninstall} removes: everything the chart rendered but its CRDs (kept:
   * resource-policy keep).
   */
  public void uninstallChartObjects() {
    try (KubernetesClient admin = admin()) {
      for (HasMetadata o : chart) {
        if (!(o instanceof CustomResourceDefinition) && !"ServiceMonitor".equals(o.getKind())) {
          admin.resource(o).delete();
        }
      }
    }
  }

  /**
   * Envoy AI Gateway's and Envoy Gateway's CRDs the operator writes to, as published (committed at
   * pinned commits, operator/src/test/resources/envoy-ai-gateway), installed and Established.
   */
  public void installEnvoyAiGatewayCrds() {
    com.fasterxml.jackson.databind.ObjectMapper yaml =
        new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    try (KubernetesClient admin = admin()) {
      for (var k : dev.platform.genai.desired.DesiredAiGateway.KINDS) {
        try (var in = RealCluster.class.getResourceAsStream("/envoy-ai-gateway/" + k.crdFile())) {
          com.fasterxml.jackson.databind.JsonNode doc = null;
          for (var d :
              yaml.readerFor(com.fasterxml.jackson.databind.JsonNode.class)
                  .<com.fasterxml.jackson.databind.JsonNode>readValues(in)
                  .readAll()) {
            doc =
                d != null && d.has("kind")
                    ? d
                    : doc; // the file opens with a comment and a separator
          }
          if (admin.apiextensions().v1().customResourceDefinitions().withName(k.crd()).get()
              == null) {
            admin
                .resource(
                    admin
                        .getKubernetesSerialization()
                        .convertValue(doc, CustomResourceDefinition.class))
                .create();
          }
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> KueueManager.established(admin, k.crd()));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
  }

  /**
   * Removes them again and waits until they are gone: the cluster is shared, and an operator
   * started later must not find the gateway (it would put every sample's endpoints behind it).
   */
  public void removeEnvoyAiGatewayCrds() {
    try (KubernetesClient admin = admin()) {
      for (var k : dev.platform.genai.desired.DesiredAiGateway.KINDS) {
        admin.apiextensions().v1().customResourceDefinitions().withName(k.crd()).delete();
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  dev.platform.genai.desired.DesiredAiGateway.KINDS.stream()
                      .allMatch(
                          k ->
                              admin
                                      .apiextensions()
                                      .v1()
                                      .customResourceDefinitions()
                                      .withName(k.crd())
                                      .get()
                                  == null));
    }
  }
}
