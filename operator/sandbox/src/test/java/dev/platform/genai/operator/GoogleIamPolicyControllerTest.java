package dev.platform.genai.operator;

import static dev.platform.genai.operator.OperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.api.CloudAccessStatus;
import dev.platform.genai.api.CloudMember;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.api.GoogleIamPolicy;
import dev.platform.genai.api.IamRecordEntry;
import dev.platform.genai.config.Settings;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.sandbox.FakeGoogleIam;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Google policy controller with the running operator, the CRUD mock API server and the fake of
 * Google's IAM REST APIs: a record that survives a status wipe and a restore from backup, the
 * import of an earlier release's record, the lifecycle of the policy objects, the escape hatch for
 * a removal Google refuses for good, and a hung Google that never holds the projects' in-cluster
 * parts.
 */
class GoogleIamPolicyControllerTest {
  static final String PROJECT = "projects/acme-genai-prod";
  static final String POLICY = "project.acme-genai-prod";
  FakeGoogleIam google;
  OperatorHarness h;
  Map<String, String> env;

  void start(
      Map<String, String> extra, Consumer<dev.platform.genai.sandbox.SandboxApiServer> beforeStart)
      throws Exception {
    google =
        new FakeGoogleIam()
            .project("acme-genai-prod", 555L)
            .project("acme-gke", 123456789L)
            .serviceAccount("genai-chat@acme-genai-prod.iam.gserviceaccount.com");
    for (int i = 0; i < 12; i++) {
      google.project("acme-team-" + i, 600L + i);
    }
    google.foreignBinding(PROJECT, "roles/aiplatform.user", "user:alice@example.com", null);
    env =
        new HashMap<>(
            Map.of(
                "GENAI_GCP_CLUSTER_PROJECT",
                "acme-gke",
                "GENAI_GCP_RESOURCEMANAGER_ENDPOINT",
                google.url(),
                "GENAI_GCP_IAM_ENDPOINT",
                google.url(),
                "GENAI_GCP_CREDENTIALS",
                "none"));
    env.putAll(extra);
    h = new OperatorHarness(env, OperatorHarness.CLOCK, () -> InstalledApis.NONE, beforeStart);
  }

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
    if (google != null) {
      google.close();
    }
  }

  static String principal(String project) {
    return CloudIamOperatorTest.principal("genai-" + project);
  }

  GoogleIamPolicy policy(String name) {
    return h.client.resources(GoogleIamPolicy.class).withName(name).get();
  }

  /** The operator stops, as a pod that goes away, and a new one starts. */
  void restartOperator() {
    h.operator.close();
    h.operator =
        GenAIOperator.create(
                h.client,
                Settings.from(env),
                GenAIOperator.Options.production()
                    .withClock(OperatorHarness.CLOCK)
                    .fast()
                    .withOptionalApis(() -> InstalledApis.NONE))
            .start();
  }

  /**
   * Kubernetes' API conventions want status reconstructable: a project whose status is wiped (or
   * re-created by GitOps) loses nothing. The record is on the policy object, so a role removed
   * afterwards still goes from Google.
   */
  @Test
  void aWipedStatusLosesNoRecordAndARemovedRoleStillGoes() throws Exception {
    start(Map.of(), s -> {});
    h.client
        .resource(
            CloudIamOperatorTest.withGcp(
                "wiped", null, "roles/aiplatform.user", "roles/storage.objectViewer"))
        .create();
    h.awaitPhase("wiped", "Ready");
    assertThat(policy(POLICY).getSpec().members)
        .extracting(e -> e.role + " " + e.origin + " " + e.projects)
        .containsExactly(
            "roles/aiplatform.user Operator [wiped]",
            "roles/storage.objectViewer Operator [wiped]");
    assertThat(policy(POLICY).getStatus().granted).isEqualTo(2);

    h.client
        .resources(GenAIProject.class)
        .withName("wiped")
        .editStatus(
            p -> {
              p.setStatus(null);
              return p;
            });
    h.editProject(
        "wiped", changed -> changed.getSpec().gcp.roles = List.of("roles/aiplatform.user"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !google.has(PROJECT, "roles/storage.objectViewer", principal("wiped")));
    assertThat(google.has(PROJECT, "roles/aiplatform.user", principal("wiped"))).isTrue();
    GenAIProject rebuilt =
        h.awaitProject(
            "wiped",
            x ->
                x.getStatus() != null
                    && "Ready".equals(x.getStatus().phase)
                    && x.getStatus().cloudAccess != null
                    && x.getStatus().cloudAccess.members.size() == 1);
    assertThat(rebuilt.getStatus().cloudAccess.members)
        .extracting(m -> m.role)
        .as("the rollback copy, rebuilt from the record")
        .containsExactly("roles/aiplatform.user");
  }

  /**
   * A backup tool restores the project without its status (and the operator's policy object with
   * its spec, the record): the operator rebuilds the status, adds nothing twice, and a deletion
   * still removes every member.
   */
  @Test
  void aProjectRestoredWithoutStatusFromBackupLeavesNoOrphanedMember() throws Exception {
    start(Map.of(), s -> {});
    h.client
        .resource(CloudIamOperatorTest.withGcp("restored", null, "roles/aiplatform.user"))
        .create();
    h.awaitPhase("restored", "Ready");
    GenAIProject backup = h.client.resources(GenAIProject.class).withName("restored").get();
    GoogleIamPolicy policyBackup = policy(POLICY);

    h.operator.close(); // the cluster is lost
    h.client
        .resources(GenAIProject.class)
        .withName("restored")
        .edit(
            x -> {
              x.getMetadata().setFinalizers(List.of());
              return x;
            });
    h.client.resources(GenAIProject.class).withName("restored").delete();
    h.client
        .resources(GoogleIamPolicy.class)
        .withName(POLICY)
        .edit(
            x -> {
              x.getMetadata().setFinalizers(List.of());
              return x;
            });
    h.client.resources(GoogleIamPolicy.class).withName(POLICY).delete();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> h.project("restored") == null && policy(POLICY) == null);
    h.client.resource(restoredFrom(policyBackup)).create(); // the restore: objects without status
    h.client.resource(restoredFrom(backup)).create();
    google.resetCalls();
    restartOperator();

    GenAIProject p = h.awaitPhase("restored", "Ready");
    assertThat(condition(p, "CloudAccessReady"))
        .get()
        .satisfies(c -> assertThat(c.reason).isEqualTo("Granted"));
    assertThat(FakeGoogleIam.members(google.policy(PROJECT), "roles/aiplatform.user"))
        .containsOnlyOnce(principal("restored"));
    assertThat(google.calls("setIamPolicy projects"))
        .as("nothing to add: it is there, and ours")
        .isZero();
    assertThat(policy(POLICY).getSpec().members)
        .singleElement()
        .satisfies(e -> assertThat(e.origin).isEqualTo(IamRecordEntry.OPERATOR));

    h.client.resources(GenAIProject.class).withName("restored").delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> h.project("restored") == null);
    assertThat(google.has(PROJECT, "roles/aiplatform.user", principal("restored"))).isFalse();
    assertThat(FakeGoogleIam.members(google.policy(PROJECT), "roles/aiplatform.user"))
        .containsExactly("user:alice@example.com");
    await("no project names it, nothing of ours is left: the record goes")
        .atMost(Duration.ofSeconds(20))
        .until(() -> policy(POLICY) == null);
  }

  static <T extends HasMetadata> T restoredFrom(T backup) {
    T copy = io.fabric8.kubernetes.client.utils.Serialization.clone(backup);
    copy.getMetadata().setResourceVersion(null);
    copy.getMetadata().setUid(null);
    copy.getMetadata().setCreationTimestamp(null);
    copy.getMetadata().setFinalizers(List.of());
    copy.getMetadata().setManagedFields(null);
    if (copy instanceof GenAIProject gp) {
      gp.setStatus(null);
    } else if (copy instanceof GoogleIamPolicy gip) {
      gip.setStatus(null);
    }
    return copy;
  }

  /**
   * An installation upgraded from the release that kept the record in the project's status: the
   * members listed there are imported as the operator's before anything is decided (not taken for
   * "there before the operator"), so a role removed after the upgrade goes, and a deletion removes
   * the rest; the status keeps the copy a rollback reads.
   */
  @Test
  void anUpgradeImportsTheRecordKeptInStatusByTheEarlierRelease() throws Exception {
    start(
        Map.of(),
        server -> {
          var admin = server.client();
          GenAIProject old =
              CloudIamOperatorTest.withGcp(
                  "upgraded", null, "roles/aiplatform.user", "roles/storage.objectViewer");
          old.getMetadata().setFinalizers(List.of("genaiprojects.genai.platform.dev/finalizer"));
          admin.resource(old).create();
          GenAIProjectStatus status = new GenAIProjectStatus();
          status.phase = "Ready";
          status.cloudAccess = new CloudAccessStatus();
          for (String role : List.of("roles/aiplatform.user", "roles/storage.objectViewer")) {
            status.cloudAccess.members.add(new CloudMember(PROJECT, role, principal("upgraded")));
            google.foreignBinding(
                PROJECT, role, principal("upgraded"), null); // the earlier release added them
          }
          admin
              .resources(GenAIProject.class)
              .withName("upgraded")
              .editStatus(
                  p -> {
                    p.setStatus(status);
                    return p;
                  });
        });
    h.awaitPhase("upgraded", "Ready");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> policy(POLICY) != null && policy(POLICY).getSpec().members.size() == 2);
    assertThat(policy(POLICY).getSpec().members)
        .allSatisfy(
            e -> {
              assertThat(e.origin).isEqualTo(IamRecordEntry.OPERATOR);
              assertThat(e.projects).containsExactly("upgraded");
            });
    h.editProject(
        "upgraded", changed -> changed.getSpec().gcp.roles = List.of("roles/aiplatform.user"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !google.has(PROJECT, "roles/storage.objectViewer", principal("upgraded")));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.project("upgraded").getStatus().cloudAccess.members.size() == 1);
    assertThat(h.project("upgraded").getMetadata().getFinalizers())
        .containsExactly("genaiprojects.genai.platform.dev/finalizer");
    h.client.resources(GenAIProject.class).withName("upgraded").delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> h.project("upgraded") == null);
    assertThat(FakeGoogleIam.members(google.policy(PROJECT), "roles/aiplatform.user"))
        .containsExactly("user:alice@example.com");
  }

  /**
   * Without the GoogleIamPolicy CRD (an upgrade that skipped the CRDs) the operator manages no IAM,
   * and says so.
   */
  @Test
  void withoutTheNewCrdTheOperatorRefusesToManageIamAndSaysSo() throws Exception {
    start(
        Map.of(),
        server ->
            server
                .client()
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("googleiampolicies.genai.platform.dev")
                .delete());
    google.resetCalls();
    h.client
        .resource(CloudIamOperatorTest.withGcp("nocrd", null, "roles/aiplatform.user"))
        .create();
    GenAIProject p =
        h.awaitProject(
            "nocrd", x -> x.getStatus() != null && condition(x, "CloudAccessReady").isPresent());
    assertThat(condition(p, "CloudAccessReady"))
        .get()
        .satisfies(
            c -> {
              assertThat(c.status).isEqualTo("False");
              assertThat(c.reason).isEqualTo("GoogleIamPolicyCrdMissing");
              assertThat(c.message).contains("kubectl apply -f crds/");
            });
    assertThat(google.calls().keySet()).noneMatch(k -> k.contains("IamPolicy"));
  }

  /**
   * Google refuses the removal of a deleted project's member for good (403): the project waits and
   * says how to let it go; with the annotation it goes, the member is left in Google's policy and
   * marked abandoned in the record.
   */
  @Test
  void aRemovalGoogleRefusesForGoodHasAnEscapeHatch() throws Exception {
    start(Map.of(), s -> {});
    h.client
        .resource(CloudIamOperatorTest.withGcp("stuck", null, "roles/aiplatform.user"))
        .create();
    h.awaitPhase("stuck", "Ready");
    google.fault(
        r ->
            r.getUrl().encodedPath().endsWith(":setIamPolicy")
                ? Optional.of(
                    FakeGoogleIam.error(
                        403, "PERMISSION_DENIED", "The caller does not have permission"))
                : Optional.empty());
    h.client.resources(GenAIProject.class).withName("stuck").delete();
    GenAIProject p =
        h.awaitProject(
            "stuck",
            x ->
                x.getStatus() != null
                    && "Terminating".equals(x.getStatus().phase)
                    && condition(x, "CloudAccessReady")
                        .filter(c -> "PermissionDenied".equals(c.reason))
                        .isPresent());
    assertThat(condition(p, "CloudAccessReady").get().message)
        .contains("genai.platform.dev/abandon-google-members=true");
    h.client
        .resources(GenAIProject.class)
        .withName("stuck")
        .edit(
            x -> {
              x.getMetadata().getAnnotations().put(GoogleIamPolicy.ABANDON_ANNOTATION, "true");
              return x;
            });
    await().atMost(Duration.ofSeconds(20)).until(() -> h.project("stuck") == null);
    assertThat(google.has(PROJECT, "roles/aiplatform.user", principal("stuck"))).isTrue();
    assertThat(policy(POLICY).getSpec().members)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.abandoned).contains("remove it by hand");
              assertThat(e.projects).isEmpty();
            });
    google.clearFaults();
  }

  /**
   * Two projects on one Google service account want the same member: granted once, kept while
   * either wants it. Per-project records took the second project's for "there before us", and the
   * first one's deletion cut it.
   */
  @Test
  void aMemberTwoProjectsShareGoesOnlyWithTheLastOfThem() throws Exception {
    start(Map.of(), s -> {});
    String gsa = "genai-chat@acme-genai-prod.iam.gserviceaccount.com";
    h.client
        .resource(CloudIamOperatorTest.withGcp("share-a", gsa, "roles/aiplatform.user"))
        .create();
    h.client
        .resource(CloudIamOperatorTest.withGcp("share-b", gsa, "roles/aiplatform.user"))
        .create();
    h.awaitPhase("share-a", "Ready");
    h.awaitPhase("share-b", "Ready");
    assertThat(policy(POLICY).getSpec().members)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.origin).isEqualTo(IamRecordEntry.OPERATOR);
              assertThat(e.projects).containsExactly("share-a", "share-b");
            });
    h.client.resources(GenAIProject.class).withName("share-a").delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> h.project("share-a") == null);
    assertThat(google.has(PROJECT, "roles/aiplatform.user", "serviceAccount:" + gsa))
        .as("share-b still wants it")
        .isTrue();
    h.client.resources(GenAIProject.class).withName("share-b").delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> h.project("share-b") == null);
    assertThat(google.has(PROJECT, "roles/aiplatform.user", "serviceAccount:" + gsa)).isFalse();
  }

  /**
   * Google hangs (every call answered after 30 s) and so does Prometheus: every project's
   * in-cluster parts are still created at once — 12 Google policies, more than the policy
   * controllers' threads, hold only those threads.
   */
  @Test
  void aHungGoogleAndPrometheusNeverHoldTheProjectsInClusterParts() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (ServerSocket silentPrometheus =
        new ServerSocket(0)) { // accepts connections, never answers
      start(
          Map.of("GENAI_PROMETHEUS_URL", "http://127.0.0.1:" + silentPrometheus.getLocalPort()),
          s -> {});
      google.fault(
          r -> {
            try {
              release.await(
                  30, java.util.concurrent.TimeUnit.SECONDS); // every Google call hangs for 30 s
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return Optional.empty();
          });
      long t0 = System.nanoTime();
      int n = 14;
      for (int i = 0; i < n; i++) {
        GenAIProject p = CloudIamOperatorTest.withGcp("hung-" + i, null, "roles/aiplatform.user");
        p.getSpec().gcp.projectId =
            "acme-team-" + (i % 12); // 12 Google policies: more than the IAM threads (10)
        h.client.resource(p).create();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                for (int i = 0; i < n; i++) {
                  String ns = "genai-hung-" + i;
                  if (h.client.resourceQuotas().inNamespace(ns).list().getItems().isEmpty()
                      || h.client.rbac().roleBindings().inNamespace(ns).list().getItems().isEmpty()
                      || h.client.serviceAccounts().inNamespace(ns).withName("workload").get()
                          == null) {
                    return false;
                  }
                }
                return true;
              });
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf(
          "[reliability] Google and Prometheus hung: %d projects' in-cluster parts in %d ms%n",
          n, ms);
      for (int i = 0; i < n; i++) {
        GenAIProject p =
            h.awaitProject(
                "hung-" + i,
                x -> x.getStatus() != null && condition(x, "CloudAccessReady").isPresent());
        assertThat(condition(p, "CloudAccessReady"))
            .get()
            .satisfies(
                c -> {
                  assertThat(c.status).isEqualTo("False");
                  assertThat(c.reason).isEqualTo("Provisioning");
                });
        assertThat(condition(p, "QuotaReady"))
            .get()
            .satisfies(c -> assertThat(c.status).isEqualTo("True"));
      }
    } finally {
      release.countDown();
      google.clearFaults();
    }
  }
}
