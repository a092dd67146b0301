package dev.platform.genai.operator.project;

import dev.platform.genai.api.Copies;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.api.GrantedQuota;
import dev.platform.genai.api.ProjectCondition;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.plan.Health;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.plan.ResidencyReport;
import dev.platform.genai.plan.gpu.GpuStops;
import dev.platform.genai.plan.kueue.QueueReport;
import dev.platform.genai.values.Stage;
import dev.platform.genai.vocabulary.ConditionStatus;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Phase;
import dev.platform.genai.vocabulary.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole status, in one place: from the plan and what applying it found, or — when a reconcile
 * failed or a deletion waits — from the previous status and why. Conditions follow Kubernetes
 * conventions: each carries the generation it describes, and lastTransitionTime moves only when its
 * status flips. Ready is True exactly when every required part is True. What a reconcile did not
 * look at (a blocked plan, a failed reconcile) stands as last observed, records included (the IAM
 * members added, the budget record).
 */
public final class ProjectStatusFactory {
  private static final Set<String> NOT_CARRIED =
      Set.of("phase", "observedGeneration", "conditions", "residency");
  private final Clock clock;

  public ProjectStatusFactory(Clock clock) {
    this.clock = clock;
  }

  /**
   * The status after a reconcile: the plan, and what applying it found (null when it was not
   * applied).
   */
  public GenAIProjectStatus build(Plan plan, Applied applied) {
    return build(plan, applied, new PartOutcome[0]);
  }

  /**
   * As above, with the reports that never block Ready: which platform policy governs the project
   * (PolicyInForce), whether the tenant boundary holds (TenantBoundaryHeld); a null one was not
   * looked at.
   */
  public GenAIProjectStatus build(Plan plan, Applied applied, PartOutcome... reports) {
    List<PartOutcome> looked =
        reports == null
            ? List.of()
            : java.util.Arrays.stream(reports).filter(java.util.Objects::nonNull).toList();
    GenAIProject project = plan.project();
    ProjectModel model = plan.model();
    if (!plan.applies()) {
      List<PartOutcome> parts = new ArrayList<>();
      if (plan.blocker().type() != ConditionType.Ready) {
        parts.add(plan.blocker());
      }
      parts.addAll(looked);
      GenAIProjectStatus s = build(project, parts, plan.blocker());
      s.namespace = model != null ? model.namespace() : s.namespace;
      if (project.getStatus() != null
          && project.getStatus().gpu != null
          && project.getStatus().gpu.holds != null) {
        // nothing is applied: the holds stand as they are, and so does their record
        s.gpu = new dev.platform.genai.api.GpuStatus();
        s.gpu.holds = project.getStatus().gpu.holds;
      }
      return withKstatus(s, project);
    }
    List<PartOutcome> parts = new ArrayList<>(PartsReport.outcomes(model, applied));
    parts.addAll(looked);
    parts.add(PartsReport.costAlerts(model, applied, plan.alerts()));
    parts.addAll(plan.budget().parts());
    if (applied.endpoints() != null) {
      parts.add(applied.endpoints().part());
      parts.add(plan.gate().approved());
    }
    if (applied.cloud().part() != null) {
      parts.add(applied.cloud().part());
    }
    if (applied.gateway().part() != null) {
      parts.add(applied.gateway().part());
    }
    if (plan.promotion().part() != null) {
      parts.add(plan.promotion().part());
    }
    QueueReport queue = QueueReport.of(plan);
    if (queue.part() != null) {
      parts.add(queue.part());
    }
    ResidencyReport residency = ResidencyReport.of(model, plan.observed());
    if (residency.part() != null) {
      parts.add(residency.part());
    }
    GenAIProjectStatus s = build(project, parts, null);
    s.residency = residency.status();
    s.gpu = queue.gpu();
    String used = s.gpu == null ? applied.gpuUsage(model.gpu().quotaKey()) : null;
    if (used != null) { // no Kueue queue: the quota's own count
      s.gpu = new dev.platform.genai.api.GpuStatus();
      s.gpu.usage = used;
      s.gpu.resource = model.gpu().quotaKey();
    }
    GpuStops stops = plan.gpuStops();
    if (!stops.status().isEmpty()
        || stops.idleLine() != null
        || !applied.holdFailures().isEmpty()) {
      if (s.gpu == null) {
        s.gpu = new dev.platform.genai.api.GpuStatus();
      }
      s.gpu.holds = stops.status().isEmpty() ? null : stops.status();
      s.gpu.idleReclaim = stops.idleLine();
      s.gpu.notApplied =
          applied.holdFailures().isEmpty()
              ? null
              : "Retried within a minute: " + String.join("; ", applied.holdFailures());
    }
    s.promotion = plan.promotion().record();
    if (model.stage() == Stage.Pilot) {
      s.pilotExpiresAt = plan.promotion().pilotExpiresAt();
    }
    s.namespace = model.namespace();
    s.quota =
        new GrantedQuota(
            model.quota().gpus(),
            model.quota().cpu().canonical(),
            model.quota().memory().canonical());
    s.budget = plan.budget().budget();
    s.kpis = plan.budget().kpis();
    if (applied.cloud().record() != null) {
      s.cloudAccess =
          applied.cloud().record().isEmpty()
              ? null
              : CloudAccessStep.toStatus(applied.cloud().record());
    }
    s.approval = applied.endpoints() == null ? null : plan.gate().approval();
    s.endpoints = applied.endpoints() == null ? null : applied.endpoints().endpoints();
    s.endpointsReady = applied.endpoints() == null ? null : applied.endpoints().summary();
    if (Phase.Ready.is(s.phase) || Phase.Provisioning.is(s.phase)) {
      plan.gatedPhase().ifPresent(p -> s.phase = p.name());
    }
    return withKstatus(s, project);
  }

