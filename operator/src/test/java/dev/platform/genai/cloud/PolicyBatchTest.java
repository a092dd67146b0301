package dev.platform.genai.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.iam.v1.Binding;
import com.google.iam.v1.Policy;
import com.google.protobuf.ByteString;
import dev.platform.genai.model.Grant;
import dev.platform.genai.operator.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Changes to one policy from many projects, written together by its single writer. The policy store
 * below is an in-memory stand-in for Google's (etag checked on every set, as setIamPolicy does: a
 * stale etag is 409 ABORTED), with faults injected per call; the wire format itself is covered by
 * {@code RefusedIamChangesTest} and the operator tests against the HTTP fake.
 */
class PolicyBatchTest {
  static final String PROJECT = "projects/acme-genai-prod";
  static final String ROLE = "roles/aiplatform.user";

  /** Google's side: one policy, its etag, the calls, and a fault to inject before a set. */
  static class Store implements IamPolicies {
    Policy policy;
    int etag;
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger sets = new AtomicInteger();
    volatile UnaryOperator<Policy> fault = p -> p;

    Store(List<String> members) {
      policy =
          Policy.newBuilder()
              .setVersion(3)
              .setEtag(ByteString.copyFromUtf8("e0"))
              .addBindings(Binding.newBuilder().setRole("roles/viewer").addAllMembers(members))
              .build();
    }

    @Override
    public synchronized IamPolicy get(String resource) {
      gets.incrementAndGet();
      return new ProjectIamPolicy(policy);
    }

    @Override
    public IamPolicy set(String resource, IamPolicy p) throws CloudIamException {
      synchronized (this) {
        sets.incrementAndGet();
        Policy wanted = fault.apply(((ProjectIamPolicy) p).policy);
        if (wanted == null) {
          throw new CloudIamException(
              CloudIamException.Kind.CONFLICT, "setIamPolicy: 409 ABORTED", null);
        }
        if (!wanted.getEtag().equals(policy.getEtag())) {
          throw new CloudIamException(
              CloudIamException.Kind.CONFLICT, "setIamPolicy: 409 ABORTED", null);
        }
        policy = wanted.toBuilder().setEtag(ByteString.copyFromUtf8("e" + (++etag))).build();
        return new ProjectIamPolicy(policy);
      }
    }

    @Override
    public long projectNumber(String projectId) {
      return 1L;
    }

    @Override
    public Map<String, Long> calls() {
      return Map.of(
          "getIamPolicy projects", (long) gets.get(), "setIamPolicy projects", (long) sets.get());
    }

    synchronized List<String> members(String role) {
      return policy.getBindingsList().stream()
          .filter(b -> b.getRole().equals(role))
          .flatMap(b -> b.getMembersList().stream())
          .toList();
    }

    /** Someone else changes the policy now (its etag moves). */
    synchronized void touch() {
      policy = policy.toBuilder().setEtag(ByteString.copyFromUtf8("x" + (++etag))).build();
    }
  }

