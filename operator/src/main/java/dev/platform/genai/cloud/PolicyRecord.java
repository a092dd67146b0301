package dev.platform.genai.cloud;

import dev.platform.genai.model.Grant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one Google allow policy must become, from the record of what the operator applied there, the
 * policy as read, and what each project naming it wants. Pure: its controller reads and writes,
 * this decides.
 *
 * <p>A member enters the record when a project first wants it: as the operator's when it is absent
 * from the policy (with the intent Add, stored before the write), as preexisting when it is already
 * there (never removed by the operator). The operator's member is removed once no project wants it
 * (intent Remove, stored before the write), and leaves the record once it is gone and no project
 * withholds it. Several projects may want one member (a shared Google service account): it is added
 * once and removed when the last of them lets go.
 */
public final class PolicyRecord {
  private PolicyRecord() {}

  /** What a project asks of this policy. */
  public enum Kind {
    /** Its grants (and withheld grants, kept in the record while suspended) as planned. */
    APPLY,
    /** Its plan is blocked this time: keep what it has, add nothing. */
    HOLD,
    /** It is being deleted: it wants nothing here. */
    RELEASE,
    /**
     * It is being deleted and gives up on removing its members (Google refuses): leave them, marked
     * abandoned.
     */
    ABANDON
  }

  /**
   * @param grants the grants on this policy it wants
   * @param withheld grants on this policy it withholds while suspended or expired (removed, kept in
   *     the record)
   * @param legacy members an earlier release recorded in the project's status as added by the
   *     operator (imported once into the record, as the operator's)
   */
  public record Wish(
      String project,
      Kind kind,
      Set<Grant> grants,
      Set<Grant> withheld,
      int principalLimit,
      Set<Grant> legacy) {
    public Wish {
      grants = Set.copyOf(grants);
      withheld = Set.copyOf(withheld);
      legacy = Set.copyOf(legacy);
    }

    public static Wish release(String project, Kind kind) {
      return new Wish(project, kind, Set.of(), Set.of(), Integer.MAX_VALUE, Set.of());
    }
  }

  public enum Intent {
    ADD,
    REMOVE
  }

  /** One recorded member. */
  public record Entry(
      Grant grant, boolean preexisting, Intent intent, Set<String> projects, String abandoned) {
    public Entry {
      projects = Set.copyOf(new TreeSet<>(projects));
    }

    Entry with(Intent i) {
      return new Entry(grant, preexisting, i, projects, abandoned);
    }
  }

  /** Each member's state after a reconcile, as the projects and `kubectl get` see it. */
  public enum State {
    GRANTED("Granted"),
    PREEXISTING("Preexisting"),
    WITHHELD("Withheld"),
    PENDING("Pending"),
    REFUSED("Refused"),
    REMOVING("Removing"),
    ABANDONED("Abandoned");

    private final String stored;

    State(String stored) {
      this.stored = stored;
    }

    /** As {@code GoogleIamPolicy.status.members[].state} spells it (the CRD's enum). */
    public String stored() {
      return stored;
    }

    /** The state a stored member names; empty for one this release does not know. */
    public static java.util.Optional<State> ofStored(String stored) {
      for (State s : values()) {
        if (s.stored.equals(stored)) {
          return java.util.Optional.of(s);
        }
      }
      return java.util.Optional.empty();
    }

    /** In place in Google's policy (granted by the operator, or there before it). */
    public boolean inPlace() {
      return this == GRANTED || this == PREEXISTING;
    }
  }

  /**
   * @param failure why a pending or removing member is not done yet (Google's refusal, or the
   *     policy's failure)
   */
  public record MemberState(
      Grant grant, State state, Set<String> projects, CloudIamException failure) {}

  /**
   * The record to store before writing, and the writes it allows.
   *
   * @param record the record with this reconcile's intents (store it before {@code changes} are
   *     written)
   * @param changes the changes for one write: each project's additions (its principal limit
   *     applies), and the removals
   */
  public record Step(List<Entry> record, List<PolicyBatch.Change> changes) {}

