package dev.platform.genai.operator.project;

import static dev.platform.genai.vocabulary.ConditionType.AccessReady;
import static dev.platform.genai.vocabulary.ConditionType.GuardrailsReady;
import static dev.platform.genai.vocabulary.ConditionType.NamespaceReady;
import static dev.platform.genai.vocabulary.ConditionType.QuotaReady;

import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.operator.project.dependent.EgressPolicyDependent;
import dev.platform.genai.operator.project.dependent.IsolationPolicyDependent;
import dev.platform.genai.operator.project.dependent.LimitRangeDependent;
import dev.platform.genai.operator.project.dependent.MembersRoleBindingDependent;
import dev.platform.genai.operator.project.dependent.NamespaceDependent;
import dev.platform.genai.operator.project.dependent.OwnersRoleBindingDependent;
import dev.platform.genai.operator.project.dependent.ProjectEventsBindingDependent;
import dev.platform.genai.operator.project.dependent.ProjectEventsRoleDependent;
import dev.platform.genai.operator.project.dependent.ProjectReaderBindingDependent;
import dev.platform.genai.operator.project.dependent.ProjectReaderRoleDependent;
import dev.platform.genai.operator.project.dependent.PrometheusRuleDependent;
import dev.platform.genai.operator.project.dependent.QuotaDependent;
import dev.platform.genai.operator.project.dependent.ViewersRoleBindingDependent;
import dev.platform.genai.operator.project.dependent.WorkloadServiceAccountDependent;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.values.Counted;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import java.util.ArrayList;
import java.util.List;

/** Turns what the workflow did into one outcome per part of the environment. */
final class PartsReport {
  private PartsReport() {}

  static List<PartOutcome> outcomes(ProjectModel m, Applied applied) {
    List<PartOutcome> out = new ArrayList<>();
    out.add(
        part(
            NamespaceReady,
            applied,
            List.of(NamespaceDependent.NAME),
            "Namespace "
                + m.namespace()
                + " exists with Pod Security level "
                + m.podSecurityLevel()
                + "."));
    out.add(
        part(
            AccessReady,
            applied,
            List.of(
                WorkloadServiceAccountDependent.NAME,
                OwnersRoleBindingDependent.NAME,
                MembersRoleBindingDependent.NAME,
                ViewersRoleBindingDependent.NAME,
                ProjectReaderRoleDependent.NAME,
                ProjectReaderBindingDependent.NAME,
                ProjectEventsRoleDependent.NAME,
                ProjectEventsBindingDependent.NAME),
            "Owners, members and viewers are bound to admin, edit and view; they, the sponsor and the"
                + " adoption owner read this project and its Events; ServiceAccount workload exists."));
    PartOutcome quota =
        part(
            QuotaReady,
            applied,
            List.of(QuotaDependent.NAME, LimitRangeDependent.NAME),
            "Quota: "
                + Counted.of(m.quota().gpus(), "GPU")
                + ", "
                + m.quota().cpu().canonical()
                + " CPU, "
                + m.quota().memory().canonical()
                + " memory; container defaults set.");
    if (quota.isTrue() && m.quota().isCapped()) {
      quota =
          PartOutcome.failed(
              QuotaReady,
              Reason.ExceedsPolicyCap,
              "The quota was set at the cluster's cap, not at the request: "
                  + Listing.of(m.quota().capped().stream().map(c -> c.message()).toList())
                  + ". Lower spec.resources, or ask the platform team to raise the cap in GenAIPlatformPolicy default.");
    } else if (quota.isTrue() && m.quota().isHeld()) {
      quota =
          PartOutcome.failed(
              QuotaReady,
              Reason.PromotionPending,
              "The quota is "
                  + Listing.of(m.quota().held().stream().map(c -> c.message()).toList())
                  + "; the promotion's checklist says what it waits for.");
    }
    out.add(quota);
    List<String> guardrails =
        m.network().restrictEgress()
            ? List.of(IsolationPolicyDependent.NAME, EgressPolicyDependent.NAME)
            : List.of(IsolationPolicyDependent.NAME);
    out.add(
        part(
            GuardrailsReady,
            applied,
            guardrails,
            m.network().restrictEgress()
                ? "Ingress isolated; egress denied except DNS, the metadata server and "
                    + m.network().egressCidrs().size()
                    + " allowed CIDR(s)."
                : "Ingress isolated to the namespace and "
                    + String.join(", ", m.network().ingressNamespaces())
                    + "."));
    return out;
  }

  /** CostAlertsReady: the PrometheusRule, or why there is none. */
  static PartOutcome costAlerts(ProjectModel m, Applied applied, boolean installed) {
    if (!installed) {
      return PartOutcome.failed(
          ConditionType.CostAlertsReady,
          Reason.NotInstalled,
          "Prometheus Operator's"
              + " PrometheusRule CRD is not installed, so there are no budget alerts (CostTrackingReady says whether"
              + " spend is tracked in status).");
    }
    return part(
        ConditionType.CostAlertsReady,
        applied,
        List.of(PrometheusRuleDependent.NAME),
        "PrometheusRule genai-budget alerts at "
            + String.join(", ", m.budget().thresholds().stream().map(t -> t + " %").toList())
            + " of the monthly budget.");
  }

  private static PartOutcome part(
      ConditionType type, Applied applied, List<String> dependents, String okMessage) {
    for (String d : dependents) {
      if (applied.errors().containsKey(d)) {
        return PartOutcome.failed(
            type,
            Reason.ApplyFailed,
            "Applying "
                + d
                + " failed (retrying with backoff): "
                + applied.errors().get(d).getMessage());
      }
    }
    for (String d : dependents) {
      if (!applied.reconciled().contains(d)) {
        return PartOutcome.failed(
            type, Reason.Provisioning, "Waiting for " + d + " to be applied.");
      }
    }
    return PartOutcome.ok(type, Reason.Provisioned, okMessage);
  }
}
