package dev.platform.genai.operator.iam;

import dev.platform.genai.api.GoogleIamPolicy;
import dev.platform.genai.api.GoogleIamPolicyStatus;
import dev.platform.genai.api.IamMemberState;
import dev.platform.genai.api.IamRecordEntry;
import dev.platform.genai.api.ProjectCondition;
import dev.platform.genai.cloud.CloudIamException;
import dev.platform.genai.cloud.IamPolicies;
import dev.platform.genai.cloud.IamPolicy;
import dev.platform.genai.cloud.IamQuota;
import dev.platform.genai.cloud.IamRetry;
import dev.platform.genai.cloud.PolicyBatch;
import dev.platform.genai.cloud.PolicyRecord;
import dev.platform.genai.cloud.PolicyRecord.Wish;
import dev.platform.genai.model.Grant;
import dev.platform.genai.operator.intents.CloudIntents;
import dev.platform.genai.operator.intents.PolicyReport;
import dev.platform.genai.operator.shared.EventRecorder;
import dev.platform.genai.vocabulary.ConditionStatus;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.rate.RateLimited;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one Google allow policy: one reconcile reads the policy once, decides from
 * its record and what the projects naming it want ({@link PolicyRecord}), stores the record with
 * its intents, writes everything due in one setIamPolicy ({@link PolicyBatch}), and stores the
 * outcome. Projects never call Google; they read their members' states here. Failures reschedule
 * this object with its own backoff (nothing sleeps): a refused member waits alone, an unreachable
 * Google backs off the whole policy, a spent write quota pauses every policy.
 *
 * <p>At most one reconcile a second per policy: the wishes of projects arriving meanwhile (a burst
 * of 500 on one Google project) are carried by the next write together.
 */
