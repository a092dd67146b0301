package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.ProjectCondition;
import dev.platform.genai.controlplane.RealCluster;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What admission does not see (docs/tenancy.md, "What was there before"): objects stored before the
 * chart's policies, or by an exempt identity, that break the tenant boundary are reported on the
 * project — the condition TenantBoundaryHeld False naming each — and the report clears once they
 * are gone. On the real control plane; the cluster admin (exempt) stands in for what came before.
 * The namespace is listed at most every ten minutes: the injected clock moves past that.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantBoundaryReportOnRealServerTest {
  static final String NS = "genai-claims-summarizer";
  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  static OperatorHarness h;

  @BeforeAll
  static void start() {
    h = OperatorHarness.onRealCluster(RealCluster.shared(), Map.of(), CLOCK, null);
    h.apply("confidential-pilot.yaml");
    h.awaitPhase("claims-summarizer", "Ready");
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  @Order(1)
  void whatAdmissionNeverSawIsReportedOnTheProjectUntilItIsGone() {
    GenAIProject p = awaitBoundary(c -> "True".equals(c.status));
    assertThat(condition(p).reason).isEqualTo("BoundaryHeld");

    h.client.resource(dev.platform.genai.Samples.allowAllEgress(NS)).create();
    h.client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("legacy-lb")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withType("LoadBalancer")
                .addNewPort()
                .withPort(443)
                .endPort()
                .endSpec()
                .build())
        .create();
    CLOCK.advance(Duration.ofMinutes(11));
    h.resyncAll(1);
    p = awaitBoundary(c -> "False".equals(c.status));
    assertThat(condition(p).reason).isEqualTo("BoundaryBreached");
    assertThat(condition(p).message)
        .startsWith("2 objects in namespace " + NS + " break the tenant boundary")
        .contains("NetworkPolicy allow-all-egress is not the operator's")
        .contains("Service legacy-lb is of type LoadBalancer, reachable from outside the cluster");
    assertThat(p.getStatus().phase).as("a report: it never blocks Ready").isEqualTo("Ready");

    h.client.network().networkPolicies().inNamespace(NS).withName("allow-all-egress").delete();
    h.client.services().inNamespace(NS).withName("legacy-lb").delete();
    CLOCK.advance(Duration.ofMinutes(11));
    h.resyncAll(1);
    awaitBoundary(c -> "True".equals(c.status));
  }

  @Test
  @Order(2)
  void breakGlassIsNamedOnTheProjectWithWhoAndWhyAndAWarningEventOnce() {
    String note = "oncall@example.com: INC-4711 vendor egress until the policy has it";
    try (RealClusterFixtures.Grant responders = RealClusterFixtures.breakGlassResponders(h);
        var oncall = h.real.as("oncall@example.com", RealCluster.BREAK_GLASS_GROUP)) {
      var np = dev.platform.genai.Samples.allowAllEgress(NS);
      np.getMetadata().setName("vendor-egress");
      np.getMetadata().setAnnotations(Map.of(TenancyOnRealServerTest.BREAK_GLASS, note));
      oncall.resource(np).create();
      CLOCK.advance(Duration.ofMinutes(11));
      h.resyncAll(1);
      GenAIProject p = awaitBoundary(c -> c.message != null && c.message.contains(note));
      assertThat(condition(p).message)
          .contains("NetworkPolicy vendor-egress is not the operator's")
          .contains("(break-glass: " + note + ")");
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  h.events("claims-summarizer").stream()
                      .anyMatch(
                          e ->
                              "BreakGlass".equals(e.getReason())
                                  && "Warning".equals(e.getType())
                                  && e.getMessage().contains("NetworkPolicy vendor-egress")
                                  && e.getMessage().contains(note)));
      // a later status change (another object reported beside it) does not repeat it
      h.client
          .resource(
              new ServiceBuilder()
                  .withNewMetadata()
                  .withName("legacy-lb")
                  .withNamespace(NS)
                  .endMetadata()
                  .withNewSpec()
                  .withType("LoadBalancer")
                  .addNewPort()
                  .withPort(443)
                  .endPort()
                  .endSpec()
                  .build())
          .create();
      CLOCK.advance(Duration.ofMinutes(11));
      h.resyncAll(1);
      awaitBoundary(c -> c.message != null && c.message.contains("Service legacy-lb"));
      assertThat(
              h.events("claims-summarizer").stream()
                  .filter(e -> "BreakGlass".equals(e.getReason()))
                  .mapToInt(e -> e.getCount() == null ? 1 : e.getCount())
                  .sum())
          .isEqualTo(1);
      oncall.resource(np).delete();
      h.client.services().inNamespace(NS).withName("legacy-lb").delete();
    }
  }

  static ProjectCondition condition(GenAIProject p) {
    return OperatorHarness.condition(p, "TenantBoundaryHeld").orElseThrow();
  }

  static GenAIProject awaitBoundary(Predicate<ProjectCondition> until) {
    return h.awaitProject(
        "claims-summarizer",
        x ->
            x.getStatus() != null
                && OperatorHarness.condition(x, "TenantBoundaryHeld").filter(until).isPresent());
  }
}
