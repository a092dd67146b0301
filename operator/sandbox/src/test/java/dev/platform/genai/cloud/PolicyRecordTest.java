package dev.platform.genai.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.genai.cloud.PolicyRecord.Entry;
import dev.platform.genai.cloud.PolicyRecord.Kind;
import dev.platform.genai.cloud.PolicyRecord.Wish;
import dev.platform.genai.config.Settings;
import dev.platform.genai.model.CloudGrants;
import dev.platform.genai.model.Grant;
import dev.platform.genai.sandbox.FakeGoogleIam;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The record of one Google policy through its controller's steps (read, decide, store the record,
 * write, settle), with Google's own clients against the fake of their REST wire format. What the
 * record holds decides what is ever removed: a member that was there before the operator never is;
 * one that two projects want goes with the last.
 */
class PolicyRecordTest {
  static final String PROJECT = "projects/acme-genai-prod";
  static final String SA =
      "projects/-/serviceAccounts/genai-chat@acme-genai-prod.iam.gserviceaccount.com";
  static final String MEMBER =
      "principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/"
          + "acme-gke.svc.id.goog/subject/ns/genai-x/sa/workload";
  static final Grant USER = new Grant(PROJECT, "roles/aiplatform.user", MEMBER);
  static final Grant VIEWER = new Grant(PROJECT, "roles/storage.objectViewer", MEMBER);

  FakeGoogleIam fake;
  GoogleIamPolicies iam;
  PolicyBatch batch;

  /** The record as stored (the GoogleIamPolicy's spec), by resource. */
  final Map<String, List<Entry>> stored = new TreeMap<>();

