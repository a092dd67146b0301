package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.Samples;
import dev.platform.genai.admission.AdmissionRules;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.config.Settings;
import dev.platform.genai.model.Names;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Faults injected in front of the CRUD mock API server: the operator converges, duplicates nothing,
 * loses nothing of others'. Figures (attempts, time to converge) are printed for
 * docs/reliability.md.
 */
class FaultInjectionTest {
  static MockResponse status(int code, String reason) {
    return new MockResponse()
        .setResponseCode(code)
        .addHeader("Content-Type", "application/json")
        .setBody(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\""
                + reason
                + "\",\"code\":"
                + code
                + "}");
  }

  static long children(KubernetesClient c, String project) {
    String ns = "genai-" + project;
    String sel = Names.PROJECT + "=" + project;
    return c.namespaces().withLabelSelector(sel).list().getItems().size()
        + c.serviceAccounts().inNamespace(ns).withLabelSelector(sel).list().getItems().size()
        + c.rbac().roleBindings().inNamespace(ns).withLabelSelector(sel).list().getItems().size()
        + c.rbac().roles().inNamespace(ns).withLabelSelector(sel).list().getItems().size()
        + c.rbac().clusterRoles().withLabelSelector(sel).list().getItems().size()
        + c.rbac().clusterRoleBindings().withLabelSelector(sel).list().getItems().size()
        + c.resourceQuotas().inNamespace(ns).withLabelSelector(sel).list().getItems().size()
        + c.limitRanges().inNamespace(ns).withLabelSelector(sel).list().getItems().size()
        + c.network()
            .v1()
            .networkPolicies()
            .inNamespace(ns)
            .withLabelSelector(sel)
            .list()
            .getItems()
            .size();
  }

