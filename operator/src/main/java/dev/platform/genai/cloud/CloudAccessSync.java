package dev.platform.genai.cloud;

import dev.platform.genai.model.Grant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Brings IAM policies to the desired grants, touching only members this operator added.
 *
 * <p>The record (kept in the project's status) lists members the operator added, or is about to add. A member
 * enters it only when observed absent, and the record is written <em>before</em> the member is added, so a crash
 * between the two never leaves a member of ours unrecorded: a recorded member found present is ours, a recorded
 * member found absent costs nothing to "remove", and a member that was there before us is never recorded, so never
 * removed. Each policy is read once per sync; it is written only when something must change, together with what
 * other projects must change in it ({@link PolicyWriter}).
 */
public final class CloudAccessSync {
  /** Google's limit of principals in one allow policy (every member of every binding counts). */
  public static final int PRINCIPAL_LIMIT = 1500;

  private final IamPolicies iam;
  private final PolicyWriter writer;

  public CloudAccessSync(IamPolicies iam, Backoff backoff) {
    this(iam, new PolicyWriter(iam, backoff, Clock.systemUTC()));
  }

  /** @param writer shared by every project, so that changes to one policy are written together */
  public CloudAccessSync(IamPolicies iam, PolicyWriter writer) {
    this.iam = iam;
    this.writer = writer;
  }

  /** What a sync did or needs. */
  public sealed interface Outcome {
    Set<Grant> record();
  }

  /** The policies hold the desired grants; {@code record} is what to keep in status. */
  public record Synced(Set<Grant> record, int writes) implements Outcome {}

  /** Members must be added: write {@code record} to status first, then sync again. */
  public record NeedsRecord(Set<Grant> record, Set<Grant> toAdd) implements Outcome {}

  public Outcome sync(Set<Grant> desired, Set<Grant> recorded) throws CloudIamException {
    return sync(desired, recorded, PRINCIPAL_LIMIT);
  }

  /** @param principalLimit the most principals a policy may hold after our additions */
  public Outcome sync(Set<Grant> desired, Set<Grant> recorded, int principalLimit) throws CloudIamException {
    return sync(desired, Set.of(), recorded, principalLimit);
  }

  /**
   * @param withheld grants not wanted now but to come back (a suspension): removed where recorded, and kept in the
   *     record, so that lifting it adds them back without recording again
   */
  public Outcome sync(Set<Grant> desired, Set<Grant> withheld, Set<Grant> recorded, int principalLimit)
      throws CloudIamException {
    Map<String, IamPolicy> policies = new TreeMap<>();
    for (String resource : resources(desired, recorded)) {
      policies.put(resource, iam.get(resource));
    }
    Set<Grant> toRecord = new TreeSet<>();
    for (Grant g : desired) {
      if (!recorded.contains(g) && !policies.get(g.resource()).has(g.role(), g.member())) {
        toRecord.add(g);
      }
    }
    if (!toRecord.isEmpty()) {
      Set<Grant> record = new TreeSet<>(recorded);
      record.addAll(toRecord);
      return new NeedsRecord(record, toRecord);
    }
    int writes = 0;
    for (var e : policies.entrySet()) {
      if (apply(e.getKey(), e.getValue(), desired, recorded, principalLimit)) {
        writes++;
      }
    }
    Set<Grant> record = new TreeSet<>(recorded);
    Set<Grant> keep = new TreeSet<>(desired);
    keep.addAll(withheld);
    record.retainAll(keep); // removed (or already gone) members leave the record; withheld ones stay in it
    return new Synced(record, writes);
  }

  /** Removes every recorded member that is present; returns what is left to remove (empty when done). */
  public Set<Grant> cleanup(Set<Grant> recorded) throws CloudIamException {
    for (String resource : resources(Set.of(), recorded)) {
      IamPolicy policy;
      try {
        policy = iam.get(resource);
      } catch (CloudIamException e) {
        if (e.kind() == CloudIamException.Kind.NOT_FOUND) {
          continue; // the project or service account is gone, and our members with it
        }
        throw e;
      }
      apply(resource, policy, Set.of(), recorded, Integer.MAX_VALUE);
    }
    return Set.of();
  }

  /**
   * This project's change to one policy, written with the other projects' changes to it (one read-modify-write
   * for all, {@link PolicyWriter}); false when the policy as read already holds what it must.
   */
  private boolean apply(String resource, IamPolicy read, Set<Grant> desired, Set<Grant> recorded, int limit)
      throws CloudIamException {
    Set<Grant> add = new TreeSet<>();
    Set<Grant> remove = new TreeSet<>();
    for (Grant g : desired) {
      // only members in the record are ever added: the record is written before the add
      if (g.resource().equals(resource) && recorded.contains(g) && !read.has(g.role(), g.member())) {
        add.add(g);
      }
    }
    for (Grant g : recorded) {
      if (g.resource().equals(resource) && !desired.contains(g) && read.has(g.role(), g.member())) {
        remove.add(g);
      }
    }
    if (add.isEmpty() && remove.isEmpty()) {
      return false;
    }
    return writer.apply(resource, new PolicyWriter.Change(add, remove, read, limit));
  }

  private static Set<String> resources(Set<Grant> a, Set<Grant> b) {
    Set<String> out = new LinkedHashSet<>();
    a.forEach(g -> out.add(g.resource()));
    b.forEach(g -> out.add(g.resource()));
    return new TreeSet<>(out);
  }

  /** For messages: who gets what where. */
  public static String describe(Set<Grant> grants) {
    Map<String, List<String>> by = new HashMap<>();
    grants.forEach(g -> by.computeIfAbsent(g.resource() + " to " + g.member(), k -> new ArrayList<>())
        .add(g.role()));
    return by.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> String.join(", ", e.getValue().stream().sorted().toList()) + " on " + e.getKey())
        .reduce((x, y) -> x + "; " + y).orElse("nothing");
  }
}
