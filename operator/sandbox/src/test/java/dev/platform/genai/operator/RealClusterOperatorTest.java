package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.TestFiles;
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
class RealClusterOperatorTest {
  static final String OPERATOR = "system:serviceaccount:" + RealCluster.RELEASE_NAMESPACE + ":"
      + RealCluster.OPERATOR_SERVICE_ACCOUNT;
  static OperatorHarness h;

  @BeforeAll
  static void start() {
    h = OperatorHarness.onRealCluster(() -> InstalledApis.NONE);
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
  }

  /** Every request the operator's identity was refused so far, as the API server audited it. */
  static List<AuditLog.Request> refused() {
    return h.real.controlPlane.audit().by(OPERATOR).stream().filter(r -> r.code() == 403).toList();
  }

  @Test
  void everySampleBecomesReadyAsTheChartsServiceAccount() throws IOException {
    List<String> projects = applySamples();
    for (String p : projects) {
      GenAIProject ready = h.awaitPhase(p, "Ready");
      assertThat(ready.getStatus().conditions).filteredOn(c -> "Ready".equals(c.type))
          .singleElement().satisfies(c -> assertThat(c.status).isEqualTo("True"));
    }
    // the self-hosted endpoint: the Deployment controller counts the pod the ReplicaSet controller created and
    // Pod Security admitted (restricted: the namespace is Confidential)
    Deployment d = h.client.apps().deployments().inNamespace("genai-contract-assistant").withName("model-llama-8b")
        .get();
    assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(1);
    assertThat(refused()).as("requests the operator was refused").isEmpty();
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