  @BeforeEach
  void start() throws Exception {
    fake =
        new FakeGoogleIam()
            .project("acme-genai-prod", 987654321L)
            .project("acme-gke", 123L)
            .serviceAccount("genai-chat@acme-genai-prod.iam.gserviceaccount.com");
    fake.foreignBinding(PROJECT, "roles/aiplatform.user", "user:alice@example.com", null);
    fake.foreignBinding(PROJECT, "roles/storage.admin", "group:ops@example.com", "business hours");
    iam =
        GoogleIamPolicies.create(
            Settings.from(
                Map.of(
                    "GENAI_GCP_RESOURCEMANAGER_ENDPOINT",
                    fake.url(),
                    "GENAI_GCP_IAM_ENDPOINT",
                    fake.url(),
                    "GENAI_GCP_CREDENTIALS",
                    "none")));
    batch = new PolicyBatch(iam, new IamQuota(Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    iam.close();
    fake.close();
  }

  static Wish apply(String project, Set<Grant> grants) {
    return new Wish(project, Kind.APPLY, grants, Set.of(), 1500, Set.of());
  }

  static Map<String, Wish> wishes(Wish... ws) {
    Map<String, Wish> out = new TreeMap<>();
    for (Wish w : ws) {
      out.put(w.project(), w);
    }
    return out;
  }

  static Map<String, Wish> only(String resource, Map<String, Wish> all) {
    Map<String, Wish> out = new TreeMap<>();
    all.forEach(
        (p, w) ->
            out.put(
                p,
                new Wish(
                    p,
                    w.kind(),
                    on(resource, w.grants()),
                    on(resource, w.withheld()),
                    w.principalLimit(),
                    on(resource, w.legacy()))));
    return out;
  }

  static Set<Grant> on(String resource, Set<Grant> grants) {
    return Set.copyOf(grants.stream().filter(g -> g.resource().equals(resource)).toList());
  }

  /** One reconcile of the resource's controller; the settled states. */
  List<PolicyRecord.MemberState> reconcile(String resource, Map<String, Wish> all)
      throws CloudIamException {
    Map<String, Wish> wishes = only(resource, all);
    IamPolicy read = iam.get(resource);
    PolicyRecord.Step step =
        PolicyRecord.plan(
            resource, stored.getOrDefault(resource, List.of()), read, wishes, Set.of());
    stored.put(resource, step.record()); // stored before the write
    PolicyBatch.Outcome out =
        step.changes().isEmpty() ? null : batch.write(resource, read, step.changes());
    PolicyRecord.Settled settled =
        PolicyRecord.settle(step, out == null ? read : out.policy(), out, null, wishes, Map.of());
    stored.put(resource, settled.record());
    return settled.states();
  }

  Set<Grant> ours(String resource) {
    Set<Grant> out = new java.util.TreeSet<>();
    stored.getOrDefault(resource, List.of()).stream()
        .filter(e -> !e.preexisting())
        .forEach(e -> out.add(e.grant()));
    return out;
  }

  /**
   * The operator dies after the record (with its intent) was stored and before the member was
   * added: the next operator (nothing in memory) adds it once; nothing leaks, nothing is added
   * twice.
   */
  @Test
  void aCrashBetweenRecordAndWriteAddsTheMemberOnceAfterARestart() throws Exception {
    IamPolicy read = iam.get(PROJECT);
    PolicyRecord.Step step =
        PolicyRecord.plan(PROJECT, List.of(), read, wishes(apply("x", Set.of(USER))), Set.of());
    assertThat(step.record())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.intent()).isEqualTo(PolicyRecord.Intent.ADD);
              assertThat(e.preexisting()).isFalse();
            });
    stored.put(PROJECT, step.record()); // stored; then the process is killed before the write
    assertThat(fake.has(PROJECT, "roles/aiplatform.user", MEMBER)).isFalse();
    assertThat(reconcile(PROJECT, wishes(apply("x", Set.of(USER)))))
        .singleElement()
        .satisfies(m -> assertThat(m.state()).isEqualTo(PolicyRecord.State.GRANTED));
    reconcile(PROJECT, wishes(apply("x", Set.of(USER))));
    assertThat(FakeGoogleIam.members(fake.policy(PROJECT), "roles/aiplatform.user"))
        .containsExactly("user:alice@example.com", MEMBER);
    assertThat(fake.calls("setIamPolicy projects")).isEqualTo(1);
    assertThat(stored.get(PROJECT)).singleElement().satisfies(e -> assertThat(e.intent()).isNull());
  }

  /**
   * And the other way: the write went out, the record's cleared intent did not: the member is ours
   * either way.
   */
  @Test
  void aCrashAfterTheWriteKeepsTheMemberOurs() throws Exception {
    IamPolicy read = iam.get(PROJECT);
    PolicyRecord.Step step =
        PolicyRecord.plan(PROJECT, List.of(), read, wishes(apply("x", Set.of(USER))), Set.of());
    stored.put(PROJECT, step.record());
    batch.write(PROJECT, read, step.changes()); // then killed before the settled record is stored
    reconcile(PROJECT, wishes(apply("x", Set.of()))); // the role leaves the spec
    assertThat(fake.has(PROJECT, "roles/aiplatform.user", MEMBER)).isFalse();
    assertThat(stored.get(PROJECT)).isEmpty();
  }

  /**
   * Through Google's client and its wire format: a policy one principal short of the limit takes
   * one, not two.
   */
  @Test
  void aPolicyAtItsPrincipalLimitIsNotWrittenAndSaysSo() throws Exception {
    for (int i = 0; i < 1496; i++) { // alice and ops are there already: 1,498 principals
      fake.foreignBinding(PROJECT, "roles/viewer", "user:u" + i + "@example.com", null);
    }
    Wish both = new Wish("x", Kind.APPLY, Set.of(USER, VIEWER), Set.of(), 1499, Set.of());
    List<PolicyRecord.MemberState> states = reconcile(PROJECT, wishes(both));
    assertThat(states)
        .allSatisfy(
            m -> {
              assertThat(m.state()).isEqualTo(PolicyRecord.State.REFUSED);
              assertThat(m.failure().kind()).isEqualTo(CloudIamException.Kind.POLICY_FULL);
              assertThat(m.failure().getMessage())
                  .contains("holds 1498 principals; adding 2 would pass its limit of 1499");
            });
    assertThat(fake.calls("setIamPolicy projects")).isZero();
    Wish one = new Wish("x", Kind.APPLY, Set.of(USER), Set.of(), 1499, Set.of());
    reconcile(PROJECT, wishes(one)); // one more fits
    assertThat(fake.has(PROJECT, "roles/aiplatform.user", MEMBER)).isTrue();
    assertThat(ours(PROJECT)).containsExactly(USER);
  }

  /**
   * A suspension revokes what we granted and keeps it in the record; lifting it adds it back at
   * once.
   */
  @Test
  void aWithheldGrantIsRevokedKeptInTheRecordAndRestored() throws Exception {
    reconcile(PROJECT, wishes(apply("x", Set.of(USER, VIEWER))));
    List<PolicyRecord.MemberState> suspended =
        reconcile(
            PROJECT,
            wishes(new Wish("x", Kind.APPLY, Set.of(VIEWER), Set.of(USER), 1500, Set.of())));
    assertThat(ours(PROJECT)).containsExactlyInAnyOrder(USER, VIEWER);
    assertThat(suspended)
        .filteredOn(m -> m.grant().equals(USER))
        .singleElement()
        .satisfies(m -> assertThat(m.state()).isEqualTo(PolicyRecord.State.WITHHELD));
    assertThat(fake.has(PROJECT, "roles/aiplatform.user", MEMBER)).isFalse();
    assertThat(fake.has(PROJECT, "roles/storage.objectViewer", MEMBER)).isTrue();
    reconcile(PROJECT, wishes(apply("x", Set.of(USER, VIEWER))));
    assertThat(fake.has(PROJECT, "roles/aiplatform.user", MEMBER)).isTrue();
    assertThat(ours(PROJECT)).containsExactlyInAnyOrder(USER, VIEWER);
  }

  @Test
  void grantsAddOnlyOurMemberAndKeepEverythingElseIntact() throws Exception {
    reconcile(PROJECT, wishes(apply("x", Set.of(USER))));
    assertThat(ours(PROJECT)).containsExactly(USER);
    assertThat(FakeGoogleIam.members(fake.policy(PROJECT), "roles/aiplatform.user"))
        .containsExactly("user:alice@example.com", MEMBER);
    // the conditional binding and the policy version came back and went out whole
    assertThat(fake.policy(PROJECT).path("bindings").toString()).contains("business hours");
    assertThat(fake.policy(PROJECT).path("version").asInt()).isEqualTo(3);
    assertThat(fake.calls("getIamPolicy projects")).isEqualTo(1);
    assertThat(fake.calls("setIamPolicy projects")).isEqualTo(1);
  }

  @Test
  void aRecheckInSyncReadsOnceAndWritesNothing() throws Exception {
    reconcile(PROJECT, wishes(apply("x", Set.of(USER, VIEWER))));
    List<Entry> before = stored.get(PROJECT);
    fake.resetCalls();
    reconcile(PROJECT, wishes(apply("x", Set.of(USER, VIEWER))));
    assertThat(stored.get(PROJECT)).isEqualTo(before);
    assertThat(fake.calls()).isEqualTo(Map.of("getIamPolicy projects", 1L));
  }

  @Test
  void removingARoleRemovesExactlyThatMember() throws Exception {
    reconcile(PROJECT, wishes(apply("x", Set.of(USER, VIEWER))));
    reconcile(PROJECT, wishes(apply("x", Set.of(USER))));
    assertThat(ours(PROJECT)).containsExactly(USER);
    assertThat(fake.has(PROJECT, "roles/storage.objectViewer", MEMBER)).isFalse();
    assertThat(fake.policy(PROJECT).path("bindings").toString())
        .doesNotContain("storage.objectViewer");
    assertThat(FakeGoogleIam.members(fake.policy(PROJECT), "roles/aiplatform.user"))
        .containsExactly("user:alice@example.com", MEMBER);
  }

  @Test
  void aMemberThatWasThereBeforeIsNeverOursToRemove() throws Exception {
    fake.foreignBinding(PROJECT, "roles/storage.objectViewer", MEMBER, null);
    assertThat(reconcile(PROJECT, wishes(apply("x", Set.of(VIEWER)))))
        .singleElement()
        .satisfies(m -> assertThat(m.state()).isEqualTo(PolicyRecord.State.PREEXISTING));
    assertThat(stored.get(PROJECT))
        .singleElement()
        .satisfies(e -> assertThat(e.preexisting()).isTrue());
    reconcile(PROJECT, wishes(Wish.release("x", Kind.RELEASE)));
    assertThat(fake.has(PROJECT, "roles/storage.objectViewer", MEMBER)).isTrue();
    assertThat(stored.get(PROJECT))
        .as("nobody asks for it any more: it leaves the record, not the policy")
        .isEmpty();
    assertThat(fake.calls("setIamPolicy projects")).isZero();
  }

  /**
   * Two projects sharing a Google service account want the same member: it is added once, and
   * removed only when the last of them lets go (per-project records took the second for "there
   * before us", so the first one's deletion cut the second's access).
   */
  @Test
  void aMemberTwoProjectsWantGoesWithTheLastOfThem() throws Exception {
    Grant shared =
        new Grant(
            PROJECT,
            "roles/aiplatform.user",
            "serviceAccount:genai-chat@acme-genai-prod.iam.gserviceaccount.com");
    reconcile(PROJECT, wishes(apply("a", Set.of(shared))));
    reconcile(PROJECT, wishes(apply("a", Set.of(shared)), apply("b", Set.of(shared))));
    assertThat(stored.get(PROJECT))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.preexisting()).isFalse();
              assertThat(e.projects()).containsExactlyInAnyOrder("a", "b");
            });
    reconcile(PROJECT, wishes(Wish.release("a", Kind.RELEASE), apply("b", Set.of(shared))));
    assertThat(fake.has(PROJECT, shared.role(), shared.member())).as("b still wants it").isTrue();
    reconcile(PROJECT, wishes(Wish.release("b", Kind.RELEASE)));
    assertThat(fake.has(PROJECT, shared.role(), shared.member())).isFalse();
    assertThat(stored.get(PROJECT)).isEmpty();
    assertThat(fake.calls("setIamPolicy projects")).isEqualTo(2);
  }

  /**
   * Upgrading from a release that kept the record in the project's status: the members it lists are
   * imported as the operator's, not taken for "there before us", so a role removed afterwards still
   * goes.
   */
  @Test
  void anEarlierReleasesRecordIsImportedAsTheOperatorsBeforeAnythingIsDecided() throws Exception {
    fake.foreignBinding(PROJECT, USER.role(), USER.member(), null); // added by the earlier release
    fake.foreignBinding(PROJECT, VIEWER.role(), VIEWER.member(), null);
    Wish upgraded =
        new Wish("x", Kind.APPLY, Set.of(USER, VIEWER), Set.of(), 1500, Set.of(USER, VIEWER));
    assertThat(reconcile(PROJECT, wishes(upgraded)))
        .allSatisfy(m -> assertThat(m.state()).isEqualTo(PolicyRecord.State.GRANTED));
    assertThat(ours(PROJECT)).containsExactlyInAnyOrder(USER, VIEWER);
    reconcile(
        PROJECT,
        wishes(new Wish("x", Kind.APPLY, Set.of(USER), Set.of(), 1500, Set.of(USER, VIEWER))));
    assertThat(fake.has(PROJECT, VIEWER.role(), VIEWER.member())).isFalse();
    assertThat(FakeGoogleIam.members(fake.policy(PROJECT), "roles/aiplatform.user"))
        .containsExactly("user:alice@example.com", MEMBER);
  }

  /**
   * A deleted project whose removal Google refuses for good: abandoned, it lets go, the member
   * stays marked.
   */
  @Test
  void anAbandonedRemovalLeavesTheMemberMarkedUntilItIsGoneFromGoogle() throws Exception {
    reconcile(PROJECT, wishes(apply("x", Set.of(USER))));
    reconcile(PROJECT, wishes(Wish.release("x", Kind.ABANDON)));
    assertThat(fake.has(PROJECT, USER.role(), USER.member())).isTrue();
    assertThat(stored.get(PROJECT))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.abandoned()).contains("remove it by hand");
              assertThat(e.projects()).isEmpty(); // the project is no longer listed: it may go
            });
    fake.fault(r -> Optional.empty());
    // a person removes it by hand; the next check drops the entry
    IamPolicy p = iam.get(PROJECT);
    iam.set(PROJECT, p.without(USER.role(), USER.member()));
    reconcile(PROJECT, wishes());
    assertThat(stored.get(PROJECT)).isEmpty();
  }

  @Test
  void aConcurrentChangeIsReReadAndRetried() throws Exception {
    AtomicInteger sets = new AtomicInteger();
    fake.fault(
        r -> {
          if (r.getUrl().encodedPath().endsWith(":setIamPolicy") && sets.getAndIncrement() == 0) {
            fake.touch(PROJECT); // someone else wrote in between
            return Optional.of(
                FakeGoogleIam.error(409, "ABORTED", "There were concurrent policy changes."));
          }
          return Optional.empty();
        });
    reconcile(PROJECT, wishes(apply("x", Set.of(USER))));
    assertThat(fake.calls("setIamPolicy projects")).isEqualTo(2);
    assertThat(fake.calls("getIamPolicy projects")).as("the retry re-read the policy").isEqualTo(2);
    assertThat(fake.has(PROJECT, "roles/aiplatform.user", MEMBER)).isTrue();
  }

  @Test
  void permissionDeniedIsAnErrorAPersonMustFix() {
    fake.fault(
        r ->
            Optional.of(
                FakeGoogleIam.error(
                    403, "PERMISSION_DENIED", "The caller does not have permission")));
    assertThatThrownBy(() -> reconcile(PROJECT, wishes(apply("x", Set.of(USER)))))
        .isInstanceOfSatisfying(
            CloudIamException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(CloudIamException.Kind.PERMISSION_DENIED);
              assertThat(e.getMessage())
                  .contains("getIamPolicy projects/acme-genai-prod failed (HTTP 403)");
            });
  }

  /**
   * Google's 429 for a spent write quota, through its client: every write waits, not only this
   * policy's.
   */
  @Test
  void aSpentWriteQuotaPausesTheWritesWithoutMoreCalls() throws Exception {
    fake.fault(
        r ->
            r.getUrl().encodedPath().endsWith(":setIamPolicy")
                ? Optional.of(
                    FakeGoogleIam.error(
                        429,
                        "RESOURCE_EXHAUSTED",
                        "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per"
                            + " minute'"))
                : Optional.empty());
    assertThatThrownBy(() -> reconcile(PROJECT, wishes(apply("x", Set.of(USER)))))
        .isInstanceOfSatisfying(
            CloudIamException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(CloudIamException.Kind.RATE_LIMITED);
              assertThat(e.kind().reason()).hasToString("RateLimited");
            });
    assertThatThrownBy(
            () ->
                reconcile(
                    SA,
                    wishes(
                        apply(
                            "x",
                            Set.of(
                                new Grant(
                                    SA,
                                    CloudGrants.WORKLOAD_IDENTITY_USER,
                                    "serviceAccount:acme-gke.svc.id.goog[genai-x/workload]"))))))
        .isInstanceOfSatisfying(
            CloudIamException.class, e -> assertThat(e.getMessage()).contains("no call made"));
    assertThat(fake.calls("setIamPolicy projects"))
        .as("the paused write made no call")
        .isEqualTo(1);
    assertThat(fake.calls("setIamPolicy serviceAccounts")).isZero();
  }

  @Test
  void anOutageIsTransientAndTheNextReconcileSucceeds() throws Exception {
    fake.fault(
        r ->
            Optional.of(
                FakeGoogleIam.error(503, "UNAVAILABLE", "The service is currently unavailable")));
    assertThatThrownBy(() -> reconcile(PROJECT, wishes(apply("x", Set.of(USER)))))
        .isInstanceOfSatisfying(
            CloudIamException.class,
            e -> assertThat(e.kind()).isEqualTo(CloudIamException.Kind.TRANSIENT));
    fake.clearFaults();
    reconcile(PROJECT, wishes(apply("x", Set.of(USER))));
    assertThat(ours(PROJECT)).containsExactly(USER);
  }

  @Test
  void serviceAccountModeWritesTheServiceAccountsOwnPolicy() throws Exception {
    Grant wiUser =
        new Grant(
            SA,
            CloudGrants.WORKLOAD_IDENTITY_USER,
            "serviceAccount:acme-gke.svc.id.goog[genai-x/workload]");
    Grant role =
        new Grant(
            PROJECT,
            "roles/aiplatform.user",
            "serviceAccount:genai-chat@acme-genai-prod.iam.gserviceaccount.com");
    Map<String, Wish> w = wishes(apply("x", Set.of(wiUser, role)));
    reconcile(SA, w);
    reconcile(PROJECT, w);
    assertThat(fake.has(SA, CloudGrants.WORKLOAD_IDENTITY_USER, wiUser.member())).isTrue();
    assertThat(fake.has(PROJECT, "roles/aiplatform.user", role.member())).isTrue();
    Map<String, Wish> gone = wishes(Wish.release("x", Kind.RELEASE));
    reconcile(SA, gone);
    reconcile(PROJECT, gone);
    assertThat(fake.has(SA, CloudGrants.WORKLOAD_IDENTITY_USER, wiUser.member())).isFalse();
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
  void aHeldProjectKeepsWhatItHasAndAddsNothing() throws Exception {
    reconcile(PROJECT, wishes(apply("x", Set.of(USER))));
    fake.resetCalls();
    reconcile(PROJECT, wishes(new Wish("x", Kind.HOLD, Set.of(), Set.of(), 1500, Set.of())));
    assertThat(fake.has(PROJECT, USER.role(), USER.member())).isTrue();
    assertThat(ours(PROJECT)).containsExactly(USER);
    assertThat(fake.calls("setIamPolicy projects")).isZero();
  }
}
