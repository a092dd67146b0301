package dev.platform.genai.cloud;

import dev.platform.genai.model.Grant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Writes IAM policies for every project at once: the changes that projects have pending for one Google resource
 * (a project or a service account) are applied in one read-modify-write, whoever asked. The first caller for a
 * resource writes for everyone queued behind it, then for those who arrived meanwhile, until none is left; the
 * others wait for their result. A concurrent change (409) re-reads and re-applies the whole batch; a change Google
 * refuses (400 or 403) fails alone — named by Google's error, or found by splitting the batch — and the rest is
 * written without it; a change that would take
 * the policy past its principal limit is not attempted (PolicyFull). A 429 (the calling project's write quota is
 * spent) pauses every write of the operator, not just one project's, with a pause that doubles while 429s go on:
 * a burst does not multiply the pressure.
 */
public final class PolicyWriter {
  static final int MAX_ATTEMPTS = 5;
  static final Duration FIRST_PAUSE = Duration.ofSeconds(2);
  static final Duration LONGEST_PAUSE = Duration.ofMinutes(2);
  /**
   * How long a writer waits for more changes before writing a policy that other projects wrote to within
   * {@link #CONTENDED} (many projects sharing one policy), and again while more keep coming: one write then
   * carries them all. An uncontended policy is written at once.
   */
  static final Duration LINGER = Duration.ofMillis(200);
  static final Duration CONTENDED = Duration.ofSeconds(5);
  static final int LINGER_ROUNDS = 5;

  private final IamPolicies iam;
  private final Backoff backoff;
  private final Clock clock;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  private Instant writesPausedUntil = Instant.MIN;
  private Duration pause = Duration.ZERO;

  public PolicyWriter(IamPolicies iam, Backoff backoff, Clock clock) {
    this.iam = iam;
    this.backoff = backoff;
    this.clock = clock;
  }

  /**
   * One project's change to one resource's policy: members to add (only recorded ones are ever asked for) and
   * members to remove (only those it added).
   *
   * @param read the policy as the caller read it (a starting point; a stale one costs a 409 and a re-read)
   * @param principalLimit the most principals the policy may hold after the change
   */
  public record Change(Set<Grant> add, Set<Grant> remove, IamPolicy read, int principalLimit) {
    public Change {
      add = Set.copyOf(add);
      remove = Set.copyOf(remove);
    }
  }

  private static final class Pending {
    final Change change;
    final CompletableFuture<Boolean> done = new CompletableFuture<>();

    Pending(Change change) {
      this.change = change;
    }
  }

  /** The queue of one resource, and the last policy we know it holds. */
  private static final class Slot {
    final List<Pending> pending = new ArrayList<>();
    boolean writing;
    IamPolicy lastKnown;
    Instant lastWrite = Instant.MIN;
  }

  private final java.util.concurrent.atomic.AtomicLong arrivals = new java.util.concurrent.atomic.AtomicLong();

  /** How many changes have been queued so far, for any resource (tests: everyone has arrived). */
  long arrivals() {
    return arrivals.get();
  }

  /** How many changes wait for the resource's next write (tests: a change is queued). */
  int pending(String resource) {
    Slot slot = slots.get(resource);
    if (slot == null) {
      return 0;
    }
    synchronized (slot) {
      return slot.pending.size();
    }
  }

