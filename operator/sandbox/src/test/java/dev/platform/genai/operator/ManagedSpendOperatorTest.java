package dev.platform.genai.operator;

import static dev.platform.genai.operator.OperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.cost.FakePrometheus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The running operator with GENAI_MANAGED_METRICS_URL: a project alone on its Google project has
 * its managed spend counted; a second project calling Vertex AI from the same Google project makes
 * both Shared (found through the primary cache's index), and deleting it makes the first Exact
 * again. Figures from FakePrometheus (their PromQL is evaluated by a real Prometheus in
 * RealPrometheusManagedSpendTest).
 */
class ManagedSpendOperatorTest {
  FakePrometheus prometheus;
  MutableClock clock;
  OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    prometheus = new FakePrometheus();
    prometheus.spend("genai-contract-assistant", "400", "1");
    prometheus.spend("genai-legal-search", "10", "0");
    // 100 M input and 10 M output tokens this month (0.28 / 2.30 per 1M: 28 + 23 = 51); the last
    // hour the same
    prometheus.answerContaining("type=\"input\"", "100000000");
    prometheus.answerContaining("type=\"output\"", "10000000");
    clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    h =
        new OperatorHarness(
            Map.of(
                "GENAI_PROMETHEUS_URL",
                prometheus.url(),
                "GENAI_MANAGED_METRICS_URL",
                prometheus.url(),
                "GENAI_GCP_CREDENTIALS",
                "none"),
            clock);
    var policy =
        new KubernetesSerialization()
            .unmarshal(
                Files.readString(TestFiles.samples().resolve("platform-policy.yaml")),
                GenAIPlatformPolicy.class);
    h.client.resource(policy).create();
  }

  @AfterEach
  void stop() {
    h.close();
    prometheus.close();
  }

  GenAIProject create(String name) {
    GenAIProject p = Samples.project("contract-assistant.yaml");
    p.getMetadata().setName(name);
    return h.client.resource(p).create();
  }

  @Test
  void managedSpendIsExactAloneAndSharedWithAnotherProjectOnTheSameGoogleProject() {
    create("contract-assistant");
    GenAIProject alone =
        h.awaitProject(
            "contract-assistant",
            x ->
                x.getStatus() != null
                    && x.getStatus().budget != null
                    && "Exact".equals(x.getStatus().budget.managedAttribution));
    assertThat(alone.getStatus().budget.managed).isEqualTo("51.00");
    assertThat(alone.getStatus().budget.monthToDate).isEqualTo("451.00");
    assertThat(condition(alone, "ManagedSpendTracked").orElseThrow().status).isEqualTo("True");

    GenAIProject other = Samples.project("contract-assistant.yaml");
    other.getMetadata().setName("legal-search");
    other.getSpec().models.stream()
        .filter(m -> m.managed != null)
        .forEach(m -> m.managed.model = "gemini-2.5-pro");
    h.client.resource(other).create();
    h.awaitProject(
        "legal-search",
        x ->
            x.getStatus() != null
                && x.getStatus().budget != null
                && "Shared".equals(x.getStatus().budget.managedAttribution));
    clock.advance(
        java.time.Duration.ofMinutes(11)); // the next evaluation of the first sees the second
    h.resyncAll(2);
    GenAIProject shared =
        h.awaitProject(
            "contract-assistant", x -> "Shared".equals(x.getStatus().budget.managedAttribution));
    assertThat(shared.getStatus().budget.sharedWith).containsExactly("legal-search");
    // in-cluster only: the completed hours' 400 and 11 minutes of the hour in progress at 1 an hour
    // (10:11)
    assertThat(shared.getStatus().budget.monthToDate).as("in-cluster only").isEqualTo("400.18");
    assertThat(condition(shared, "ManagedSpendTracked").orElseThrow().reason)
        .isEqualTo("SharedGoogleProject");
    // what is shared, said as it is: the Google project, with each project's own models (not "the
    // same models")
    assertThat(condition(shared, "ManagedSpendTracked").orElseThrow().message)
        .contains(
            "Google project acme-legal-ai is also used for managed models by legal-search"
                + " (VertexAI/gemini-2.5-pro); this project calls VertexAI/gemini-2.5-flash from it")
        .doesNotContain("the same managed models");

    h.client
        .resource(h.client.resources(GenAIProject.class).withName("legal-search").get())
        .delete();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(
            () ->
                h.project("legal-search")
                    == null); // no finalizer held: no Kueue, no cloud IAM here
    clock.advance(java.time.Duration.ofMinutes(11));
    h.resyncAll(1);
    GenAIProject again =
        h.awaitProject(
            "contract-assistant", x -> "Exact".equals(x.getStatus().budget.managedAttribution));
    assertThat(again.getStatus().budget.monthToDate)
        .isEqualTo("451.37"); // 400 + 22 min at 1/h + 51 managed
  }
}