  /**
   * @param stored the record as stored
   * @param wishes what each project that named this policy asked, by project
   * @param backingOff members whose addition Google refused lately: not tried again yet
   */
  public static Step plan(
      String resource,
      Collection<Entry> stored,
      IamPolicy read,
      Map<String, Wish> wishes,
      Set<Grant> backingOff) {
    Map<Grant, Entry> byGrant = new TreeMap<>();
    stored.forEach(e -> byGrant.put(e.grant(), e));
    // an earlier release's record, imported as the operator's before anything is decided
    for (Wish w : wishes.values()) {
      for (Grant g : w.legacy()) {
        if (g.resource().equals(resource)) {
          Entry e = byGrant.get(g);
          Set<String> listed = new TreeSet<>(e == null ? Set.of() : e.projects());
          listed.add(w.project());
          byGrant.put(
              g, e == null || e.preexisting() ? new Entry(g, false, null, listed, null) : e);
        }
      }
    }
    Map<Grant, Set<String>> wanting = new TreeMap<>();
    Map<Grant, Set<String>> keeping = new TreeMap<>();
    for (Wish w : wishes.values()) {
      if (w.kind() == Kind.APPLY) {
        w.grants().forEach(g -> wanting.computeIfAbsent(g, k -> new TreeSet<>()).add(w.project()));
        w.withheld()
            .forEach(g -> keeping.computeIfAbsent(g, k -> new TreeSet<>()).add(w.project()));
      }
    }
    // who is listed: held projects stay where they are; others where they want or withhold
    Map<Grant, Entry> next = new TreeMap<>();
    Set<Grant> all = new TreeSet<>(byGrant.keySet());
    all.addAll(wanting.keySet());
    all.addAll(keeping.keySet());
    for (Grant g : all) {
      if (!g.resource().equals(resource)) {
        continue;
      }
      Entry e = byGrant.get(g);
      Set<String> projects = new TreeSet<>();
      if (e != null) {
        e.projects().stream()
            .filter(p -> wishes.containsKey(p) && wishes.get(p).kind() == Kind.HOLD)
            .forEach(projects::add);
        // a project listed that has said nothing yet (the operator just started): kept until it
        // does
        e.projects().stream().filter(p -> !wishes.containsKey(p)).forEach(projects::add);
      }
      projects.addAll(wanting.getOrDefault(g, Set.of()));
      projects.addAll(keeping.getOrDefault(g, Set.of()));
      boolean present = read.has(g.role(), g.member());
      boolean wants = wanting.containsKey(g);
      // a held project, or one listed that has said nothing yet (the operator just started):
      // nothing of its goes
      boolean keep =
          projects.stream()
              .anyMatch(p -> !wishes.containsKey(p) || wishes.get(p).kind() == Kind.HOLD);
      boolean abandon =
          e != null
              && e.projects().stream()
                  .anyMatch(p -> wishes.containsKey(p) && wishes.get(p).kind() == Kind.ABANDON);
      if (e == null) {
        if (wants || keeping.containsKey(g)) {
          next.put(g, new Entry(g, present, !present && wants ? Intent.ADD : null, projects, null));
        }
        continue;
      }
      if (e.abandoned() != null && !wants) {
        if (present) {
          next.put(g, new Entry(g, false, null, projects, e.abandoned()));
        } // gone from Google: the entry goes
        continue;
      }
      if (e.preexisting()) {
        if (projects.isEmpty()) {
          continue; // nobody asks any more; never removed by us
        }
        next.put(
            g,
            present || !wants
                ? new Entry(g, true, null, projects, null)
                : new Entry(
                    g, false, Intent.ADD, projects, null)); // removed by someone: ours from now on
        continue;
      }
      if (wants) {
        next.put(g, new Entry(g, false, present ? null : Intent.ADD, projects, null));
      } else if (keep) {
        next.put(g, new Entry(g, false, null, projects, null));
      } else if (present) {
        Set<String> listed = new TreeSet<>(projects);
        listed.addAll(e.projects()); // those it is removed for stay listed until it is gone (their
        // deletion waits)
        next.put(
            g,
            abandon && projects.isEmpty()
                ? new Entry(
                    g,
                    false,
                    null,
                    projects,
                    "left in Google's policy when its project was deleted; remove it" + " by hand")
                : new Entry(g, false, Intent.REMOVE, listed, null));
      } else if (!projects.isEmpty()) {
        next.put(
            g,
            new Entry(
                g, false, null, projects, null)); // withheld, and gone: kept for when it comes back
      }
    }
    List<PolicyBatch.Change> changes = new ArrayList<>();
    Map<String, Set<Grant>> adds = new TreeMap<>();
    Set<Grant> removes = new TreeSet<>();
    for (Entry e : next.values()) {
      if (e.intent() == Intent.ADD && !backingOff.contains(e.grant())) {
        String first =
            wanting.getOrDefault(e.grant(), e.projects()).stream().findFirst().orElse("");
        adds.computeIfAbsent(first, k -> new TreeSet<>()).add(e.grant());
      } else if (e.intent() == Intent.REMOVE) {
        removes.add(e.grant());
      }
    }
    adds.forEach(
        (p, a) ->
            changes.add(
                PolicyBatch.Change.additions(
                    p,
                    a,
                    wishes.containsKey(p) ? wishes.get(p).principalLimit() : Integer.MAX_VALUE)));
    if (!removes.isEmpty()) {
      changes.add(PolicyBatch.Change.removals(removes));
    }
    return new Step(List.copyOf(next.values()), changes);
  }

