package dev.platform.genai.operator;

import static dev.platform.genai.operator.ConditionTypes.FALSE;
import static dev.platform.genai.operator.ConditionTypes.TRUE;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.api.GrantedQuota;
import dev.platform.genai.api.ProjectCondition;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the status from what a reconcile found. Conditions follow Kubernetes conventions: each carries the
 * generation it describes, and lastTransitionTime moves only when its status flips. Ready is True exactly when
 * every required part is True.
 */
public final class ProjectStatusFactory {
  private final Clock clock;
  static final java.util.Set<String> FINOPS = java.util.Set.of(ConditionTypes.BUDGET_AT_RISK,
      ConditionTypes.WITHIN_BUDGET, ConditionTypes.COST_TRACKING_READY, ConditionTypes.COST_ALERTS_READY);

  public ProjectStatusFactory(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param parts outcomes of the parts this reconcile looked at; parts not listed keep their previous condition
   * @param blocker why provisioning stopped before the workflow ran (invalid spec or policy, foreign namespace),
   *     or null
   */
  public GenAIProjectStatus build(GenAIProject project, String namespace, GrantedQuota quota,
      List<PartOutcome> parts, PartOutcome blocker) {
    GenAIProjectStatus previous = project.getStatus();
    long generation = generation(project);
    Map<String, ProjectCondition> before = new LinkedHashMap<>();
    if (previous != null && previous.conditions != null) {
      previous.conditions.forEach(c -> before.put(c.type, c));
    }
    Map<String, PartOutcome> now = new LinkedHashMap<>();
    parts.forEach(p -> now.put(p.type(), p));

    List<ProjectCondition> conditions = new ArrayList<>();
    PartOutcome ready = ready(project, before, now, blocker);
    conditions.add(condition(ready, before.get(ConditionTypes.READY), generation));
    for (String type : ConditionTypes.PARTS) {
      if (now.containsKey(type)) {
        conditions.add(condition(now.get(type), before.get(type), generation));
      } else if (before.containsKey(type) && (required(project, type) || FINOPS.contains(type))) {
        conditions.add(before.get(type)); // not looked at this time: the last observation stands
      }
    }
    GenAIProjectStatus s = new GenAIProjectStatus();
    s.observedGeneration = generation;
    s.namespace = namespace != null ? namespace : previous == null ? null : previous.namespace;
    s.quota = quota != null ? quota : previous == null ? null : previous.quota;
    s.conditions = conditions;
    if (previous != null) { // what a blocked reconcile did not look at stands, as conditions do
      s.approval = previous.approval;
      s.endpoints = previous.endpoints;
      s.endpointsReady = previous.endpointsReady;
    }
    s.phase = phase(project, ready, blocker, now);
    return s;
  }

  /** Whether a part counts towards Ready for this project. */
  static boolean required(GenAIProject project, String type) {
    var spec = project.getSpec();
    return switch (type) {
      case ConditionTypes.CLOUD_ACCESS_READY -> spec != null && spec.gcp != null;
      case ConditionTypes.ENDPOINTS_READY, ConditionTypes.APPROVED ->
          spec != null && spec.models != null && !spec.models.isEmpty();
      // FinOps conditions report; they do not block Ready
      case ConditionTypes.BUDGET_AT_RISK, ConditionTypes.WITHIN_BUDGET, ConditionTypes.COST_TRACKING_READY,
          ConditionTypes.COST_ALERTS_READY -> false;
      default -> true;
    };
  }

  private PartOutcome ready(GenAIProject project, Map<String, ProjectCondition> before,
      Map<String, PartOutcome> now, PartOutcome blocker) {
    if (blocker != null) {
      return PartOutcome.failed(ConditionTypes.READY, blocker.reason(), blocker.message());
    }
    List<String> notReady = new ArrayList<>();
    PartOutcome firstProblem = null;
    for (String type : ConditionTypes.PARTS) {
      if (!required(project, type)) {
        continue;
      }
      PartOutcome p = now.get(type);
      if (p == null && before.containsKey(type)) {
        ProjectCondition c = before.get(type);
        p = new PartOutcome(type, c.status, c.reason, c.message);
      }
      if (p == null || !p.isTrue()) {
        notReady.add(type);
        if (firstProblem == null && p != null) {
          firstProblem = p;
        }
      }
    }
    if (notReady.isEmpty()) {
      return PartOutcome.ok(ConditionTypes.READY, ConditionTypes.PROVISIONED,
          "Every part of the environment is in place.");
    }
    String reason = firstProblem == null ? ConditionTypes.PROVISIONING : firstProblem.reason();
    String detail = firstProblem == null ? "" : " " + firstProblem.message();
    return PartOutcome.failed(ConditionTypes.READY, reason,
        "Not ready: " + String.join(", ", notReady) + "." + detail);
  }

  private static String phase(GenAIProject project, PartOutcome ready, PartOutcome blocker,
      Map<String, PartOutcome> now) {
    if (project.getMetadata().getDeletionTimestamp() != null) {
      return ConditionTypes.PHASE_TERMINATING;
    }
    if (blocker != null) {
      return ConditionTypes.PHASE_FAILED;
    }
    if (TRUE.equals(ready.status())) {
      return ConditionTypes.PHASE_READY;
    }
    boolean needsAction = now.values().stream()
        .anyMatch(p -> FALSE.equals(p.status()) && ConditionTypes.NEEDS_ACTION.contains(p.reason())
            && required(project, p.type()));
    return needsAction ? ConditionTypes.PHASE_FAILED : ConditionTypes.PHASE_PROVISIONING;
  }

  private ProjectCondition condition(PartOutcome o, ProjectCondition previous, long generation) {
    String since = previous != null && o.status().equals(previous.status) && previous.lastTransitionTime != null
        ? previous.lastTransitionTime
        : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    return new ProjectCondition(o.type(), o.status(), generation, since, o.reason(), o.message());
  }

  private static long generation(GenAIProject p) {
    Long g = p.getMetadata().getGeneration();
    return g == null ? 0L : g;
  }

  /** "a, b and c" for messages. */
  static String listing(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return items.subList(0, items.size() - 1).stream().collect(Collectors.joining(", "))
        + " and " + items.get(items.size() - 1);
  }
}