  /** A reconcile failed for a reason we did not foresee: Ready says so, everything else stands. */
  GenAIProjectStatus failed(GenAIProject project, Exception e) {
    GenAIProjectStatus s = build(project, List.of(), null);
    ProjectCondition ready = s.conditions.get(0);
    s.conditions.set(
        0,
        condition(
            PartOutcome.failed(
                ConditionType.Ready,
                Reason.ApplyFailed,
                "Reconcile failed and will be retried: " + e.getMessage()),
            ready,
            ready.observedGeneration));
    return withKstatus(s, project);
  }

  /**
   * A deletion waits for the cloud: phase Terminating and CloudAccessReady says why; the other
   * conditions stand as last observed.
   */
  GenAIProjectStatus terminating(GenAIProject project, Reason reason, String message) {
    return terminating(project, ConditionType.CloudAccessReady, reason, message);
  }

  /**
   * A deletion waits for one part (the cloud, Kueue's hold on the ClusterQueue): that condition
   * says why.
   */
  GenAIProjectStatus terminating(
      GenAIProject project, ConditionType type, Reason reason, String message) {
    GenAIProjectStatus s = carried(project.getStatus());
    List<ProjectCondition> conditions = new ArrayList<>();
    ProjectCondition before = null;
    if (project.getStatus() != null && project.getStatus().conditions != null) {
      for (ProjectCondition c : project.getStatus().conditions) {
        if (type.is(c.type)) {
          before = c;
        } else {
          conditions.add(c);
        }
      }
    }
    conditions.add(
        condition(PartOutcome.failed(type, reason, message), before, generation(project)));
    s.observedGeneration =
        project.getStatus() == null ? generation(project) : project.getStatus().observedGeneration;
    s.conditions = conditions;
    s.phase = Phase.Terminating.name();
    return withKstatus(s, project);
  }

  /**
   * Conditions and phase from the parts looked at now; everything else carried over from the
   * previous status.
   *
   * @param blocker why provisioning stopped before the workflow ran, or null
   */
  private GenAIProjectStatus build(
      GenAIProject project, List<PartOutcome> parts, PartOutcome blocker) {
    GenAIProjectStatus previous = project.getStatus();
    long generation = generation(project);
    Map<String, ProjectCondition> before = new LinkedHashMap<>();
    if (previous != null && previous.conditions != null) {
      previous.conditions.forEach(c -> before.put(c.type, c));
    }
    Map<ConditionType, PartOutcome> now = new EnumMap<>(ConditionType.class);
    parts.forEach(p -> now.put(p.type(), p));

    List<ProjectCondition> conditions = new ArrayList<>();
    PartOutcome ready = ready(project, before, now, blocker);
    conditions.add(condition(ready, before.get(ConditionType.Ready.type()), generation));
    for (ConditionType type : ConditionType.parts()) {
      if (now.containsKey(type)) {
        conditions.add(condition(now.get(type), before.get(type.type()), generation));
      } else if (before.containsKey(type.type())
          && (required(project, type) || type.reportOnly())) {
        conditions.add(
            before.get(type.type())); // not looked at this time: the last observation stands
      }
    }
    GenAIProjectStatus s = carried(previous);
    s.observedGeneration = generation;
    s.conditions = conditions;
    s.phase = phase(project, ready, blocker, now).name();
    return s;
  }

  /**
   * kstatus' Reconciling and Stalled beside Ready, from the phase ({@link Health}): without them
   * Flux calls any resource whose generation is observed healthy. Replaces those of the status
   * given; keeps their lastTransitionTime while their status holds.
   */
  private GenAIProjectStatus withKstatus(GenAIProjectStatus s, GenAIProject project) {
    Map<String, ProjectCondition> before = new LinkedHashMap<>();
    if (project.getStatus() != null && project.getStatus().conditions != null) {
      project.getStatus().conditions.forEach(c -> before.put(c.type, c));
    }
    s.conditions.removeIf(c -> ConditionType.of(c.type).map(ConditionType::kstatus).orElse(false));
    ProjectCondition ready = s.conditions.get(0);
    Health health = Health.of(Phase.valueOf(s.phase), ready.reason);
    String waiting =
        "Nothing needs a person; see Ready for what the operator is doing or waiting for.";
    // both mirror Ready's reason as stored (a carried Ready may name a reason of another release)
    ConditionStatus reconciling =
        health == Health.RECONCILING ? ConditionStatus.True : ConditionStatus.False;
    String reconcilingMessage =
        health == Health.STALLED ? "Waiting for a person: see Stalled." : ready.message;
    ConditionStatus stalled =
        health == Health.STALLED ? ConditionStatus.True : ConditionStatus.False;
    String stalledMessage = health == Health.RECONCILING ? waiting : ready.message;
    s.conditions.add(
        condition(
            ConditionType.Reconciling,
            reconciling,
            ready.reason,
            reconcilingMessage,
            before.get(ConditionType.Reconciling.type()),
            s.observedGeneration));
    s.conditions.add(
        condition(
            ConditionType.Stalled,
            stalled,
            ready.reason,
            stalledMessage,
            before.get(ConditionType.Stalled.type()),
            s.observedGeneration));
    return s;
  }

