package dev.platform.genai.cloud;

import dev.platform.genai.model.Grant;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One read-modify-write of one Google allow policy carrying every change that is due for it, on the
 * caller's thread, without sleeping: the policy's single writer (its controller) calls it once per
 * reconcile.
 *
 * <p>A change Google refuses (400 or 403) fails alone — named by Google's error details, or found
 * by splitting the batch in halves until the refused changes stand alone (about 2 log2(n) writes
 * more for each) — and the rest is written without it: a refusal never fails a neighbour. A
 * concurrent change (409) re-reads and re-applies the batch, a few times at once (the fresh read is
 * the point, not a pause); past that the controller backs off. A 429 pauses every write ({@link
 * IamQuota}). A change that would pass the policy's principal limit is not attempted (PolicyFull).
 */
public final class PolicyBatch {
  static final int MAX_ATTEMPTS = 3;

  /**
   * Whose change, for the refusals: one project's additions, or the operator's removals (one change
   * for every project: a member is removed once nobody wants it).
   */
  public record Key(String project) {
    /** The removals' key. */
    public static final Key REMOVALS = new Key(null);

    /** A project's additions. */
    public static Key of(String project) {
      return new Key(java.util.Objects.requireNonNull(project, "project"));
    }

    public boolean removals() {
      return project == null;
    }
  }

  /**
   * One change: members to add (recorded before), members to remove (the operator's own).
   *
   * @param key whose change, for the refusals
   * @param principalLimit the most principals the policy may hold after the change
   */
  public record Change(Key key, Set<Grant> add, Set<Grant> remove, int principalLimit) {
    public Change {
      add = Set.copyOf(add);
      remove = Set.copyOf(remove);
    }

    /** A project's additions, within the policy's principal limit. */
    public static Change additions(String project, Set<Grant> add, int principalLimit) {
      return new Change(Key.of(project), add, Set.of(), principalLimit);
    }

    /** The operator's removals (never limited: a removal only lowers the count). */
    public static Change removals(Set<Grant> remove) {
      return new Change(Key.REMOVALS, Set.of(), remove, Integer.MAX_VALUE);
    }
  }

  /**
   * What the write did: the policy as it now stands, the changes refused (by key), how many writes
   * it took.
   */
  public record Outcome(IamPolicy policy, Map<Key, CloudIamException> refused, int writes) {
    /** Why the removals were refused; null when they were not. */
    public CloudIamException removalsRefused() {
      return refused.get(Key.REMOVALS);
    }

    /** Why a project's additions were refused; null when they were not. */
    public CloudIamException refused(String project) {
      return refused.get(Key.of(project));
    }
  }

  private final IamPolicies iam;
  private final IamQuota quota;

  public PolicyBatch(IamPolicies iam, IamQuota quota) {
    this.iam = iam;
    this.quota = quota;
  }

  /**
   * @param read the policy as read at the start of this reconcile
   * @throws CloudIamException when the policy as a whole could not be written (unavailable, 409
   *     past the attempts, 429): nothing is known to be written, and the caller retries later
   */
  public Outcome write(String resource, IamPolicy read, List<Change> changes)
      throws CloudIamException {
    if (quota.remaining().compareTo(java.time.Duration.ZERO) > 0) {
      throw quota.paused();
    }
    Map<Key, CloudIamException> refused = new LinkedHashMap<>();
    int[] writes = {0};
    IamPolicy written = writeIsolating(resource, read, new ArrayList<>(changes), refused, writes);
    return new Outcome(written, refused, writes[0]);
  }

