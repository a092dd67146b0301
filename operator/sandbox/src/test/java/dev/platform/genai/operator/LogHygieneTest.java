package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.plan.InstalledApis;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the operator logs, at every level, while things go right and wrong: no token, no secret, no
 * PII.
 */
class LogHygieneTest {
  static final String TOKEN = "sandbox-bearer-token-0f9c2d";

  @Test
  void logsCarryNoSecretsAndNoSponsorPersonalData() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var previous = root.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(ctx);
    captured.start();
    root.addAppender(captured);
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    try (var server = dev.platform.genai.sandbox.SandboxApiServer.start();
        var admin = server.client();
        var withToken =
            new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(
                    new io.fabric8.kubernetes.client.ConfigBuilder(admin.getConfiguration())
                        .withOauthToken(TOKEN)
                        .build())
                .build()) {
      server.installCrds(
          admin,
          java.util.List.of(
              dev.platform.genai.admission.AdmissionRules.crdResource(GenAIProject.class),
              dev.platform.genai.admission.AdmissionRules.crdResource(
                  dev.platform.genai.api.GenAIPlatformPolicy.class)));
      var settings =
          dev.platform.genai.config.Settings.from(
              Map.of(
                  "GENAI_GCP_CLUSTER_PROJECT",
                  "acme-gke",
                  "GENAI_GCP_RESOURCEMANAGER_ENDPOINT",
                  "http://127.0.0.1:9",
                  "GENAI_GCP_IAM_ENDPOINT",
                  "http://127.0.0.1:9",
                  "GENAI_GCP_CREDENTIALS",
                  "none"));
      var op =
          GenAIOperator.create(
                  withToken,
                  settings,
                  GenAIOperator.Options.production()
                      .withClock(OperatorHarness.CLOCK)
                      .fast()
                      .withOptionalApis(() -> InstalledApis.NONE))
              .start();
      Harnessless h = new Harnessless(admin);
      admin
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("db")
                  .withNamespace("default")
                  .endMetadata()
                  .addToStringData("password", "hunter2-secret")
                  .build())
          .create();
      admin
          .resource(Samples.project("restricted-production.yaml"))
          .create(); // cloud unreachable: errors and retries get logged
      GenAIProject bad = Samples.project("public-pilot.yaml");
      bad.getMetadata().setName("bad-budget");
      bad.getSpec().budget.monthlyLimit = "0";
      admin.resource(bad).create();
      h.awaitPhase("bad-budget", "Failed");
      h.awaitProject(
          "fraud-assistant",
          p ->
              p.getStatus() != null
                  && p.getStatus().conditions.stream()
                      .anyMatch(c -> "CloudAccessReady".equals(c.type)));
    } finally {
      root.detachAppender(captured);
      root.setLevel(previous);
    }
    String all =
        captured.list.stream()
            .map(
                e ->
                    e.getFormattedMessage()
                        + (e.getThrowableProxy() == null
                            ? ""
                            : " " + e.getThrowableProxy().getMessage()))
            .collect(Collectors.joining("\n"));
    assertThat(captured.list).hasSizeGreaterThan(10);
    assertThat(all)
        .doesNotContain(TOKEN)
        .doesNotContain("hunter2-secret")
        .doesNotContain("priya.natarajan@example.com")
        .doesNotContain("amelie.laurent@example.com")
        .doesNotContain("compliance-payments@example.com");
  }

  /**
   * The two waits this test needs, without a harness (the operator here has its own client, with a
   * token).
   */
  record Harnessless(io.fabric8.kubernetes.client.KubernetesClient client) {
    void awaitPhase(String name, String phase) {
      awaitProject(name, p -> p.getStatus() != null && phase.equals(p.getStatus().phase));
    }

    void awaitProject(String name, java.util.function.Predicate<GenAIProject> until) {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .until(
              () -> {
                GenAIProject p = client.resources(GenAIProject.class).withName(name).get();
                return p != null && until.test(p);
              });
    }
  }
}