@ControllerConfiguration(name = GoogleIamPolicyReconciler.NAME)
@RateLimited(maxReconciliations = 1, within = 1, unit = TimeUnit.SECONDS)
public class GoogleIamPolicyReconciler
    implements Reconciler<GoogleIamPolicy>, Cleaner<GoogleIamPolicy> {
  public static final String NAME = "googleiampolicy";
  private static final Logger log = LoggerFactory.getLogger(GoogleIamPolicyReconciler.class);

  private final IamPolicies iam;
  private final PolicyBatch batch;
  private final IamQuota quota;
  private final CloudIntents intents;
  private final Clock clock;
  private final Duration recheck;
  private final EventRecorder events;

  /** By resource: failures in a row of the whole policy (its backoff). */
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  /** By member: Google's last refusal, and when to try again. */
  private final Map<Grant, Refusal> refusals = new ConcurrentHashMap<>();

  private record Refusal(CloudIamException why, Instant retryAt, int count) {}

  public GoogleIamPolicyReconciler(
      IamPolicies iam,
      IamQuota quota,
      CloudIntents intents,
      Clock clock,
      Duration recheck,
      EventRecorder events) {
    this.iam = iam;
    this.quota = quota;
    this.batch = new PolicyBatch(iam, quota);
    this.intents = intents;
    this.clock = clock;
    this.recheck = recheck;
    this.events = events;
  }

  @Override
  public List<EventSource<?, GoogleIamPolicy>> prepareEventSources(
      EventSourceContext<GoogleIamPolicy> context) {
    intents.policiesReady(context.getPrimaryCache());
    return List.of(intents.policyEvents());
  }

  @Override
  public UpdateControl<GoogleIamPolicy> reconcile(
      GoogleIamPolicy policy, Context<GoogleIamPolicy> context) {
    String resource = policy.getSpec().resource;
    Set<String> recorded = CloudIntents.projectsIn(policy);
    Duration paused = quota.remaining();
    if (!paused.isZero()) {
      return UpdateControl.<GoogleIamPolicy>noUpdate().rescheduleAfter(paused);
    }
    Optional<Map<String, Wish>> said = intents.wishesFor(resource, recorded);
    if (said.isEmpty()) {
      return UpdateControl.noUpdate(); // a project naming it has not said yet; its wish wakes it
    }
    Map<String, Wish> wishes = said.get();
    if (nobodyWantsIt(policy, wishes)) {
      log.info(
          "googleiampolicy={} no project names {} and no member of the operator is left: deleting the record",
          policy.getMetadata().getName(),
          resource);
      context.getClient().resource(policy).delete();
      return UpdateControl.noUpdate();
    }
    Instant now = clock.instant();
    Map<Grant, CloudIamException> backingOff = backingOff(resource, now);
    IamPolicy read;
    try {
      read = iam.get(resource);
    } catch (CloudIamException e) {
      if (e.kind() == CloudIamException.Kind.NOT_FOUND
          && wishes.values().stream()
              .allMatch(w -> w.grants().isEmpty() && w.withheld().isEmpty())) {
        // the Google resource is gone, and our members with it: nothing is left to remove
        store(policy, context, List.of(), null);
        intents.acted(resource, wishes);
        return UpdateControl.<GoogleIamPolicy>noUpdate().rescheduleAfter(Duration.ofSeconds(1));
      }
      return failed(policy, context, wishes, e, null);
    }
    PolicyRecord.Step step =
        PolicyRecord.plan(resource, entries(policy), read, wishes, backingOff.keySet());
    policy = store(policy, context, step.record(), null); // the intents, before the write
    PolicyBatch.Outcome outcome = null;
    CloudIamException failure = null;
    IamPolicy after = read;
    if (!step.changes().isEmpty()) {
      try {
        outcome = batch.write(resource, read, step.changes());
        after = outcome.policy();
        // the removals refused: the policy as a whole is not as it must be
        failure = outcome.removalsRefused();
      } catch (CloudIamException e) {
        failure = e;
      }
    }
    if (outcome != null) {
      remember(step, outcome, now);
    }
    PolicyRecord.Settled settled =
        PolicyRecord.settle(step, after, outcome, failure, wishes, backingOff);
    if (failure != null) {
      policy = store(policy, context, settled.record(), null);
      intents.acted(resource, wishes);
      return failed(policy, context, wishes, failure, settled);
    }
    failures.remove(resource);
    GoogleIamPolicyStatus status =
        status(policy, settled, null, outcome != null && outcome.writes() > 0 ? now : null);
    store(policy, context, settled.record(), status); // the record and the outcome, in one update
    intents.acted(resource, wishes);
    Duration next = nextLook(step, outcome, backingOff.keySet(), now);
    return UpdateControl.<GoogleIamPolicy>noUpdate()
        .rescheduleAfter(next.isNegative() ? Duration.ZERO : next);
  }

  /** No project names the resource, wants anything there, or has a member of ours left in it. */
  private boolean nobodyWantsIt(GoogleIamPolicy policy, Map<String, Wish> wishes) {
    return policy.getSpec().members.isEmpty()
        && wishes.values().stream()
            .allMatch(w -> w.grants().isEmpty() && w.withheld().isEmpty() && w.legacy().isEmpty())
        && intents.naming(policy.getSpec().resource) == 0;
  }

  /** The additions on this resource refused lately, still waiting for their retry. */
  private Map<Grant, CloudIamException> backingOff(String resource, Instant now) {
    Map<Grant, CloudIamException> out = new LinkedHashMap<>();
    refusals.forEach(
        (g, r) -> {
          if (g.resource().equals(resource) && now.isBefore(r.retryAt())) {
            out.put(g, r.why());
          }
        });
    return out;
  }

  /** Each refused addition backs off on its own (2 s, 4 s, ...); an accepted one is forgotten. */
  private void remember(PolicyRecord.Step step, PolicyBatch.Outcome outcome, Instant now) {
    for (PolicyBatch.Change c : step.changes()) {
      CloudIamException refused = outcome.refused().get(c.key());
      for (Grant g : c.add()) {
        if (refused == null) {
          refusals.remove(g);
        } else {
          Refusal before = refusals.get(g);
          int count = before == null ? 1 : before.count() + 1;
          refusals.put(g, new Refusal(refused, now.plus(IamRetry.backoff(count)), count));
        }
      }
    }
  }

  /** The next look: the recheck interval, or sooner when a refused addition may be tried again. */
  private Duration nextLook(
      PolicyRecord.Step step, PolicyBatch.Outcome outcome, Set<Grant> backingOff, Instant now) {
    Duration next = recheck;
    for (Grant g : backingOff) {
      next = min(next, Duration.between(now, refusals.get(g).retryAt()));
    }
    if (outcome != null) {
      for (PolicyBatch.Change c : step.changes()) {
        if (outcome.refused().containsKey(c.key())) {
          next =
              min(next, Duration.between(now, refusals.get(c.add().iterator().next()).retryAt()));
        }
      }
    }
    return next;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private UpdateControl<GoogleIamPolicy> failed(
      GoogleIamPolicy policy,
      Context<GoogleIamPolicy> context,
      Map<String, Wish> wishes,
      CloudIamException e,
      PolicyRecord.Settled settled) {
    String resource = policy.getSpec().resource;
    int n = failures.merge(resource, 1, Integer::sum);
    Duration wait =
        e.kind() == CloudIamException.Kind.RATE_LIMITED ? quota.remaining() : IamRetry.backoff(n);
    log.warn(
        "googleiampolicy={} {} failed ({} in a row), again in {} s: {}",
        policy.getMetadata().getName(),
        resource,
        n,
        wait.toSeconds(),
        e.getMessage());
    if (settled == null) {
      List<PolicyRecord.Entry> entries = entries(policy);
      List<PolicyRecord.MemberState> states = new ArrayList<>();
      for (PolicyRecord.Entry x : entries) {
        PolicyRecord.State s =
            x.abandoned() != null
                ? PolicyRecord.State.ABANDONED
                : x.preexisting()
                    ? PolicyRecord.State.PREEXISTING
                    : x.intent() == PolicyRecord.Intent.REMOVE
                        ? PolicyRecord.State.REMOVING
                        : x.intent() == PolicyRecord.Intent.ADD
                            ? PolicyRecord.State.PENDING
                            : PolicyRecord.State.GRANTED;
        states.add(
            new PolicyRecord.MemberState(
                x.grant(),
                s,
                x.projects(),
                s == PolicyRecord.State.PENDING || s == PolicyRecord.State.REMOVING ? e : null));
      }
      settled = new PolicyRecord.Settled(entries, states);
    }
    store(policy, context, settled.record(), status(policy, settled, e, null));
    return UpdateControl.<GoogleIamPolicy>noUpdate().rescheduleAfter(wait);
  }

  static List<PolicyRecord.Entry> entries(GoogleIamPolicy policy) {
    return policy.getSpec().members.stream()
        .map(e -> CloudIntents.entry(policy.getSpec().resource, e))
        .toList();
  }

  /**
   * The record (and, when given, the status) stored when it changed: one update with optimistic
   * locking, kept in the cache over the informer's. A status that changed for the projects wakes
   * them, and a failure a person must fix is a Warning Event on the policy.
   */
  private GoogleIamPolicy store(
      GoogleIamPolicy policy,
      Context<GoogleIamPolicy> context,
      List<PolicyRecord.Entry> record,
      GoogleIamPolicyStatus status) {
    List<IamRecordEntry> members = record.stream().map(CloudIntents::entry).toList();
    GoogleIamPolicyStatus before = policy.getStatus();
    boolean recordChanged = !json(members).equals(json(policy.getSpec().members));
    boolean statusChanged =
        status != null
            && (before == null || !json(withoutCheckTime(status, before)).equals(json(before)));
    if (!recordChanged && !statusChanged) {
      return policy;
    }
    GoogleIamPolicy written =
        PrimaryUpdateAndCacheUtils.updateAndCacheResource(
            policy,
            context,
            current -> {
              current.getSpec().members = new ArrayList<>(members);
              if (statusChanged) {
                current.setStatus(status);
              }
              return current;
            },
            current -> context.getClient().resource(current).update());
    if (statusChanged) {
      announce(written, before, status);
    }
    return written;
  }

  /** The status as compared: a re-check that found the same is not a change worth a write. */
  private static GoogleIamPolicyStatus withoutCheckTime(
      GoogleIamPolicyStatus s, GoogleIamPolicyStatus before) {
    GoogleIamPolicyStatus copy = dev.platform.genai.api.Copies.deep(s);
    copy.lastChecked = before.lastChecked;
    return copy;
  }

  private static String json(Object o) {
    return io.fabric8.kubernetes.client.utils.Serialization.asJson(o);
  }

  /**
   * The status from what this reconcile found (failure: why the policy as a whole is not as it must
   * be).
   */
  private GoogleIamPolicyStatus status(
      GoogleIamPolicy policy,
      PolicyRecord.Settled settled,
      CloudIamException failure,
      Instant wrote) {
    GoogleIamPolicyStatus s = new GoogleIamPolicyStatus();
    GoogleIamPolicyStatus before = policy.getStatus();
    s.projects = intents.naming(policy.getSpec().resource);
    s.lastChecked =
        failure == null ? clock.instant().toString() : before == null ? null : before.lastChecked;
    s.lastWrite = wrote != null ? wrote.toString() : before == null ? null : before.lastWrite;
    int granted = 0;
    int refused = 0;
    for (PolicyRecord.MemberState m : settled.states()) {
      IamMemberState out = new IamMemberState();
      out.role = m.grant().role();
      out.member = m.grant().member();
      out.state = m.state().stored();
      out.projects = new ArrayList<>(new TreeSet<>(m.projects()));
      if (m.failure() != null) {
        out.reason = m.failure().kind().reason().reason();
        out.message = m.failure().getMessage() + IamRetry.hint(m.failure().kind(), false);
      }
      if (m.state() == PolicyRecord.State.GRANTED || m.state() == PolicyRecord.State.PREEXISTING) {
        granted++;
      } else if (m.state() == PolicyRecord.State.REFUSED) {
        refused++;
      }
      s.members.add(out);
    }
    s.granted = granted;
    s.refused = refused;
    String now = clock.instant().toString();
    ProjectCondition ready =
        failure != null
            ? PolicyReport.ready(
                ConditionStatus.False,
                now,
                failure.kind().reason(),
                "Could not bring the policy of "
                    + policy.getSpec().resource
                    + " to what its projects want: "
                    + failure.getMessage()
                    + IamRetry.hint(failure.kind(), false))
            : refused > 0
                ? PolicyReport.ready(
                    ConditionStatus.False,
                    now,
                    Reason.MembersRefused,
                    refused
                        + " member(s) refused by Google or by the policy's principal limit; see status.members")
                : PolicyReport.ready(
                    ConditionStatus.True,
                    now,
                    Reason.InPlace,
                    "The policy of "
                        + policy.getSpec().resource
                        + " holds what its projects want.");
    ProjectCondition old =
        before == null
            ? null
            : before.conditions.stream()
                .filter(c -> ConditionType.Ready.name().equals(c.type))
                .findFirst()
                .orElse(null);
    if (old != null
        && Objects.equals(old.status, ready.status)
        && Objects.equals(old.reason, ready.reason)) {
      ready.lastTransitionTime = old.lastTransitionTime;
    }
    s.conditions.add(ready);
    return s;
  }

  /**
   * After a status change: the projects whose members' states changed are woken; a failure to act
   * on is an Event.
   */
  private void announce(
      GoogleIamPolicy policy, GoogleIamPolicyStatus before, GoogleIamPolicyStatus s) {
    boolean changedForProjects =
        before == null
            || !json(before.members).equals(json(s.members))
            || !json(before.conditions).equals(json(s.conditions));
    if (changedForProjects) {
      Set<String> woken = new TreeSet<>(CloudIntents.projectsIn(policy));
      s.members.forEach(m -> woken.addAll(m.projects));
      if (before != null) {
        before.members.forEach(m -> woken.addAll(m.projects));
      }
      intents.wakeProjects(policy.getSpec().resource, woken);
    }
    ProjectCondition ready = s.conditions.get(0);
    ProjectCondition old =
        before == null
            ? null
            : before.conditions.stream()
                .filter(c -> ConditionType.Ready.name().equals(c.type))
                .findFirst()
                .orElse(null);
    if (ConditionStatus.False.is(ready.status)
        && Reason.needsAction(ready.reason)) { // the one registry of reasons
      if (old == null || !ready.reason.equals(old.reason)) {
        events.emit(policy, "Warning", ready.reason, ready.message);
      }
    }
  }

  /**
   * Deleted (by its controller once empty, or by hand): the operator's members go from Google's
   * policy first. With {@code genai.platform.dev/abandon-google-members} on the object, it lets go
   * without them.
   */
  @Override
  public DeleteControl cleanup(GoogleIamPolicy policy, Context<GoogleIamPolicy> context) {
    String resource = policy.getSpec().resource;
    Set<String> recorded = CloudIntents.projectsIn(policy);
    boolean abandon =
        policy.getMetadata().getAnnotations() != null
            && "true"
                .equals(
                    policy.getMetadata().getAnnotations().get(GoogleIamPolicy.ABANDON_ANNOTATION));
    Set<Grant> ours = new TreeSet<>();
    entries(policy).stream()
        .filter(e -> !e.preexisting() && e.abandoned() == null)
        .forEach(e -> ours.add(e.grant()));
    if (!ours.isEmpty() && !abandon) {
      try {
        IamPolicy read = iam.get(resource);
        Set<Grant> present = new TreeSet<>();
        ours.stream().filter(g -> read.has(g.role(), g.member())).forEach(present::add);
        if (!present.isEmpty()) {
          PolicyBatch.Outcome out =
              batch.write(resource, read, List.of(PolicyBatch.Change.removals(present)));
          if (!out.refused().isEmpty()) {
            throw out.refused().values().iterator().next();
          }
        }
      } catch (CloudIamException e) {
        if (e.kind() != CloudIamException.Kind.NOT_FOUND) {
          int n = failures.merge(resource, 1, Integer::sum);
          log.warn(
              "googleiampolicy={} deleted; removing the operator's members failed: {}",
              policy.getMetadata().getName(),
              e.getMessage());
          store(
              policy,
              context,
              entries(policy),
              status(
                  policy,
                  new PolicyRecord.Settled(
                      entries(policy),
                      entries(policy).stream()
                          .map(
                              x ->
                                  new PolicyRecord.MemberState(
                                      x.grant(), PolicyRecord.State.REMOVING, x.projects(), e))
                          .toList()),
                  e,
                  null));
          return DeleteControl.noFinalizerRemoval()
              .rescheduleAfter(
                  e.kind() == CloudIamException.Kind.RATE_LIMITED
                      ? quota.remaining()
                      : IamRetry.backoff(n));
        }
      }
    }
    failures.remove(resource);
    refusals.keySet().removeIf(g -> g.resource().equals(resource));
    intents.wakeProjects(resource, recorded); // a project waiting to create it anew, or to let go
    return DeleteControl.defaultDelete();
  }

  /** For metrics and tests: the members waiting out a refusal. */
  Map<Grant, Instant> refusedUntil() {
    Map<Grant, Instant> out = new HashMap<>();
    refusals.forEach((g, r) -> out.put(g, r.retryAt()));
    return out;
  }
}
