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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Changes to one policy from many projects, written together. The policy store below is an in-memory stand-in for
 * Google's (etag checked on every set, as setIamPolicy does: a stale etag is 409 ABORTED), with faults injected per
 * call; the wire format itself is covered by {@code CloudAccessSyncTest} against the HTTP fake.
 */
class PolicyWriterTest {
  static final String PROJECT = "projects/acme-genai-prod";
  static final String ROLE = "roles/aiplatform.user";

  final ExecutorService pool = Executors.newFixedThreadPool(16);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** Google's side: one policy, its etag, the calls, and a fault to inject before a set. */
  static class Store implements IamPolicies {
    Policy policy;
    int etag;
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger sets = new AtomicInteger();
    volatile UnaryOperator<Policy> fault = p -> p;
    volatile CountDownLatch holdFirstSet;
    final CountDownLatch heldSetStarted = new CountDownLatch(1);

    Store(List<String> members) {
      policy = Policy.newBuilder().setVersion(3).setEtag(ByteString.copyFromUtf8("e0"))
          .addBindings(Binding.newBuilder().setRole("roles/viewer").addAllMembers(members)).build();
    }

    @Override
    public synchronized IamPolicy get(String resource) {
      gets.incrementAndGet();
      return new ProjectIamPolicy(policy);
    }

