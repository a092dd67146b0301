package dev.platform.genai.operator;

import static dev.platform.genai.operator.OperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GcpAccess;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.sandbox.FakeGoogleIam;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The running operator, the CRUD mock API server and the fake of Google's IAM REST APIs. */
class CloudIamOperatorTest {
  static final String PROJECT = "projects/acme-genai-prod";
  static FakeGoogleIam google;
  static OperatorHarness h;

  @BeforeAll
  static void start() throws Exception {
    google =
        new FakeGoogleIam()
            .project("acme-genai-prod", 555L)
            .project("acme-gke", 123456789L)
            .serviceAccount("genai-chat@acme-genai-prod.iam.gserviceaccount.com");
    google.foreignBinding(PROJECT, "roles/aiplatform.user", "user:alice@example.com", null);
    h =
        new OperatorHarness(
            Map.of(
                "GENAI_GCP_CLUSTER_PROJECT",
                "acme-gke",
                "GENAI_GCP_RESOURCEMANAGER_ENDPOINT",
                google.url(),
                "GENAI_GCP_IAM_ENDPOINT",
                google.url(),
                "GENAI_GCP_CREDENTIALS",
                "none"));
  }

  @AfterAll
  static void stop() {
    h.close();
    google.close();
  }

  static String principal(String namespace) {
    return "principal://iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/"
        + "acme-gke.svc.id.goog/subject/ns/"
        + namespace
        + "/sa/workload";
  }

  static GenAIProject withGcp(String name, String serviceAccount, String... roles) {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName(name);
    p.getSpec().gcp = new GcpAccess();
    p.getSpec().gcp.projectId = "acme-genai-prod";
    p.getSpec().gcp.roles = List.of(roles);
    p.getSpec().gcp.serviceAccount = serviceAccount;
    return p;
  }

  @Test
  void grantResyncRoleChangeAndDeletion() {
    h.client
        .resource(
            withGcp("iam-direct", null, "roles/aiplatform.user", "roles/storage.objectViewer"))
        .create();
    GenAIProject p = h.awaitPhase("iam-direct", "Ready");
    String member = principal("genai-iam-direct");
    assertThat(condition(p, "CloudAccessReady"))
        .get()
        .satisfies(
            c -> {
              assertThat(c.status).isEqualTo("True");
              assertThat(c.message)
                  .contains(
                      "roles/aiplatform.user, roles/storage.objectViewer on projects/acme-genai-prod")
                  .contains(member);
            });
    assertThat(google.has(PROJECT, "roles/aiplatform.user", member)).isTrue();
    assertThat(google.has(PROJECT, "roles/storage.objectViewer", member)).isTrue();
    assertThat(p.getStatus().cloudAccess.members)
        .extracting(m -> m.role)
        .containsExactly("roles/aiplatform.user", "roles/storage.objectViewer");
    assertThat(p.getMetadata().getFinalizers()).hasSize(1);

    // a resync finds everything in place: at most one read per policy, no write
    google.resetCalls();
    h.resyncAll(h.client.resources(GenAIProject.class).list().getItems().size());
    assertThat(google.calls("setIamPolicy projects")).isZero();

    // a role removed from the spec: exactly that member goes (read again: the resync created the
    // platform policy,
    // so PolicyInForce changed the status since)
    h.editProject(
        "iam-direct", changed -> changed.getSpec().gcp.roles = List.of("roles/aiplatform.user"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !google.has(PROJECT, "roles/storage.objectViewer", member));
    assertThat(google.has(PROJECT, "roles/aiplatform.user", member)).isTrue();
    assertThat(FakeGoogleIam.members(google.policy(PROJECT), "roles/aiplatform.user"))
        .contains("user:alice@example.com");

    // deletion removes our members, and nobody else's, then lets the project go
    h.client.resources(GenAIProject.class).withName("iam-direct").delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> h.project("iam-direct") == null);
    assertThat(google.has(PROJECT, "roles/aiplatform.user", member)).isFalse();
    assertThat(FakeGoogleIam.members(google.policy(PROJECT), "roles/aiplatform.user"))
        .contains("user:alice@example.com")
        .doesNotContain(member);
  }

