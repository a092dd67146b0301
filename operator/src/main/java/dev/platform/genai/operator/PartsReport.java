package dev.platform.genai.operator;

import static dev.platform.genai.operator.ConditionTypes.ACCESS_READY;
import static dev.platform.genai.operator.ConditionTypes.GUARDRAILS_READY;
import static dev.platform.genai.operator.ConditionTypes.NAMESPACE_READY;
import static dev.platform.genai.operator.ConditionTypes.QUOTA_READY;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.operator.dependent.EgressPolicyDependent;
import dev.platform.genai.operator.dependent.IsolationPolicyDependent;
import dev.platform.genai.operator.dependent.LimitRangeDependent;
import dev.platform.genai.operator.dependent.MembersRoleBindingDependent;
import dev.platform.genai.operator.dependent.NamespaceDependent;
import dev.platform.genai.operator.dependent.OwnersRoleBindingDependent;
import dev.platform.genai.operator.dependent.QuotaDependent;
import dev.platform.genai.operator.dependent.ViewersRoleBindingDependent;
import dev.platform.genai.operator.dependent.WorkloadServiceAccountDependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the workflow's result into one outcome per part of the environment. */
final class PartsReport {

  @SuppressWarnings("rawtypes")
  List<PartOutcome> outcomes(GenAIProject project, ProjectModel m, WorkflowReconcileResult result) {
    Applied applied = Applied.of(result);
    Map<String, Exception> errors = applied.errors();
    Set<String> reconciled = applied.reconciled();

    List<PartOutcome> out = new ArrayList<>();
    out.add(part(NAMESPACE_READY, errors, reconciled, List.of(NamespaceDependent.NAME),
        "Namespace " + m.namespace() + " exists with Pod Security level " + m.podSecurityLevel() + "."));
    out.add(part(ACCESS_READY, errors, reconciled, List.of(WorkloadServiceAccountDependent.NAME,
            OwnersRoleBindingDependent.NAME, MembersRoleBindingDependent.NAME, ViewersRoleBindingDependent.NAME),
        "Owners, members and viewers are bound to admin, edit and view; ServiceAccount workload exists."));
    PartOutcome quota = part(QUOTA_READY, errors, reconciled, List.of(QuotaDependent.NAME, LimitRangeDependent.NAME),
        "Quota: " + m.quota().gpus() + " GPUs, " + m.quota().cpu().canonical() + " CPU, "
            + m.quota().memory().canonical() + " memory; container defaults set.");
    if (quota.isTrue() && m.quota().isCapped()) {
      quota = PartOutcome.failed(QUOTA_READY, ConditionTypes.EXCEEDS_POLICY_CAP,
          "The quota was set at the cluster's cap, not at the request: "
              + ProjectStatusFactory.listing(m.quota().capped().stream().map(c -> c.message()).toList())
              + ". Lower spec.resources, or ask the platform team to raise the cap in GenAIPlatformPolicy default.");
    }
    out.add(quota);
    List<String> guardrails = m.network().restrictEgress()
        ? List.of(IsolationPolicyDependent.NAME, EgressPolicyDependent.NAME)
        : List.of(IsolationPolicyDependent.NAME);
    out.add(part(GUARDRAILS_READY, errors, reconciled, guardrails, m.network().restrictEgress()
        ? "Ingress isolated; egress denied except DNS, the metadata server and " + m.network().egressCidrs().size()
            + " allowed CIDR(s)."
        : "Ingress isolated to the namespace and " + String.join(", ", m.network().ingressNamespaces()) + "."));
    return out;
  }

  /** CostAlertsReady: the PrometheusRule, or why there is none. */
  @SuppressWarnings("rawtypes")
  PartOutcome costAlerts(ProjectModel m, WorkflowReconcileResult result, boolean installed) {
    if (!installed) {
      return PartOutcome.failed(ConditionTypes.COST_ALERTS_READY, "NotInstalled", "Prometheus Operator's"
          + " PrometheusRule CRD is not installed, so there are no budget alerts; spend is still tracked in status.");
    }
    Applied applied = Applied.of(result);
    Map<String, Exception> errors = applied.errors();
    Set<String> reconciled = applied.reconciled();
    return part(ConditionTypes.COST_ALERTS_READY, errors, reconciled,
        List.of(dev.platform.genai.operator.dependent.PrometheusRuleDependent.NAME),
        "PrometheusRule genai-budget alerts at " + m.budget().thresholds().stream().map(t -> t + " %")
            .reduce((a, b) -> a + ", " + b).orElse("") + " of the monthly budget.");
  }

  /** Which dependents failed, and why, by name. */
  @SuppressWarnings("rawtypes")
  static Map<String, Exception> errors(WorkflowReconcileResult result) {
    return Applied.of(result).errors();
  }

  /** What the workflow did, by dependent name: which failed (and why) and which were reconciled. */
  private record Applied(Map<String, Exception> errors, Set<String> reconciled) {
    @SuppressWarnings("rawtypes")
    static Applied of(WorkflowReconcileResult result) {
      Map<String, Exception> errors = new HashMap<>();
      result.getErroredDependents().forEach((DependentResource d, Exception e) -> errors.put(d.name(), e));
      Set<String> reconciled = new HashSet<>();
      result.getReconciledDependents().forEach(d -> reconciled.add(((DependentResource) d).name()));
      return new Applied(errors, reconciled);
    }
  }

  private static PartOutcome part(String type, Map<String, Exception> errors, Set<String> reconciled,
      List<String> dependents, String okMessage) {
    for (String d : dependents) {
      if (errors.containsKey(d)) {
        return PartOutcome.failed(type, ConditionTypes.APPLY_FAILED,
            "Applying " + d + " failed (retrying with backoff): " + errors.get(d).getMessage());
      }
    }
    for (String d : dependents) {
      if (!reconciled.contains(d)) {
        return PartOutcome.failed(type, ConditionTypes.PROVISIONING, "Waiting for " + d + " to be applied.");
      }
    }
    return PartOutcome.ok(type, ConditionTypes.PROVISIONED, okMessage);
  }
}
