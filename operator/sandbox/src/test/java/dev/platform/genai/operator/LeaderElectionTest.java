package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.Samples;
import dev.platform.genai.admission.AdmissionRules;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.config.Settings;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two replicas, one Lease: only the leader reconciles; when it dies the other takes over. */
class LeaderElectionTest {
  static final Settings HA = Settings.from(Map.of("GENAI_LEADER_ELECTION", "true"));

  static GenAIOperator.Options replica(String id) {
    return new GenAIOperator.Options(
        OperatorHarness.CLOCK,
        id,
        Duration.ofSeconds(2),
        Duration.ofMillis(1500),
        Duration.ofMillis(300),
        false,
        Duration.ofMillis(200),
        () -> InstalledApis.NONE,
        false);
  }

  @Test
  void onlyTheLeaderReconcilesAndTheStandbyTakesOver() {
    try (SandboxApiServer server = SandboxApiServer.start();
        KubernetesClient admin = server.client();
        KubernetesClient clientA = server.client();
        KubernetesClient clientB = server.client()) {
      server.installCrds(
          admin,
          List.of(
              AdmissionRules.crdResource(GenAIProject.class),
              AdmissionRules.crdResource(GenAIPlatformPolicy.class)));
      GenAIOperator a = GenAIOperator.create(clientA, HA, replica("replica-a")).start();
      GenAIOperator b = GenAIOperator.create(clientB, HA, replica("replica-b")).start();
      try {
        await().atMost(Duration.ofSeconds(15)).until(() -> holder(admin).isPresent());
        String first = holder(admin).orElseThrow();
        GenAIOperator leader = first.equals("replica-a") ? a : b;
        GenAIOperator standby = leader == a ? b : a;

        admin.resource(Samples.project("public-pilot.yaml")).create();
        awaitReady(admin, "support-copilot");
        // a reconcile counts once it returns, a moment after the status it wrote is visible
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> leader.reconciler().completedReconciles() > 0);
        assertThat(standby.reconciler().completedReconciles())
            .as("the standby must not reconcile")
            .isZero();

        leader.close();
        String second = first.equals("replica-a") ? "replica-b" : "replica-a";
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> holder(admin).filter(second::equals).isPresent());
        admin.resource(Samples.project("confidential-pilot.yaml")).create();
        awaitReady(admin, "claims-summarizer");
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> standby.reconciler().completedReconciles() > 0);
      } finally {
        a.close();
        b.close();
      }
    }
  }

  private static Optional<String> holder(KubernetesClient c) {
    Lease lease = c.leases().inNamespace("default").withName("genai-operator-leader").get();
    return Optional.ofNullable(lease)
        .map(l -> l.getSpec().getHolderIdentity())
        .filter(h -> !h.isEmpty());
  }

  private static void awaitReady(KubernetesClient c, String name) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              GenAIProject p = c.resources(GenAIProject.class).withName(name).get();
              return p != null && p.getStatus() != null && "Ready".equals(p.getStatus().phase);
            });
  }
}