    @Override
    public IamPolicy set(String resource, IamPolicy p) throws CloudIamException {
      CountDownLatch hold = holdFirstSet;
      if (hold != null) {
        holdFirstSet = null;
        heldSetStarted.countDown();
        try {
          hold.await(5, TimeUnit.SECONDS); // the first write is slow: everyone else queues behind it
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      synchronized (this) {
        sets.incrementAndGet();
        Policy wanted = fault.apply(((ProjectIamPolicy) p).policy);
        if (wanted == null) {
          throw new CloudIamException(CloudIamException.Kind.CONFLICT, "setIamPolicy: 409 ABORTED", null);
        }
        if (!wanted.getEtag().equals(policy.getEtag())) {
          throw new CloudIamException(CloudIamException.Kind.CONFLICT, "setIamPolicy: 409 ABORTED", null);
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
      return Map.of("getIamPolicy projects", (long) gets.get(), "setIamPolicy projects", (long) sets.get());
    }

    synchronized List<String> members(String role) {
      return policy.getBindingsList().stream().filter(b -> b.getRole().equals(role))
          .flatMap(b -> b.getMembersList().stream()).toList();
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

  /** n projects each add their member at once, through one writer; returns each one's failure or null. */
  List<Throwable> burst(PolicyWriter writer, Store store, int n, UnaryOperator<PolicyWriter.Change> change)
      throws Exception {
    IamPolicy read = store.get(PROJECT);
    List<CompletableFuture<Throwable>> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i;
      results.add(CompletableFuture.supplyAsync(() -> {
        try {
          writer.apply(PROJECT, change.apply(new PolicyWriter.Change(Set.of(grant(k)), Set.of(), read, 1500)));
          return null;
        } catch (CloudIamException e) {
          return e;
        }
      }, pool));
    }
    List<Throwable> out = new ArrayList<>();
    for (var r : results) {
      out.add(r.get(30, TimeUnit.SECONDS));
    }
    return out;
  }

  @Test
  void fiftyProjectsOnOnePolicyWithA409InTheMiddleNeedAFewWritesAndEachMemberOnce() throws Exception {
    Store store = new Store(List.of("user:alice@example.com"));
    AtomicInteger setsSeen = new AtomicInteger();
    store.fault = p -> {
      if (setsSeen.incrementAndGet() == 2) {
        store.touch(); // the second write loses a race against someone else's change
      }
      return p;
    };
    CountDownLatch slowFirstWrite = new CountDownLatch(1);
    store.holdFirstSet = slowFirstWrite;
    PolicyWriter writer = new PolicyWriter(store, a -> { }, CLOCK);
    CompletableFuture<List<Throwable>> all = CompletableFuture.supplyAsync(() -> {
      try {
        return burst(writer, store, 50, c -> c);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
        store.heldSetStarted.getCount() == 0 && writer.arrivals() == 50); // all queued behind the slow first write
    slowFirstWrite.countDown();
    assertThat(all.get(30, TimeUnit.SECONDS)).containsOnlyNulls();
    List<String> members = store.members(ROLE);
    for (int i = 0; i < 50; i++) {
      assertThat(members).as("member %d once", i).containsOnlyOnce(grant(i).member());
    }
    assertThat(store.members("roles/viewer")).containsExactly("user:alice@example.com");
    assertThat(store.sets.get()).as("setIamPolicy calls").isLessThanOrEqualTo(10);
    System.out.printf("[iam] 50 projects, one 409: %d setIamPolicy, %d getIamPolicy%n", store.sets.get(),
        store.gets.get() - 1);
  }

  @Test
  void aRemovalAndAnAdditionGoInOneWrite() throws Exception {
    Store store = new Store(List.of("user:alice@example.com"));
    PolicyWriter writer = new PolicyWriter(store, a -> { }, CLOCK);
    writer.apply(PROJECT, new PolicyWriter.Change(Set.of(grant(1)), Set.of(), store.get(PROJECT), 1500));
    int before = store.sets.get();
    CountDownLatch slowWrite = new CountDownLatch(1);
    store.holdFirstSet = slowWrite;
    IamPolicy read = store.get(PROJECT);
    var first = CompletableFuture.runAsync(() -> apply(writer, new PolicyWriter.Change(Set.of(grant(9)), Set.of(),
        read, 1500)), pool); // a third project's write is slow: the next two queue behind it
    assertThat(store.heldSetStarted.await(5, TimeUnit.SECONDS)).isTrue();
    var gone = CompletableFuture.runAsync(() -> apply(writer, new PolicyWriter.Change(Set.of(), Set.of(grant(1)),
        read, 1500)), pool);
    var added = CompletableFuture.runAsync(() -> apply(writer, new PolicyWriter.Change(Set.of(grant(2)), Set.of(),
        read, 1500)), pool);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .until(() -> writer.pending(PROJECT) == 2); // both queued behind the slow write, no sleep
    slowWrite.countDown();
    first.get(5, TimeUnit.SECONDS);
    gone.get(5, TimeUnit.SECONDS);
    added.get(5, TimeUnit.SECONDS);
    assertThat(store.members(ROLE)).containsExactlyInAnyOrder(grant(9).member(), grant(2).member());
    assertThat(store.sets.get() - before).as("the slow write, then one for both queued changes").isEqualTo(2);
  }

  private static void apply(PolicyWriter writer, PolicyWriter.Change change) {
    try {
      writer.apply(PROJECT, change);
    } catch (CloudIamException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aMemberGoogleRefusesFailsItsOwnChangeOnly() throws Exception {
    Store store = new Store(List.of());
    String bad = grant(3).member();
    store.fault = p -> p;
    PolicyWriter writer = new PolicyWriter(new Store(List.of()) {
      @Override
      public IamPolicy set(String resource, IamPolicy p) throws CloudIamException {
        if (p.has(ROLE, bad)) {
          store.sets.incrementAndGet();
          throw new CloudIamException(CloudIamException.Kind.INVALID, "setIamPolicy failed (HTTP 400): Invalid"
              + " principal " + bad + ": the workload identity pool does not exist", null);
        }
        return store.set(resource, p);
      }

      @Override
      public synchronized IamPolicy get(String resource) {
        return store.get(resource);
      }
    }, a -> { }, CLOCK);
    CountDownLatch slowFirstWrite = new CountDownLatch(1);
    store.holdFirstSet = slowFirstWrite; // another project's write first: the six queue behind it, as one batch
    var first = CompletableFuture.runAsync(() -> apply(writer, new PolicyWriter.Change(Set.of(grant(100)),
        Set.of(), store.get(PROJECT), 1500)), pool);
    assertThat(store.heldSetStarted.await(5, TimeUnit.SECONDS)).isTrue();
    var six = CompletableFuture.supplyAsync(() -> {
      try {
        return burst(writer, store, 6, c -> c);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, pool);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> writer.arrivals() == 7); // the six queued behind the slow write
    slowFirstWrite.countDown();
    first.get(5, TimeUnit.SECONDS);
    List<Throwable> results = six.get(10, TimeUnit.SECONDS);
    assertThat(store.sets.get()).as("the first write; the batch of six, refused for one member; the five").isEqualTo(3);
    for (int i = 0; i < 6; i++) {
      if (i == 3) {
        assertThat(results.get(i)).isInstanceOf(CloudIamException.class).hasMessageContaining(bad);
        assertThat(((CloudIamException) results.get(i)).kind()).isEqualTo(CloudIamException.Kind.INVALID);
      } else {
        assertThat(results.get(i)).as("project %d", i).isNull();
        assertThat(store.members(ROLE)).contains(grant(i).member());
      }
    }
    assertThat(store.members(ROLE)).doesNotContain(bad);
  }

  @Test
  void aGrantThatWouldPassThePrincipalLimitIsNotAttempted() throws Exception {
    List<String> others = new ArrayList<>();
    for (int i = 0; i < 1499; i++) {
      others.add("user:u" + i + "@example.com");
    }
    Store store = new Store(others); // a shared policy, nearly full
    PolicyWriter writer = new PolicyWriter(store, a -> { }, CLOCK);
    Grant a = new Grant(PROJECT, ROLE, grant(1).member());
    Grant b = new Grant(PROJECT, "roles/storage.objectViewer", grant(1).member());
    assertThatThrownBy(() -> writer.apply(PROJECT, new PolicyWriter.Change(Set.of(a, b), Set.of(),
        store.get(PROJECT), 1500))).isInstanceOfSatisfying(CloudIamException.class, e -> {
          assertThat(e.kind()).isEqualTo(CloudIamException.Kind.POLICY_FULL);
          assertThat(e.getMessage()).contains("holds 1499 principals; adding 2 would pass its limit of 1500");
        });
    assertThat(store.sets.get()).as("nothing attempted").isZero();
    writer.apply(PROJECT, new PolicyWriter.Change(Set.of(a), Set.of(), store.get(PROJECT), 1500));
    assertThat(store.members(ROLE)).containsExactly(a.member());
  }

  @Test
  void a429PausesEveryWriteOfTheOperatorNotJustOneProjects() throws Exception {
    Store store = new Store(List.of());
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    AtomicInteger calls = new AtomicInteger();
    PolicyWriter writer = new PolicyWriter(new Store(List.of()) {
      @Override
      public IamPolicy set(String resource, IamPolicy p) throws CloudIamException {
        if (calls.incrementAndGet() == 1) {
          throw new CloudIamException(CloudIamException.Kind.RATE_LIMITED, "setIamPolicy failed (HTTP 429):"
              + " Quota exceeded for quota metric 'Write requests'", null);
        }
        return store.set(resource, p);
      }

      @Override
      public synchronized IamPolicy get(String resource) {
        return store.get(resource);
      }
    }, a -> { }, clock);
    assertThatThrownBy(() -> writer.apply(PROJECT, new PolicyWriter.Change(Set.of(grant(1)), Set.of(),
        store.get(PROJECT), 1500))).hasMessageContaining("every IAM write of the operator waits 2 s");
    // another project, another policy: held back too, without a call to Google
    assertThatThrownBy(() -> writer.apply("projects/other", new PolicyWriter.Change(Set.of(grant(2)), Set.of(),
        store.get(PROJECT), 1500))).isInstanceOfSatisfying(CloudIamException.class,
            e -> assertThat(e.kind()).isEqualTo(CloudIamException.Kind.RATE_LIMITED));
    assertThat(calls.get()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(3));
    writer.apply(PROJECT, new PolicyWriter.Change(Set.of(grant(1)), Set.of(), store.get(PROJECT), 1500));
    assertThat(store.members(ROLE)).containsExactly(grant(1).member());
  }
}