  /**
   * The record after the write, and each member's state.
   *
   * @param outcome the write's outcome; null when nothing was written (no change due, or the write
   *     failed)
   * @param failure why the whole write failed (null when it did not)
   * @param now the policy as it now stands (the written one, or the one read)
   */
  public static Settled settle(
      Step step,
      IamPolicy now,
      PolicyBatch.Outcome outcome,
      CloudIamException failure,
      Map<String, Wish> wishes,
      Map<Grant, CloudIamException> backingOff) {
    Map<Grant, CloudIamException> refusedBy = new LinkedHashMap<>(backingOff);
    if (outcome != null) {
      for (PolicyBatch.Change c : step.changes()) {
        CloudIamException e = outcome.refused().get(c.key());
        if (e != null) {
          c.add().forEach(g -> refusedBy.put(g, e));
        }
      }
    }
    List<Entry> record = new ArrayList<>();
    List<MemberState> states = new ArrayList<>();
    for (Entry e : step.record()) {
      Grant g = e.grant();
      boolean present = now.has(g.role(), g.member());
      boolean wanted =
          e.projects().stream()
              .anyMatch(
                  p ->
                      !wishes.containsKey(p)
                          || wishes.get(p).kind() == Kind.HOLD
                          || wishes.get(p).grants().contains(g));
      boolean wantedNow =
          e.projects().stream()
              .anyMatch(p -> wishes.containsKey(p) && wishes.get(p).grants().contains(g));
      if (e.abandoned() != null) {
        record.add(e);
        states.add(new MemberState(g, State.ABANDONED, e.projects(), null));
      } else if (e.intent() == Intent.REMOVE) {
        Set<String> withholding = new TreeSet<>();
        e.projects().stream()
            .filter(
                p ->
                    wishes.containsKey(p)
                        && wishes.get(p).kind() == Kind.APPLY
                        && wishes.get(p).withheld().contains(g))
            .forEach(withholding::add);
        if (present) {
          record.add(e);
          states.add(new MemberState(g, State.REMOVING, e.projects(), failure));
        } else if (!withholding.isEmpty()) {
          record.add(new Entry(g, false, null, withholding, null));
          states.add(new MemberState(g, State.WITHHELD, withholding, null));
        } // removed: the entry goes, and the projects it was removed for with it
      } else if (e.intent() == Intent.ADD) {
        if (present) {
          record.add(e.with(null));
          states.add(new MemberState(g, State.GRANTED, e.projects(), null));
        } else {
          record.add(e);
          CloudIamException why = refusedBy.containsKey(g) ? refusedBy.get(g) : failure;
          states.add(
              new MemberState(
                  g, refusedBy.containsKey(g) ? State.REFUSED : State.PENDING, e.projects(), why));
        }
      } else {
        record.add(e);
        State s =
            e.preexisting()
                ? State.PREEXISTING
                : !wanted
                    ? State.WITHHELD
                    : present ? State.GRANTED : wantedNow ? State.PENDING : State.WITHHELD;
        states.add(new MemberState(g, s, e.projects(), null));
      }
    }
    return new Settled(List.copyOf(record), List.copyOf(states));
  }

  public record Settled(List<Entry> record, List<MemberState> states) {}
}