  static Grant grant(int i) {
    return new Grant(PROJECT, ROLE, "principal://example/ns/genai-p" + i + "/sa/workload");
  }

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneId.of("UTC"));

  static List<PolicyBatch.Change> adds(int n) {
    List<PolicyBatch.Change> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(PolicyBatch.Change.additions("p" + i, Set.of(grant(i)), 1500));
    }
    return out;
  }

  @Test
  void fiftyProjectsOnOnePolicyWithA409GoInOneWriteAndARetry() throws Exception {
    Store store = new Store(List.of("user:alice@example.com"));
    AtomicInteger setsSeen = new AtomicInteger();
    store.fault =
        p -> {
          if (setsSeen.incrementAndGet() == 1) {
            store.touch(); // the write loses a race against someone else's change
          }
          return p;
        };
    PolicyBatch batch = new PolicyBatch(store, new IamQuota(CLOCK));
    PolicyBatch.Outcome out = batch.write(PROJECT, store.get(PROJECT), adds(50));
    assertThat(out.refused()).isEmpty();
    List<String> members = store.members(ROLE);
    for (int i = 0; i < 50; i++) {
      assertThat(members).as("member %d once", i).containsOnlyOnce(grant(i).member());
    }
    assertThat(store.members("roles/viewer")).containsExactly("user:alice@example.com");
    assertThat(store.sets.get())
        .as("the write refused with 409, and the one after a fresh read")
        .isEqualTo(2);
    assertThat(out.writes()).isEqualTo(1);
  }

  @Test
  void conflictsPastTheAttemptsFailTheWholeWriteForTheControllersBackoff() {
    Store store = new Store(List.of());
    store.fault =
        p -> {
          store.touch(); // someone else writes before every one of ours
          return p;
        };
    PolicyBatch batch = new PolicyBatch(store, new IamQuota(CLOCK));
    assertThatThrownBy(() -> batch.write(PROJECT, store.get(PROJECT), adds(2)))
        .isInstanceOfSatisfying(
            CloudIamException.class,
            e -> assertThat(e.kind()).isEqualTo(CloudIamException.Kind.CONFLICT));
    assertThat(store.sets.get()).isEqualTo(PolicyBatch.MAX_ATTEMPTS);
  }

  @Test
  void aRemovalAndAnAdditionGoInOneWrite() throws Exception {
    Store store = new Store(List.of("user:alice@example.com"));
    PolicyBatch batch = new PolicyBatch(store, new IamQuota(CLOCK));
    batch.write(PROJECT, store.get(PROJECT), adds(2));
    int before = store.sets.get();
    batch.write(
        PROJECT,
        store.get(PROJECT),
        List.of(
            PolicyBatch.Change.removals(Set.of(grant(1))),
            PolicyBatch.Change.additions("p9", Set.of(grant(9)), 1500)));
    assertThat(store.members(ROLE)).containsExactlyInAnyOrder(grant(0).member(), grant(9).member());
    assertThat(store.sets.get() - before).isEqualTo(1);
  }

  /**
   * A store whose set refuses (400) any policy holding {@code bad}, naming it in the message or
   * not.
   */
  static IamPolicies refusing(Store store, String bad, boolean named) {
    return new Store(List.of()) {
      @Override
      public IamPolicy set(String resource, IamPolicy p) throws CloudIamException {
        if (p.has(ROLE, bad)) {
          store.sets.incrementAndGet();
          throw new CloudIamException(
              CloudIamException.Kind.INVALID,
              "setIamPolicy failed (HTTP 400): Invalid"
                  + (named ? " principal " + bad : " principal")
                  + ": the workload identity pool does not exist",
              null);
        }
        return store.set(resource, p);
      }

      @Override
      public synchronized IamPolicy get(String resource) {
        return store.get(resource);
      }
    };
  }

  @Test
  void aMemberGoogleRefusesFailsItsOwnChangeOnly() throws Exception {
    Store store = new Store(List.of());
    String bad = grant(3).member();
    PolicyBatch batch = new PolicyBatch(refusing(store, bad, true), new IamQuota(CLOCK));
    PolicyBatch.Outcome out = batch.write(PROJECT, store.get(PROJECT), adds(6));
    assertThat(store.sets.get())
        .as("the batch of six, refused for one member; the five")
        .isEqualTo(2);
    assertThat(out.refused()).containsOnlyKeys(PolicyBatch.Key.of("p3"));
    assertThat(out.refused("p3").kind()).isEqualTo(CloudIamException.Kind.INVALID);
    assertThat(out.refused("p3")).hasMessageContaining(bad);
    for (int i = 0; i < 6; i++) {
      if (i != 3) {
        assertThat(store.members(ROLE)).contains(grant(i).member());
      }
    }
    assertThat(store.members(ROLE)).doesNotContain(bad);
  }

  @Test
  void aRefusalThatNamesNobodyIsFoundBySplittingTheBatch() throws Exception {
    Store store = new Store(List.of());
    String bad = grant(5).member();
    PolicyBatch batch = new PolicyBatch(refusing(store, bad, false), new IamQuota(CLOCK));
    PolicyBatch.Outcome out = batch.write(PROJECT, store.get(PROJECT), adds(16));
    assertThat(out.refused()).containsOnlyKeys(PolicyBatch.Key.of("p5"));
    assertThat(store.members(ROLE)).hasSize(15).doesNotContain(bad);
    assertThat(store.sets.get()).as("about 2 log2(16) writes more than one").isLessThanOrEqualTo(9);
  }

  @Test
  void aGrantThatWouldPassThePrincipalLimitIsNotAttempted() throws Exception {
    List<String> others = new ArrayList<>();
    for (int i = 0; i < 1499; i++) {
      others.add("user:u" + i + "@example.com");
    }
    Store store = new Store(others); // a shared policy, nearly full
    PolicyBatch batch = new PolicyBatch(store, new IamQuota(CLOCK));
    Grant a = new Grant(PROJECT, ROLE, grant(1).member());
    Grant b = new Grant(PROJECT, "roles/storage.objectViewer", grant(1).member());
    PolicyBatch.Outcome out =
        batch.write(
            PROJECT,
            store.get(PROJECT),
            List.of(PolicyBatch.Change.additions("p1", Set.of(a, b), 1500)));
    assertThat(out.refused("p1"))
        .isInstanceOfSatisfying(
            CloudIamException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(CloudIamException.Kind.POLICY_FULL);
              assertThat(e.getMessage())
                  .contains("holds 1499 principals; adding 2 would pass its limit of 1500");
            });
    assertThat(store.sets.get()).as("nothing attempted").isZero();
    batch.write(
        PROJECT, store.get(PROJECT), List.of(PolicyBatch.Change.additions("p1", Set.of(a), 1500)));
    assertThat(store.members(ROLE)).containsExactly(a.member());
  }

  @Test
  void a429PausesEveryWriteOfTheOperatorNotJustOnePolicys() throws Exception {
    Store store = new Store(List.of());
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    AtomicInteger calls = new AtomicInteger();
    IamQuota quota = new IamQuota(clock);
    PolicyBatch batch =
        new PolicyBatch(
            new Store(List.of()) {
              @Override
              public IamPolicy set(String resource, IamPolicy p) throws CloudIamException {
                if (calls.incrementAndGet() == 1) {
                  throw new CloudIamException(
                      CloudIamException.Kind.RATE_LIMITED,
                      "setIamPolicy failed (HTTP 429):"
                          + " Quota exceeded for quota metric 'Write requests'",
                      null);
                }
                return store.set(resource, p);
              }

              @Override
              public synchronized IamPolicy get(String resource) {
                return store.get(resource);
              }
            },
            quota);
    assertThatThrownBy(() -> batch.write(PROJECT, store.get(PROJECT), adds(1)))
        .hasMessageContaining("every IAM write of the operator waits 2 s");
    assertThat(quota.remaining()).isEqualTo(Duration.ofSeconds(2));
    // another policy: held back too, without a call to Google
    assertThatThrownBy(() -> batch.write("projects/other", store.get(PROJECT), adds(1)))
        .isInstanceOfSatisfying(
            CloudIamException.class,
            e -> assertThat(e.kind()).isEqualTo(CloudIamException.Kind.RATE_LIMITED));
    assertThat(calls.get()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(3));
    batch.write(PROJECT, store.get(PROJECT), adds(1));
    assertThat(store.members(ROLE)).containsExactly(grant(0).member());
  }
}