  /**
   * Everything but conditions and phase, as the previous status had it; residency is observed
   * afresh each time (a blocked plan does not look, and an old finding must not stand as current).
   */
  private static GenAIProjectStatus carried(GenAIProjectStatus previous) {
    return Copies.carried(previous, GenAIProjectStatus::new, NOT_CARRIED);
  }

  /** Whether a part counts towards Ready for this project. */
  static boolean required(GenAIProject project, ConditionType type) {
    if (type.role() != ConditionType.Role.PART) {
      return false; // Ready itself, kstatus', reports, and the parts counted when reported
    }
    var spec = project.getSpec();
    return switch (type) {
      case CloudAccessReady -> spec != null && spec.gcp != null;
      case EndpointsReady, Approved ->
          spec != null && spec.models != null && !spec.models.isEmpty();
      case Promoted -> spec != null && Stage.Production.name().equals(spec.stage);
      default -> true;
    };
  }

  private PartOutcome ready(
      GenAIProject project,
      Map<String, ProjectCondition> before,
      Map<ConditionType, PartOutcome> now,
      PartOutcome blocker) {
    if (blocker != null) {
      return PartOutcome.failed(ConditionType.Ready, blocker.reason(), blocker.message());
    }
    List<String> notReady = new ArrayList<>();
    PartOutcome firstProblem = null;
    for (ConditionType type : ConditionType.parts()) {
      PartOutcome reported = type.countsWhenReported() ? now.get(type) : null;
      if (reported != null && !reported.isTrue() && !reported.reason().deliberateHold()) {
        notReady.add(
            type.type()); // counts where reported; a hold the budget asked for is not a fault
        firstProblem = firstProblem == null ? reported : firstProblem;
      }
      if (!required(project, type)) {
        continue;
      }
      PartOutcome p = now.get(type);
      if (p == null && before.containsKey(type.type())) {
        p = PartOutcome.stored(type, before.get(type.type())).orElse(null);
      }
      if (p == null || !p.isTrue()) {
        notReady.add(type.type());
        if (firstProblem == null && p != null) {
          firstProblem = p;
        }
      }
    }
    if (notReady.isEmpty()) {
      return PartOutcome.ok(
          ConditionType.Ready, Reason.Provisioned, "Every part of the environment is in place.");
    }
    Reason reason = firstProblem == null ? Reason.Provisioning : firstProblem.reason();
    String detail = firstProblem == null ? "" : " " + firstProblem.message();
    return PartOutcome.failed(
        ConditionType.Ready, reason, "Not ready: " + String.join(", ", notReady) + "." + detail);
  }

  private static Phase phase(
      GenAIProject project,
      PartOutcome ready,
      PartOutcome blocker,
      Map<ConditionType, PartOutcome> now) {
    if (project.getMetadata().getDeletionTimestamp() != null) {
      return Phase.Terminating;
    }
    if (blocker != null) {
      return Phase.Failed;
    }
    if (ready.isTrue()) {
      return Phase.Ready;
    }
    // a held promotion is its own phase (PromotionPending), whoever must act on it
    boolean needsAction =
        now.values().stream()
            .anyMatch(
                p ->
                    p.status() == ConditionStatus.False
                        && p.reason().needsAction()
                        && (required(project, p.type()) || p.type() == ConditionType.QueueReady)
                        && p.type() != ConditionType.Promoted);
    return needsAction ? Phase.Failed : Phase.Provisioning;
  }

  private ProjectCondition condition(PartOutcome o, ProjectCondition previous, long generation) {
    return condition(o.type(), o.status(), o.reason().reason(), o.message(), previous, generation);
  }

  private ProjectCondition condition(
      ConditionType type,
      ConditionStatus status,
      String reason,
      String message,
      ProjectCondition previous,
      long generation) {
    String since =
        previous != null && status.is(previous.status) && previous.lastTransitionTime != null
            ? previous.lastTransitionTime
            : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    return new ProjectCondition(type.type(), status.name(), generation, since, reason, message);
  }

  private static long generation(GenAIProject p) {
    Long g = p.getMetadata().getGeneration();
    return g == null ? 0L : g;
  }
}
