package dev.platform.genai.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.genai.config.Settings;
import dev.platform.genai.model.CloudGrants;
import dev.platform.genai.model.Grant;
import dev.platform.genai.sandbox.FakeGoogleIam;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Google's own clients against the fake of their REST wire format. */
class CloudAccessSyncTest {
  static final String PROJECT = "projects/acme-genai-prod";
  static final String SA = "projects/-/serviceAccounts/genai-chat@acme-genai-prod.iam.gserviceaccount.com";
  static final String MEMBER = "principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/"
      + "acme-gke.svc.id.goog/subject/ns/genai-x/sa/workload";
  static final Grant USER = new Grant(PROJECT, "roles/aiplatform.user", MEMBER);
  static final Grant VIEWER = new Grant(PROJECT, "roles/storage.objectViewer", MEMBER);

  FakeGoogleIam fake;
  GoogleIamPolicies iam;
  CloudAccessSync sync;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeGoogleIam().project("acme-genai-prod", 987654321L).project("acme-gke", 123L)
        .serviceAccount("genai-chat@acme-genai-prod.iam.gserviceaccount.com");
    fake.foreignBinding(PROJECT, "roles/aiplatform.user", "user:alice@example.com", null);
    fake.foreignBinding(PROJECT, "roles/storage.admin", "group:ops@example.com", "business hours");
    iam = GoogleIamPolicies.create(Settings.from(Map.of("GENAI_GCP_RESOURCEMANAGER_ENDPOINT", fake.url(),
        "GENAI_GCP_IAM_ENDPOINT", fake.url(), "GENAI_GCP_CREDENTIALS", "none")));
    sync = new CloudAccessSync(iam, attempt -> { });
  }

  @AfterEach
  void stop() {
    iam.close();
    fake.close();
  }

  /** The two-step grant: record first, then add. */
  Set<Grant> grant(Set<Grant> desired, Set<Grant> recorded) throws CloudIamException {
    CloudAccessSync.Outcome first = sync.sync(desired, recorded);
    assertThat(first).isInstanceOf(CloudAccessSync.NeedsRecord.class);
    CloudAccessSync.Outcome second = sync.sync(desired, first.record());
    assertThat(second).isInstanceOf(CloudAccessSync.Synced.class);
    return second.record();
  }

  /**
   * The operator dies after the record reached status and before the member was added: the next operator (a new
   * writer, nothing in memory) adds it once; nothing leaks, nothing is added twice.
   */
  @Test
  void aCrashBetweenRecordAndWriteAddsTheMemberOnceAfterARestart() throws Exception {
    CloudAccessSync.Outcome first = sync.sync(Set.of(USER), Set.of());
    assertThat(first).isInstanceOf(CloudAccessSync.NeedsRecord.class);
    Set<Grant> recorded = first.record(); // written to status; then the process is killed
    assertThat(fake.has(PROJECT, "roles/aiplatform.user", MEMBER)).isFalse();
    CloudAccessSync restarted = new CloudAccessSync(iam, new PolicyWriter(iam, attempt -> { }, Clock.systemUTC()));
    assertThat(restarted.sync(Set.of(USER), recorded)).isInstanceOf(CloudAccessSync.Synced.class);
    assertThat(restarted.sync(Set.of(USER), recorded)).isInstanceOf(CloudAccessSync.Synced.class);
    assertThat(FakeGoogleIam.members(fake.policy(PROJECT), "roles/aiplatform.user"))
        .containsExactly("user:alice@example.com", MEMBER);
    assertThat(fake.calls("setIamPolicy projects")).isEqualTo(1);
  }

  /** Through Google's client and its wire format: a policy one principal short of the limit takes one, not two. */
  @Test
  void aPolicyAtItsPrincipalLimitIsNotWrittenAndSaysSo() throws Exception {
    for (int i = 0; i < 1496; i++) { // alice and ops are there already: 1,498 principals
      fake.foreignBinding(PROJECT, "roles/viewer", "user:u" + i + "@example.com", null);
    }
    Set<Grant> both = Set.of(USER, VIEWER);
    CloudAccessSync.Outcome first = sync.sync(both, Set.of(), 1499);
    assertThatThrownBy(() -> sync.sync(both, first.record(), 1499)).isInstanceOfSatisfying(
        CloudIamException.class, e -> {
          assertThat(e.kind()).isEqualTo(CloudIamException.Kind.POLICY_FULL);
          assertThat(e.getMessage()).contains("holds 1498 principals; adding 2 would pass its limit of 1499");
        });
    assertThat(fake.calls("setIamPolicy projects")).isZero();
    assertThat(grant(Set.of(USER), Set.of())).containsExactly(USER); // one more fits
  }

  /** A suspension revokes what we granted and keeps it in the record; lifting it adds it back at once. */
  @Test
  void aWithheldGrantIsRevokedKeptInTheRecordAndRestored() throws Exception {
    Set<Grant> record = grant(Set.of(USER, VIEWER), Set.of());
    CloudAccessSync.Outcome suspended = sync.sync(Set.of(VIEWER), Set.of(USER), record, 1500);
    assertThat(suspended).isInstanceOf(CloudAccessSync.Synced.class);
    assertThat(suspended.record()).containsExactlyInAnyOrder(USER, VIEWER);
    assertThat(fake.has(PROJECT, "roles/aiplatform.user", MEMBER)).isFalse();
    assertThat(fake.has(PROJECT, "roles/storage.objectViewer", MEMBER)).isTrue();
    CloudAccessSync.Outcome lifted = sync.sync(Set.of(USER, VIEWER), suspended.record());
    assertThat(lifted).as("no new record needed").isInstanceOf(CloudAccessSync.Synced.class);
    assertThat(fake.has(PROJECT, "roles/aiplatform.user", MEMBER)).isTrue();
  }

  @Test
  void grantsAddOnlyOurMemberAndKeepEverythingElseIntact() throws Exception {
    Set<Grant> record = grant(Set.of(USER), Set.of());
    assertThat(record).containsExactly(USER);
    assertThat(fake.has(PROJECT, "roles/aiplatform.user", MEMBER)).isTrue();
    assertThat(FakeGoogleIam.members(fake.policy(PROJECT), "roles/aiplatform.user"))
        .containsExactly("user:alice@example.com", MEMBER);
    // the conditional binding and the policy version came back and went out whole
    assertThat(fake.policy(PROJECT).path("bindings").toString()).contains("business hours");
    assertThat(fake.policy(PROJECT).path("version").asInt()).isEqualTo(3);
    assertThat(fake.calls("getIamPolicy projects")).isEqualTo(2);
    assertThat(fake.calls("setIamPolicy projects")).isEqualTo(1);
  }

  @Test
  void aResyncInSyncReadsOnceAndWritesNothing() throws Exception {
    Set<Grant> record = grant(Set.of(USER, VIEWER), Set.of());
    fake.resetCalls();
    CloudAccessSync.Outcome again = sync.sync(Set.of(USER, VIEWER), record);
    assertThat(again).isEqualTo(new CloudAccessSync.Synced(record, 0));
    assertThat(fake.calls()).isEqualTo(Map.of("getIamPolicy projects", 1L));
  }

  @Test
  void removingARoleRemovesExactlyThatMember() throws Exception {
    Set<Grant> record = grant(Set.of(USER, VIEWER), Set.of());
    CloudAccessSync.Outcome after = sync.sync(Set.of(USER), record);
    assertThat(after.record()).containsExactly(USER);
    assertThat(fake.has(PROJECT, "roles/storage.objectViewer", MEMBER)).isFalse();
    assertThat(fake.policy(PROJECT).path("bindings").toString()).doesNotContain("storage.objectViewer");
    assertThat(FakeGoogleIam.members(fake.policy(PROJECT), "roles/aiplatform.user"))
        .containsExactly("user:alice@example.com", MEMBER);
  }

  @Test
  void aMemberThatWasThereBeforeIsNeverOursToRemove() throws Exception {
    fake.foreignBinding(PROJECT, "roles/storage.objectViewer", MEMBER, null);
    CloudAccessSync.Outcome o = sync.sync(Set.of(VIEWER), Set.of());
    assertThat(o).isEqualTo(new CloudAccessSync.Synced(Set.of(), 0));
    sync.sync(Set.of(), o.record());
    sync.cleanup(o.record());
    assertThat(fake.has(PROJECT, "roles/storage.objectViewer", MEMBER)).isTrue();
  }

  @Test
  void aConcurrentChangeIsReReadAndRetried() throws Exception {
    AtomicInteger sets = new AtomicInteger();
    fake.fault(r -> {
      if (r.getUrl().encodedPath().endsWith(":setIamPolicy") && sets.getAndIncrement() == 0) {
        fake.touch(PROJECT); // someone else wrote in between
        return Optional.of(FakeGoogleIam.error(409, "ABORTED", "There were concurrent policy changes."));
      }
      return Optional.empty();
    });
    Set<Grant> record = grant(Set.of(USER), Set.of());
    assertThat(record).containsExactly(USER);
    assertThat(fake.calls("setIamPolicy projects")).isEqualTo(2);
    assertThat(fake.calls("getIamPolicy projects")).as("the retry re-read the policy").isEqualTo(3);
    assertThat(fake.has(PROJECT, "roles/aiplatform.user", MEMBER)).isTrue();
  }

  @Test
  void permissionDeniedIsAnErrorAPersonMustFix() {
    fake.fault(r -> Optional.of(FakeGoogleIam.error(403, "PERMISSION_DENIED",
        "The caller does not have permission")));
    assertThatThrownBy(() -> sync.sync(Set.of(USER), Set.of()))
        .isInstanceOfSatisfying(CloudIamException.class, e -> {
          assertThat(e.kind()).isEqualTo(CloudIamException.Kind.PERMISSION_DENIED);
          assertThat(e.getMessage()).contains("getIamPolicy projects/acme-genai-prod failed (HTTP 403)");
        });
  }

  /** Google's 429 for a spent write quota, through its client: every write waits, not only this project's. */
  @Test
  void aSpentWriteQuotaPausesTheWritesWithoutMoreCalls() throws Exception {
    fake.fault(r -> r.getUrl().encodedPath().endsWith(":setIamPolicy") ? Optional.of(FakeGoogleIam.error(429,
        "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per"
            + " minute'")) : Optional.empty());
    Set<Grant> recorded = sync.sync(Set.of(USER), Set.of()).record();
    assertThatThrownBy(() -> sync.sync(Set.of(USER), recorded)).isInstanceOfSatisfying(CloudIamException.class,
        e -> {
          assertThat(e.kind()).isEqualTo(CloudIamException.Kind.RATE_LIMITED);
          assertThat(e.kind().reason()).isEqualTo("RateLimited");
        });
    assertThatThrownBy(() -> sync.sync(Set.of(USER), recorded)).isInstanceOfSatisfying(CloudIamException.class,
        e -> assertThat(e.getMessage()).contains("no call made"));
    assertThat(fake.calls("setIamPolicy projects")).as("the paused write made no call").isEqualTo(1);
  }

  @Test
  void anOutageIsTransientAndTheNextSyncSucceeds() throws Exception {
    fake.fault(r -> Optional.of(FakeGoogleIam.error(503, "UNAVAILABLE", "The service is currently unavailable")));
    assertThatThrownBy(() -> sync.sync(Set.of(USER), Set.of()))
        .isInstanceOfSatisfying(CloudIamException.class,
            e -> assertThat(e.kind()).isEqualTo(CloudIamException.Kind.TRANSIENT));
    fake.clearFaults();
    assertThat(grant(Set.of(USER), Set.of())).containsExactly(USER);
  }

  @Test
  void serviceAccountModeWritesTheServiceAccountsOwnPolicy() throws Exception {
    Grant wiUser = new Grant(SA, CloudGrants.WORKLOAD_IDENTITY_USER,
        "serviceAccount:acme-gke.svc.id.goog[genai-x/workload]");
    Grant role = new Grant(PROJECT, "roles/aiplatform.user",
        "serviceAccount:genai-chat@acme-genai-prod.iam.gserviceaccount.com");
    Set<Grant> record = grant(Set.of(wiUser, role), Set.of());
    assertThat(record).containsExactlyInAnyOrder(wiUser, role);
    assertThat(fake.has(SA, CloudGrants.WORKLOAD_IDENTITY_USER, wiUser.member())).isTrue();
    assertThat(fake.has(PROJECT, "roles/aiplatform.user", role.member())).isTrue();
    sync.cleanup(record);
    assertThat(fake.has(SA, CloudGrants.WORKLOAD_IDENTITY_USER, wiUser.member())).isFalse();
    assertThat(fake.has(PROJECT, "roles/aiplatform.user", role.member())).isFalse();
    assertThat(FakeGoogleIam.members(fake.policy(PROJECT), "roles/aiplatform.user"))
        .containsExactly("user:alice@example.com");
  }

  @Test
  void theClusterProjectNumberIsLookedUpOnce() throws Exception {
    assertThat(iam.projectNumber("acme-gke")).isEqualTo(123L);
    assertThat(iam.projectNumber("acme-gke")).isEqualTo(123L);
    assertThat(fake.calls("getProject projects")).isEqualTo(1);
  }

  @Test
  void cleanupOfAPolicyThatIsGoneOrCleanNeverBlocks() throws Exception {
    Grant onMissingProject = new Grant("projects/deleted-project", "roles/aiplatform.user", MEMBER);
    assertThat(sync.cleanup(Set.of(onMissingProject, USER))).isEmpty();
    assertThat(fake.calls("setIamPolicy projects")).isZero();
  }
}