  @Test
  void serviceAccountModeAnnotatesTheKubernetesServiceAccount() {
    String gsa = "genai-chat@acme-genai-prod.iam.gserviceaccount.com";
    h.client.resource(withGcp("iam-gsa", gsa, "roles/aiplatform.user")).create();
    h.awaitPhase("iam-gsa", "Ready");
    assertThat(
            h.client
                .serviceAccounts()
                .inNamespace("genai-iam-gsa")
                .withName("workload")
                .get()
                .getMetadata()
                .getAnnotations())
        .containsEntry("iam.gke.io/gcp-service-account", gsa);
    assertThat(
            google.has(
                "projects/-/serviceAccounts/" + gsa,
                "roles/iam.workloadIdentityUser",
                "serviceAccount:acme-gke.svc.id.goog[genai-iam-gsa/workload]"))
        .isTrue();
    assertThat(google.has(PROJECT, "roles/aiplatform.user", "serviceAccount:" + gsa)).isTrue();
  }

  @Test
  void aRoleThePolicyForbidsIsAConditionNotAPartialApply() {
    google.resetCalls();
    h.client.resource(withGcp("iam-owner", null, "roles/aiplatform.user", "roles/owner")).create();
    GenAIProject p = h.awaitPhase("iam-owner", "Failed");
    assertThat(condition(p, "CloudAccessReady"))
        .get()
        .satisfies(
            c -> {
              assertThat(c.reason).isEqualTo("RoleNotAllowed");
              assertThat(c.message).contains("roles/owner is never granted");
            });
    assertThat(google.has(PROJECT, "roles/aiplatform.user", principal("genai-iam-owner")))
        .isFalse();
    assertThat(google.calls().keySet()).noneMatch(k -> k.startsWith("setIamPolicy"));
  }

  @Test
  void permissionDeniedIsReportedWithoutARetryStormAndRecovers() throws Exception {
    google.fault(
        r ->
            r.getUrl().encodedPath().contains("acme-genai-prod:getIamPolicy")
                    && r.getUrl().encodedPath().startsWith("/v3/")
                ? Optional.of(
                    FakeGoogleIam.error(
                        403, "PERMISSION_DENIED", "The caller does not have permission"))
                : Optional.empty());
    try {
      google.resetCalls();
      h.client.resource(withGcp("iam-denied", null, "roles/aiplatform.user")).create();
      GenAIProject p = h.awaitPhase("iam-denied", "Failed");
      assertThat(condition(p, "CloudAccessReady"))
          .get()
          .satisfies(
              c -> {
                assertThat(c.reason).isEqualTo("PermissionDenied");
                assertThat(c.message)
                    .contains("roles/aiplatform.user on projects/acme-genai-prod")
                    .contains(principal("genai-iam-denied"))
                    .contains("HTTP 403");
              });
      assertThat(h.events("iam-denied"))
          .extracting(e -> e.getReason())
          .contains("PermissionDenied");
      Thread.sleep(
          3000); // count calls over time: the operator backs off (2 s, 4 s, ...) instead of
      // hammering
      assertThat(google.calls("getIamPolicy projects")).isLessThanOrEqualTo(4);
    } finally {
      google.clearFaults();
    }
    h.awaitPhase(
        "iam-denied", "Ready"); // recovers once permission is granted (the next backoff retry)
  }

  @Test
  void deletionWhileTheCloudIsDownHoldsTheFinalizerAndSaysWhy() {
    h.client.resource(withGcp("iam-outage", null, "roles/aiplatform.user")).create();
    h.awaitPhase("iam-outage", "Ready");
    google.fault(
        r ->
            Optional.of(
                FakeGoogleIam.error(503, "UNAVAILABLE", "The service is currently unavailable")));
    try {
      h.client.resources(GenAIProject.class).withName("iam-outage").delete();
      GenAIProject p =
          h.awaitProject(
              "iam-outage",
              x ->
                  x.getStatus() != null
                      && "Terminating".equals(x.getStatus().phase)
                      && condition(x, "CloudAccessReady")
                          .filter(c -> "CloudUnavailable".equals(c.reason))
                          .isPresent());
      assertThat(condition(p, "CloudAccessReady"))
          .get()
          .satisfies(
              c -> {
                assertThat(c.reason).isEqualTo("CloudUnavailable");
                assertThat(c.message)
                    .startsWith("Waiting to remove the IAM members this project added");
              });
      assertThat(p.getMetadata().getFinalizers()).hasSize(1);
    } finally {
      google.clearFaults();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> h.project("iam-outage") == null);
    assertThat(google.has(PROJECT, "roles/aiplatform.user", principal("genai-iam-outage")))
        .isFalse();
  }