  @Test
  void serverErrorsOnWritesAreRetriedWithBackoffUntilItConverges() {
    try (OperatorHarness h = new OperatorHarness(Map.of())) {
      AtomicInteger failed = new AtomicInteger();
      h.server
          .dispatcher()
          .inject(
              r ->
                  "POST".equals(r.getMethod())
                          && r.getPath().contains("/resourcequotas")
                          && failed.getAndIncrement() < 3
                      ? Optional.of(status(503, "ServiceUnavailable"))
                      : Optional.empty());
      long start = System.nanoTime();
      h.apply("public-pilot.yaml");
      h.awaitPhase("support-copilot", "Ready");
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "[reliability] 503 x3 on quota create: converged in %d ms, %d failed attempts%n",
          ms, Math.min(failed.get(), 3));
      assertThat(failed.get()).isGreaterThanOrEqualTo(3);
      // each child exactly once: namespace, ServiceAccount, 4 RoleBindings, the Events Role, quota,
      // limit range, isolation policy, the reader ClusterRole and its binding
      assertThat(children(h.client, "support-copilot")).isEqualTo(12);
      assertThat(h.events("support-copilot")).extracting(e -> e.getReason()).contains("Ready");
    }
  }

  @Test
  void aConflictOnAChildUpdateIsReReadAndOthersLabelsSurvive() {
    try (OperatorHarness h = new OperatorHarness(Map.of())) {
      h.apply("public-pilot.yaml");
      h.awaitPhase("support-copilot", "Ready");
      Namespace ns = h.client.namespaces().withName("genai-support-copilot").get();
      ns.getMetadata().getLabels().put("team.example.com/owner", "support");
      ns.getMetadata().getLabels().put("genai.platform.dev/stage", "tampered");
      h.client.namespaces().resource(ns).update(); // someone else's label, and drift of ours
      AtomicInteger conflicts = new AtomicInteger();
      h.server
          .dispatcher()
          .inject(
              r ->
                  "PUT".equals(r.getMethod())
                          && r.getPath().contains("/namespaces/genai-")
                          && conflicts.getAndIncrement() < 2
                      ? Optional.of(status(409, "Conflict"))
                      : Optional.empty());
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          h.client
                              .namespaces()
                              .withName("genai-support-copilot")
                              .get()
                              .getMetadata()
                              .getLabels())
                      .containsEntry("genai.platform.dev/stage", "Pilot")
                      .containsEntry("team.example.com/owner", "support"));
      System.out.printf(
          "[reliability] 409 on namespace update: %d conflicts answered, converged%n",
          Math.min(conflicts.get(), 2));
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      throw new AssertionError("the test's own update was refused: " + e.getMessage(), e);
    }
  }

  @Test
  void anOperatorKilledMidReconcileIsReplacedAndConvergesWithoutDuplicates() throws Exception {
    try (SandboxApiServer server = SandboxApiServer.start();
        KubernetesClient admin = server.client()) {
      server.installCrds(
          admin,
          List.of(
              AdmissionRules.crdResource(GenAIProject.class),
              AdmissionRules.crdResource(GenAIPlatformPolicy.class)));
      // the first operator gets the namespace and service account in, then every other create fails
      server
          .dispatcher()
          .inject(
              r ->
                  "POST".equals(r.getMethod())
                          && !r.getPath().contains("/namespaces?")
                          && !r.getPath().endsWith("/namespaces")
                          && !r.getPath().contains("/serviceaccounts")
                          && !r.getPath().contains("/events")
                          && !r.getPath().contains("/genaiprojects")
                          && !r.getPath().contains("/customresourcedefinitions")
                          && !r.getPath().contains("review")
                      ? Optional.of(status(500, "InternalError"))
                      : Optional.empty());
      GenAIOperator first =
          GenAIOperator.create(
                  admin,
                  Settings.from(Map.of()),
                  GenAIOperator.Options.production()
                      .withClock(OperatorHarness.CLOCK)
                      .fast()
                      .withOptionalApis(() -> InstalledApis.NONE))
              .start();
      admin.resource(Samples.project("restricted-production.yaml")).create();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  admin
                          .serviceAccounts()
                          .inNamespace("genai-fraud-assistant")
                          .withName("workload")
                          .get()
                      != null);
      first.close(); // killed mid-way
      server.dispatcher().clearInjectors();
      long start = System.nanoTime();
      try (GenAIOperator second =
          GenAIOperator.create(
                  admin,
                  Settings.from(Map.of()),
                  GenAIOperator.Options.production()
                      .withClock(OperatorHarness.CLOCK)
                      .fast()
                      .withOptionalApis(() -> InstalledApis.NONE))
              .start()) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  GenAIProject p =
                      admin.resources(GenAIProject.class).withName("fraud-assistant").get();
                  return p.getStatus() != null
                      && "Failed".equals(p.getStatus().phase)
                      && p.getStatus().conditions.stream()
                          .anyMatch(
                              c -> "GuardrailsReady".equals(c.type) && "True".equals(c.status));
                });
        System.out.printf(
            "[reliability] restart mid-reconcile: the replacement converged in %d ms%n",
            (System.nanoTime() - start) / 1_000_000);
        // namespace, SA, 3 bindings, quota, limits, 2 network policies: each exactly once
        assertThat(children(admin, "fraud-assistant")).isEqualTo(13); // and its egress policy
      }
    }
  }

  @Test
  void aBurstOfDeletedQuotasIsRecreated() {
    try (OperatorHarness h = new OperatorHarness(Map.of())) {
      int n = 40;
      for (int i = 0; i < n; i++) {
        h.apply("public-pilot.yaml", "burst-" + i);
      }
      for (int i = 0; i < n; i++) {
        h.awaitPhase("burst-" + i, "Ready");
      }
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        h.client.resourceQuotas().inNamespace("genai-burst-" + i).withName("genai-quota").delete();
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (int i = 0; i < n; i++) {
                  if (h.client
                          .resourceQuotas()
                          .inNamespace("genai-burst-" + i)
                          .withName("genai-quota")
                          .get()
                      == null) {
                    return false;
                  }
                }
                return true;
              });
      System.out.printf(
          "[reliability] %d quotas deleted at once: all recreated in %d ms%n",
          n, (System.nanoTime() - start) / 1_000_000);
    }
  }
}