  private IamPolicy writeIsolating(
      String resource,
      IamPolicy current,
      List<Change> live,
      Map<Key, CloudIamException> refused,
      int[] writes)
      throws CloudIamException {
    for (int attempt = 1; ; attempt++) {
      IamPolicy edited = edit(current, live, refused);
      if (live.isEmpty() || edited == current) {
        return current;
      }
      try {
        IamPolicy written = iam.set(resource, edited);
        writes[0]++;
        quota.resumed();
        return written;
      } catch (CloudIamException e) {
        if (e.kind() == CloudIamException.Kind.CONFLICT) {
          if (attempt >= MAX_ATTEMPTS) {
            throw e;
          }
          current =
              iam.get(resource); // someone else changed it: these changes again on what is there
        } else if (e.kind() == CloudIamException.Kind.RATE_LIMITED) {
          throw quota.exhausted(e);
        } else if (!e.refusesContent()) {
          throw e;
        } else if (live.size() == 1) {
          refused.put(live.get(0).key(), e); // refused alone: Google's answer is this change's
          return current;
        } else {
          List<Change> named = named(e, live);
          if (!named.isEmpty() && named.size() < live.size()) {
            live.removeAll(named);
            named.forEach(c -> refused.put(c.key(), e));
            attempt = 0; // the rest, written again
          } else {
            return split(resource, current, live, refused, writes);
          }
        }
      }
    }
  }

  /**
   * Two halves, each written (and split again if refused) on its own; changes asking for the same
   * roles together.
   */
  private IamPolicy split(
      String resource,
      IamPolicy current,
      List<Change> live,
      Map<Key, CloudIamException> refused,
      int[] writes)
      throws CloudIamException {
    List<Change> sorted = new ArrayList<>(live);
    sorted.sort(Comparator.comparing(PolicyBatch::roles));
    int mid = sorted.size() / 2;
    IamPolicy now =
        writeIsolating(resource, current, new ArrayList<>(sorted.subList(0, mid)), refused, writes);
    return writeIsolating(
        resource, now, new ArrayList<>(sorted.subList(mid, sorted.size())), refused, writes);
  }

  private static String roles(Change c) {
    return new TreeSet<>(c.add().stream().map(Grant::role).toList())
        + " "
        + new TreeSet<>(c.remove().stream().map(Grant::role).toList());
  }

  /** The changes adding a member Google's error names: in its details, else in its message. */
  private static List<Change> named(CloudIamException e, List<Change> live) {
    return live.stream().filter(c -> c.add().stream().anyMatch(g -> names(e, g.member()))).toList();
  }

  /**
   * Whether Google's error names this member. An organization policy constraint such as
   * iam.allowedPolicyMemberDomains names it in a PreconditionFailure violation's subject,
   * URL-encoded after {@code configvalue=} ({@code
   * orgpolicy:projects/ID?configvalue=someone%40example.com}, as such errors read).
   */
  private static boolean names(CloudIamException e, String member) {
    String email = member.substring(member.indexOf(':') + 1);
    for (String s : e.subjects()) {
      String d = URLDecoder.decode(s, StandardCharsets.UTF_8);
      if (d.equals(member)
          || d.equals(email)
          || d.endsWith(":" + email)
          || d.endsWith("=" + email)) {
        return true;
      }
    }
    return e.getMessage() != null && e.getMessage().contains(member);
  }

  /**
   * The batch on the policy: every removal, then each change's additions while the principal limit
   * allows them; a change that would pass it is refused alone, with what to do.
   */
  private static IamPolicy edit(
      IamPolicy policy, List<Change> live, Map<Key, CloudIamException> refused) {
    IamPolicy p = policy;
    for (Change c : live) {
      for (Grant g : c.remove()) {
        p = p.without(g.role(), g.member());
      }
    }
    for (Change c : List.copyOf(live)) {
      IamPolicy with = p;
      for (Grant g : c.add()) {
        with = with.with(g.role(), g.member());
      }
      if (with != p && with.principals() > c.principalLimit()) {
        live.remove(c);
        refused.put(
            c.key(),
            new CloudIamException(
                CloudIamException.Kind.POLICY_FULL,
                "the allow policy of "
                    + c.add().iterator().next().resource()
                    + " holds "
                    + p.principals()
                    + " principals; adding "
                    + (with.principals() - p.principals())
                    + " would pass its limit of "
                    + c.principalLimit()
                    + " (Google counts every member of every binding). Give the team a Google project of its own, or share"
                    + " a Google service account between projects (spec.gcp.serviceAccount), or remove unused bindings",
                null));
      } else {
        p = with;
      }
    }
    return p;
  }
}