  /** Issue 17's figure: before coalescing, 98 setIamPolicy calls (254 IAM calls) for this. */
  @Test
  void fiftyProjectsOnOnePolicyWithOneConflictNeedAtMostTenWrites() {
    java.util.concurrent.atomic.AtomicInteger sets =
        new java.util.concurrent.atomic.AtomicInteger();
    google.fault(
        r -> {
          if (r.getUrl().encodedPath().equals("/v3/projects/acme-genai-prod:setIamPolicy")
              && sets.incrementAndGet() == 2) {
            google.touch(PROJECT); // one write loses a race against someone else's change
            return Optional.of(
                FakeGoogleIam.error(409, "ABORTED", "There were concurrent policy changes."));
          }
          return Optional.empty();
        });
    google.resetCalls();
    int n = 50;
    try {
      for (int i = 0; i < n; i++) {
        h.client.resource(withGcp("one409-" + i, null, "roles/aiplatform.user")).create();
      }
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () ->
                  h.client.resources(GenAIProject.class).list().getItems().stream()
                          .filter(p -> p.getMetadata().getName().startsWith("one409-"))
                          .filter(p -> p.getStatus() != null && "Ready".equals(p.getStatus().phase))
                          .count()
                      == n);
    } finally {
      google.clearFaults();
    }
    List<String> members = FakeGoogleIam.members(google.policy(PROJECT), "roles/aiplatform.user");
    for (int i = 0; i < n; i++) {
      assertThat(members).containsOnlyOnce(principal("genai-one409-" + i));
    }
    assertThat(members).contains("user:alice@example.com").doesNotHaveDuplicates();
    System.out.printf(
        "[iam] %d projects on one policy, one 409: %d setIamPolicy, %s%n",
        n, sets.get(), google.calls());
    assertThat(sets.get()).as("setIamPolicy calls").isLessThanOrEqualTo(10);
  }

  @Test
  void aBurstOfProjectsAgainstOnePolicyWithConflictsConvergesWithEachMemberOnce() {
    java.util.concurrent.atomic.AtomicInteger sets =
        new java.util.concurrent.atomic.AtomicInteger();
    google.fault(
        r -> {
          if (r.getUrl().encodedPath().equals("/v3/projects/acme-genai-prod:setIamPolicy")
              && sets.incrementAndGet() % 2 == 1) {
            google.touch(PROJECT); // every other write loses a race against someone else's change
            return Optional.of(
                FakeGoogleIam.error(409, "ABORTED", "There were concurrent policy changes."));
          }
          return Optional.empty();
        });
    int n = 50;
    long start = System.nanoTime();
    try {
      for (int i = 0; i < n; i++) {
        h.client.resource(withGcp("burst-" + i, null, "roles/aiplatform.user")).create();
      }
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  h.client.resources(GenAIProject.class).list().getItems().stream()
                          .filter(p -> p.getMetadata().getName().startsWith("burst-"))
                          .filter(p -> p.getStatus() != null && "Ready".equals(p.getStatus().phase))
                          .count()
                      == n);
    } finally {
      google.clearFaults();
    }
    List<String> members = FakeGoogleIam.members(google.policy(PROJECT), "roles/aiplatform.user");
    for (int i = 0; i < n; i++) {
      String member = principal("genai-burst-" + i);
      assertThat(members.stream().filter(member::equals).count()).as(member).isEqualTo(1);
    }
    assertThat(members).contains("user:alice@example.com").doesNotHaveDuplicates();
    System.out.printf(
        "[reliability] %d projects on one IAM policy, every other set answered 409: all granted"
            + " once in %d ms, %d setIamPolicy calls%n",
        n, (System.nanoTime() - start) / 1_000_000, sets.get());
  }
}