  /** Applies the change with whatever else is pending for the resource; true when a write was needed. */
  public boolean apply(String resource, Change change) throws CloudIamException {
    Slot slot = slots.computeIfAbsent(resource, r -> new Slot());
    Pending mine = new Pending(change);
    boolean lead;
    synchronized (slot) {
      slot.pending.add(mine);
      arrivals.incrementAndGet();
      lead = !slot.writing;
      slot.writing = true;
    }
    if (lead) {
      drain(resource, slot);
    }
    try {
      return mine.done.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CloudIamException c) {
        throw c;
      }
      throw new CloudIamException(CloudIamException.Kind.TRANSIENT, String.valueOf(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudIamException(CloudIamException.Kind.TRANSIENT, "interrupted", e);
    }
  }

  /** Writes batches until nothing is pending; then the next caller leads. */
  private void drain(String resource, Slot slot) {
    while (true) {
      synchronized (slot) {
        if (slot.pending.isEmpty()) {
          slot.writing = false;
          return;
        }
      }
      lingerIfContended(slot);
      List<Pending> batch;
      synchronized (slot) {
        batch = new ArrayList<>(slot.pending); // only this thread takes from the queue while writing is set
        slot.pending.clear();
      }
      try {
        write(resource, slot, batch);
      } catch (RuntimeException e) {
        CloudIamException failure = new CloudIamException(CloudIamException.Kind.TRANSIENT,
            "writing the IAM policy of " + resource + " failed: " + e, e);
        batch.forEach(p -> p.done.completeExceptionally(failure));
      }
    }
  }

  private void write(String resource, Slot slot, List<Pending> batch) {
    List<Pending> live = new ArrayList<>(batch);
    CloudIamException paused = pausedNow();
    if (paused != null) {
      live.forEach(p -> p.done.completeExceptionally(paused));
      return;
    }
    IamPolicy current = slot.lastKnown != null ? slot.lastKnown : live.get(0).change.read();
    try {
      writeIsolating(resource, slot, current, live);
    } catch (CloudIamException e) {
      slot.lastKnown = null;
      live.forEach(p -> p.done.completeExceptionally(e)); // those already answered keep their answer
    }
  }

  /**
   * Writes these changes in one setIamPolicy. When Google refuses it for what is in it (400, 403), a refused write
   * never fails a change that would have been accepted on its own: the changes whose members Google's error details
   * name fail with its message and the rest is written again; with nothing named, the batch is split in halves,
   * each written on its own and split again when refused, until the refused changes stand alone — about 2 log2(n)
   * writes more for each of them. 409 re-reads and retries; 429 pauses every write (no splitting while the quota
   * is spent). Returns the policy as last written.
   */
  private IamPolicy writeIsolating(String resource, Slot slot, IamPolicy current, List<Pending> live)
      throws CloudIamException {
    for (int attempt = 1; ; attempt++) {
      IamPolicy edited = edit(current, live);
      if (live.isEmpty()) {
        return current;
      }
      if (edited == current) {
        live.forEach(p -> p.done.complete(false));
        return current;
      }
      try {
        IamPolicy written = iam.set(resource, edited);
        slot.lastKnown = written;
        slot.lastWrite = clock.instant();
        resumed();
        live.forEach(p -> p.done.complete(true));
        return written;
      } catch (CloudIamException e) {
        if (e.kind() == CloudIamException.Kind.CONFLICT) {
          if (attempt >= MAX_ATTEMPTS) {
            throw e;
          }
          pauseBeforeRetry(attempt);
          current = iam.get(resource); // someone else changed it: these changes again on what is there
          slot.lastKnown = current;
        } else if (e.kind() == CloudIamException.Kind.RATE_LIMITED) {
          throw rateLimited(e);
        } else if (!e.refusesContent()) {
          throw e;
        } else if (live.size() == 1) {
          live.get(0).done.completeExceptionally(e); // refused alone: Google's answer is this change's
          return current;
        } else {
          List<Pending> named = named(e, live);
          if (!named.isEmpty() && named.size() < live.size()) {
            live.removeAll(named);
            named.forEach(p -> p.done.completeExceptionally(e));
            attempt = 0; // the rest, written again
          } else {
            return split(resource, slot, current, live);
          }
        }
      }
    }
  }

  /** Two halves, each written (and split again if refused) on its own; changes asking for the same roles together. */
  private IamPolicy split(String resource, Slot slot, IamPolicy current, List<Pending> live)
      throws CloudIamException {
    List<Pending> sorted = new ArrayList<>(live);
    sorted.sort(java.util.Comparator.comparing(PolicyWriter::roles));
    int mid = sorted.size() / 2;
    IamPolicy now = writeIsolating(resource, slot, current, new ArrayList<>(sorted.subList(0, mid)));
    return writeIsolating(resource, slot, now, new ArrayList<>(sorted.subList(mid, sorted.size())));
  }

  private static String roles(Pending p) {
    return new java.util.TreeSet<>(p.change.add().stream().map(Grant::role).toList()) + " "
        + new java.util.TreeSet<>(p.change.remove().stream().map(Grant::role).toList());
  }

  /** The changes adding a member Google's error names: in its details, else in its message. */
  private static List<Pending> named(CloudIamException e, List<Pending> live) {
    return live.stream().filter(p -> p.change.add().stream().anyMatch(g -> names(e, g.member()))).toList();
  }

  /**
   * Whether Google's error names this member. An organization policy constraint such as
   * iam.allowedPolicyMemberDomains names it in a PreconditionFailure violation's subject, URL-encoded after {@code
   * configvalue=} ({@code orgpolicy:projects/ID?configvalue=someone%40example.com}, as such errors read).
   */
  private static boolean names(CloudIamException e, String member) {
    String email = member.substring(member.indexOf(':') + 1);
    for (String s : e.subjects()) {
      String d = java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
      if (d.equals(member) || d.equals(email) || d.endsWith(":" + email) || d.endsWith("=" + email)) {
        return true;
      }
    }
    return e.getMessage() != null && e.getMessage().contains(member);
  }

  /**
   * Projects share this policy and wrote it lately: let the others' changes join this write, waiting while they
   * keep arriving (up to {@link #LINGER_ROUNDS} times {@link #LINGER}).
   */
  private void lingerIfContended(Slot slot) {
    boolean contended;
    synchronized (slot) {
      contended = slot.lastWrite.plus(CONTENDED).isAfter(clock.instant());
    }
    for (int round = 0; contended && round < LINGER_ROUNDS; round++) {
      int before;
      synchronized (slot) {
        before = slot.pending.size();
      }
      try {
        Thread.sleep(LINGER.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      synchronized (slot) {
        contended = slot.pending.size() > before;
      }
    }
  }

  /**
   * The batch on the policy: every removal, then each change's additions while the principal limit allows them; a
   * change that would pass it fails alone, with what to do.
   */
  private static IamPolicy edit(IamPolicy policy, List<Pending> live) {
    IamPolicy p = policy;
    for (Pending pending : live) {
      for (Grant g : pending.change.remove()) {
        p = p.without(g.role(), g.member());
      }
    }
    for (Pending pending : List.copyOf(live)) {
      IamPolicy with = p;
      for (Grant g : pending.change.add()) {
        with = with.with(g.role(), g.member());
      }
      int limit = pending.change.principalLimit();
      if (with != p && with.principals() > limit) {
        live.remove(pending);
        pending.done.completeExceptionally(new CloudIamException(CloudIamException.Kind.POLICY_FULL,
            "the allow policy of " + pending.change.add().iterator().next().resource() + " holds " + p.principals()
                + " principals; adding " + (with.principals() - p.principals()) + " would pass its limit of " + limit
                + " (Google counts every member of every binding). Give the team a Google project of its own, or"
                + " share a Google service account between projects (spec.gcp.serviceAccount), or remove unused"
                + " bindings", null));
      } else {
        p = with;
      }
    }
    return p;
  }

  private void pauseBeforeRetry(int attempt) throws CloudIamException {
    try {
      backoff.pause(attempt);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new CloudIamException(CloudIamException.Kind.TRANSIENT, "interrupted", ie);
    }
  }

  private synchronized CloudIamException pausedNow() {
    Instant now = clock.instant();
    return now.isBefore(writesPausedUntil) ? new CloudIamException(CloudIamException.Kind.RATE_LIMITED,
        "Google's IAM write quota for the operator's project is spent; every IAM write waits until "
            + writesPausedUntil + " (no call made)", null) : null;
  }

  private synchronized CloudIamException rateLimited(CloudIamException e) {
    pause = pause.isZero() ? FIRST_PAUSE : pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE
        : pause.multipliedBy(2);
    writesPausedUntil = clock.instant().plus(pause);
    return new CloudIamException(CloudIamException.Kind.RATE_LIMITED, e.getMessage() + "; every IAM write of the"
        + " operator waits " + pause.toSeconds() + " s", e);
  }

  private synchronized void resumed() {
    pause = Duration.ZERO;
  }
}
