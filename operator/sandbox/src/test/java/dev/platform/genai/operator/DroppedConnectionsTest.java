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
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: every connection of the operator, watches included, dropped during an outage; nothing
 * is missed.
 */
class DroppedConnectionsTest {
  @Test
  void informersRecoverAndNoEventIsMissed() throws Exception {
    try (SandboxApiServer server = SandboxApiServer.start();
        KubernetesClient admin = server.client();
        CuttableProxy proxy = new CuttableProxy(server.port());
        KubernetesClient viaProxy =
            new KubernetesClientBuilder()
                .withConfig(
                    new ConfigBuilder(admin.getConfiguration()).withMasterUrl(proxy.url()).build())
                .build()) {
      server.installCrds(
          admin,
          List.of(
              AdmissionRules.crdResource(GenAIProject.class),
              AdmissionRules.crdResource(GenAIPlatformPolicy.class)));
      try (GenAIOperator operator =
          GenAIOperator.create(
                  viaProxy,
                  Settings.from(Map.of()),
                  GenAIOperator.Options.production()
                      .withClock(OperatorHarness.CLOCK)
                      .fast()
                      .withOptionalApis(() -> InstalledApis.NONE))
              .start()) {
        admin.resource(Samples.project("public-pilot.yaml")).create();
        awaitPhase(admin, "support-copilot", "Ready");

        proxy.cut(true); // the operator loses every connection, and cannot reconnect for a while
        long start = System.nanoTime();
        admin
            .resource(Samples.project("confidential-pilot.yaml"))
            .create(); // an event during the outage
        var quota =
            admin
                .resourceQuotas()
                .inNamespace("genai-support-copilot")
                .withName("genai-quota")
                .get();
        quota
            .getSpec()
            .getHard()
            .put("requests.nvidia.com/gpu", new Quantity("64")); // drift during the outage
        admin.resource(quota).update();
        Thread.sleep(2000);
        proxy.resume();

        awaitPhase(admin, "claims-summarizer", "Ready");
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    admin
                        .resourceQuotas()
                        .inNamespace("genai-support-copilot")
                        .withName("genai-quota")
                        .get()
                        .getSpec()
                        .getHard()
                        .get("requests.nvidia.com/gpu")
                        .toString()
                        .equals("1"));
        System.out.printf(
            "[reliability] all connections dropped for 2 s: the project created and the quota edited"
                + " meanwhile were handled %d ms after the cut%n",
            (System.nanoTime() - start) / 1_000_000);
        assertThat(admin.namespaces().withName("genai-claims-summarizer").get()).isNotNull();
      }
    }
  }

  private static void awaitPhase(KubernetesClient c, String name, String phase) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              GenAIProject p = c.resources(GenAIProject.class).withName(name).get();
              return p != null && p.getStatus() != null && phase.equals(p.getStatus().phase);
            });
  }
}
