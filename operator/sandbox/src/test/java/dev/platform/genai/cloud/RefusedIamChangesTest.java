package dev.platform.genai.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.config.Settings;
import dev.platform.genai.model.Grant;
import dev.platform.genai.sandbox.FakeGoogleIam;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One Google project's policy shared by many projects, written in one batch, refused by Google for some of the
 * changes in it (black-box finding: 7 of 20 innocent projects failed with another project's error). Google's real
 * clients against the fake of its REST wire format: a refused write never fails a change that would have been
 * accepted on its own, and the extra writes stay few.
 */
class RefusedIamChangesTest {
  static final String PROJECT = "projects/acme-genai-shared";
  static final String USER = "roles/aiplatform.user";

  FakeGoogleIam fake;
  GoogleIamPolicies iam;
  CloudAccessSync sync;
  final ExecutorService pool = Executors.newFixedThreadPool(24);

  @BeforeEach
  void start() throws Exception {
    fake = new FakeGoogleIam().project("acme-genai-shared", 555L);
    fake.foreignBinding(PROJECT, USER, "user:alice@example.com", null);
    iam = GoogleIamPolicies.create(Settings.from(Map.of("GENAI_GCP_RESOURCEMANAGER_ENDPOINT", fake.url(),
        "GENAI_GCP_IAM_ENDPOINT", fake.url(), "GENAI_GCP_CREDENTIALS", "none")));
    sync = new CloudAccessSync(iam, new PolicyWriter(iam, attempt -> { }, Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    iam.close();
    fake.close();
  }

  static String member(int i) {
    return "principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/acme-gke.svc.id.goog/"
        + "subject/ns/genai-p" + i + "/sa/workload";
  }

  /** One project's two-step grant (record, then add): its error, or empty when granted. */
  Optional<CloudIamException> grant(Set<Grant> desired) throws Exception {
    try {
      CloudAccessSync.Outcome first = sync.sync(desired, Set.of());
      CloudAccessSync.Outcome second = sync.sync(desired, first.record());
      assertThat(second).isInstanceOf(CloudAccessSync.Synced.class);
      return Optional.empty();
    } catch (CloudIamException e) {
      return Optional.of(e);
    }
  }

  /**
   * Project 0 writes first, and Google is slow to answer it: projects 1..n-1 queue meanwhile and go out as one
   * batch, as they do when many projects reconcile at once. Returns each project's error, if any.
   */
  List<Optional<CloudIamException>> batch(int n, java.util.function.IntFunction<Set<Grant>> desired)
      throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    fake.fault(r -> {
      if (r.getUrl().encodedPath().endsWith(":setIamPolicy") && held.getCount() > 0) {
        held.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return Optional.empty();
    });
    List<Future<Optional<CloudIamException>>> results = new ArrayList<>();
    results.add(pool.submit(() -> grant(desired.apply(0))));
    assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i < n; i++) {
      int p = i;
      results.add(pool.submit(() -> grant(desired.apply(p))));
    }
    Thread.sleep(500); // the others are queued behind the held write
    release.countDown();
    List<Optional<CloudIamException>> out = new ArrayList<>();
    for (var f : results) {
      out.add(f.get(30, TimeUnit.SECONDS));
    }
    return out;
  }

  static Set<Grant> user(int i) {
    return Set.of(new Grant(PROJECT, USER, member(i)));
  }

  List<String> users() {
    return FakeGoogleIam.members(fake.policy(PROJECT), USER);
  }

  @Test
  void aRoleTheOperatorMayNotGrantFailsOnlyTheProjectAskingForIt() throws Exception {
    fake.refuseRole("roles/owner"); // 403 for any write adding it
    List<Optional<CloudIamException>> r = batch(21, i -> i == 7 ? Set.of(new Grant(PROJECT, "roles/owner",
        member(i))) : user(i));
    assertThat(r.get(7)).hasValueSatisfying(e -> {
      assertThat(e.kind()).isEqualTo(CloudIamException.Kind.PERMISSION_DENIED);
      assertThat(e.getMessage()).contains("The caller does not have permission");
    });
    for (int i = 0; i < 21; i++) {
      if (i != 7) {
        assertThat(r.get(i)).as("project %d", i).isEmpty();
        assertThat(users()).contains(member(i));
      }
    }
    assertThat(users()).contains("user:alice@example.com").doesNotContain(member(7));
    assertThat(FakeGoogleIam.members(fake.policy(PROJECT), "roles/owner")).isEmpty();
    // the held write, the refused batch, then about 2 log2(20) to find the one: not one write per project
    assertThat(fake.calls("setIamPolicy projects")).isLessThanOrEqualTo(2 + 2 * 5);

    // the refused project's record names the member it meant to add; when the role goes from its spec, removing
    // what was recorded touches nothing that is there (the member never was): only recorded members are removed
    Set<Grant> refused = Set.of(new Grant(PROJECT, "roles/owner", member(7)));
    CloudAccessSync.Outcome recorded = sync.sync(refused, Set.of());
    assertThat(recorded.record()).containsExactlyElementsOf(refused);
    List<String> before = users();
    assertThat(sync.sync(Set.of(), recorded.record())).isInstanceOf(CloudAccessSync.Synced.class);
    assertThat(users()).containsExactlyInAnyOrderElementsOf(before).contains("user:alice@example.com");
  }

  @Test
  void twoMembersRefusedWithoutDetailsFailAloneAndTheRestIsWritten() throws Exception {
    fake.refuseMember(member(4), false);
    fake.refuseMember(member(15), false);
    List<Optional<CloudIamException>> r = batch(21, RefusedIamChangesTest::user);
    for (int i = 0; i < 21; i++) {
      if (i == 4 || i == 15) {
        assertThat(r.get(i)).as("project %d", i).hasValueSatisfying(e -> {
          assertThat(e.kind()).isEqualTo(CloudIamException.Kind.INVALID);
          assertThat(e.getMessage()).contains("do not belong to a permitted customer");
        });
        assertThat(users()).doesNotContain(member(i));
      } else {
        assertThat(r.get(i)).as("project %d", i).isEmpty();
        assertThat(users()).contains(member(i));
      }
    }
    assertThat(fake.calls("setIamPolicy projects")).isLessThanOrEqualTo(2 + 2 * 2 * 5);
  }

  @Test
  void aMemberGoogleNamesInItsErrorDetailsFailsAloneAtTheCostOfOneWrite() throws Exception {
    fake.refuseMember(member(9), true);
    List<Optional<CloudIamException>> r = batch(21, RefusedIamChangesTest::user);
    assertThat(r.get(9)).hasValueSatisfying(e -> assertThat(e.subjects()).singleElement()
        .satisfies(s -> assertThat(s).startsWith("orgpolicy:projects/acme-genai-shared?configvalue=")));
    for (int i = 0; i < 21; i++) {
      if (i != 9) {
        assertThat(r.get(i)).as("project %d", i).isEmpty();
      }
    }
    assertThat(users()).doesNotContain(member(9)).hasSize(1 + 20);
    assertThat(fake.calls("setIamPolicy projects")).as("held, refused, the rest").isEqualTo(3);
  }

  @Test
  void whenEveryChangeIsRefusedEveryProjectGetsGooglesAnswerAndNothingIsWritten() throws Exception {
    fake.refuseRole(USER + "-x");
    fake.refuseRole("roles/owner");
    List<Optional<CloudIamException>> r = batch(9, i -> i == 0 ? user(0) : Set.of(new Grant(PROJECT,
        "roles/owner", member(i))));
    assertThat(r.get(0)).isEmpty();
    for (int i = 1; i < 9; i++) {
      assertThat(r.get(i)).as("project %d", i).hasValueSatisfying(e -> assertThat(e.kind())
          .isEqualTo(CloudIamException.Kind.PERMISSION_DENIED));
    }
    assertThat(FakeGoogleIam.members(fake.policy(PROJECT), "roles/owner")).isEmpty();
    assertThat(fake.calls("setIamPolicy projects")).isLessThanOrEqualTo(1 + 2 * 8); // a split per change at most
  }
}
