package dev.platform.genai.plan;

import dev.platform.genai.admission.Violation;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.api.GenAIProjectApprovalSpec;
import dev.platform.genai.api.GpuHold;
import dev.platform.genai.desired.DesiredModelEndpoint;
import dev.platform.genai.desired.DesiredObjects;
import dev.platform.genai.desired.FrozenEndpoints;
import dev.platform.genai.model.AiGatewayPlan;
import dev.platform.genai.model.CloudGrants;
import dev.platform.genai.model.GovernanceDigest;
import dev.platform.genai.model.GpuQueue;
import dev.platform.genai.model.Grant;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.build.ProjectModels;
import dev.platform.genai.plan.finops.BudgetDecision;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.plan.finops.GoogleProjectSharing;
import dev.platform.genai.plan.finops.TokenBudgets;
import dev.platform.genai.plan.gpu.GpuActivity;
import dev.platform.genai.plan.gpu.GpuStops;
import dev.platform.genai.plan.gpu.IdleSettings;
import dev.platform.genai.plan.kueue.GpuQueues;
import dev.platform.genai.policy.ModelCatalog;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import dev.platform.genai.values.Stage;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code plan(project, policy, observed)}: everything the operator will do for a project, as one
 * pure function. In two steps, because what is observed depends on the first: {@link #admit} checks
 * the resource against the CRD's rules and the policy and builds the model; {@link #plan(Admission,
 * Observed)} settles the gates and the desired objects from what was observed.
 */
public final class Planner {
  private Planner() {}

  /**
   * The resource checked and modelled under the policy.
   *
   * @param model the model, or null when blocked
   * @param blocker why nothing new is provisioned, or null
   */
  public record Admission(
      GenAIProject project, PlatformPolicy policy, ProjectModel model, PartOutcome blocker) {}

  public static Admission admit(GenAIProject project, Resolution resolution) {
    if (!resolution.valid()) {
      return new Admission(
          project,
          null,
          null,
          PartOutcome.failed(
              ConditionType.Ready,
              Reason.InvalidPolicy,
              "The cluster's GenAIPlatformPolicy default cannot be used, so nothing new is provisioned: "
                  + String.join("; ", resolution.problems())
                  + ". Ask the platform team to fix it."));
    }
    PlatformPolicy policy = resolution.policy();
    ProjectRules.Checked checked = ProjectRules.check(project, policy);
    if (!checked.admitted()) {
      return new Admission(
          project,
          policy,
          null,
          PartOutcome.failed(
              ConditionType.Ready,
              Reason.InvalidSpec,
              "The spec breaks the CRD's rules (was admission bypassed, or the CRD older?), so nothing new is"
                  + " provisioned and what runs is left as it is. Fix: "
                  + String.join(
                      "; ", checked.violations().stream().map(Violation::toString).toList())));
    }
    return new Admission(project, policy, checked.model(), null);
  }

  public static Plan plan(GenAIProject project, Resolution resolution, Observed observed) {
    return plan(admit(project, resolution), observed);
  }

  /**
   * The budget-at-risk gate, in one place for the operator, {@code render} (the plan's blocker) and
   * {@code validate} (ProjectRules): the quota priced for a month costs more than the budget and
   * the policy rejects that (spec.finops.budgetAtRisk: Reject) — the message, or empty.
   */
  public static Optional<String> rejectedBudgetAtRisk(ProjectModel model, PlatformPolicy policy) {
    return model.budget().atRisk() && policy.prices().rejectAtRisk()
        ? Optional.of(
            model.budget().atRiskMessage()
                + " The cluster policy rejects a budget at risk, so nothing new"
                + " is provisioned.")
        : Optional.empty();
  }

  public static Plan plan(Admission admission, Observed observed) {
    GenAIProject project = admission.project();
    if (admission.blocker() != null) {
      return Plan.refused(project, admission.blocker(), observed);
    }
    ProjectModel requested = admission.model();
    PromotionGate promotion = PromotionGate.of(project, admission.policy(), requested, observed);
    ProjectModel model =
        promotion.effective() == requested.stage()
            ? requested
            : ProjectModels.build(project, admission.policy(), promotion.effective());
    Optional<String> atRisk = rejectedBudgetAtRisk(model, admission.policy());
    if (atRisk.isPresent()) {
      return Plan.blocked(
          project,
          model,
          PartOutcome.failed(ConditionType.Ready, Reason.QuotaExceedsBudget, atRisk.get()),
          observed,
          promotion);
    }
    // behind the gateway (its metrics read from GENAI_PROMETHEUS_URL) a shared Google project's
    // spend is told
    // apart by caller: nothing to refuse
    boolean metered =
        observed.apis().aiGateway()
            && admission.policy().aiGateway() != null
            && observed.cost().state() != CostReading.State.OFF;
    Optional<String> sharedRefusal =
        metered
            ? Optional.empty()
            : GoogleProjectSharing.refusal(
                model.cloud() == null ? null : model.cloud().projectId(),
                observed.sharingGoogleProject(),
                observed.sharingDescribed(),
                admission.policy());
    if (sharedRefusal.isPresent()) {
      model = model.withEndpoints(model.endpoints().withoutManaged(sharedRefusal.get()));
    }
    BudgetDecision budget =
        BudgetDecision.of(
            project,
            model,
            observed.cost(),
            observed.now(),
            model.stage() == Stage.Pilot ? promotion.pilotExpiresAt() : null,
            observed.sharingGoogleProject(),
            observed.sharingDescribed());
    GpuQueue queue =
        observed.apis().kueueInstalled() && !observed.queue().taken()
            ? GpuQueues.of(model, admission.policy(), observed.apis().kueue(), budget.enforcement())
            : null;
    if (queue
        != null) { // the ResourceQuota backstop holds what the queue can reach: nominal + borrowing
      // limit
      model = model.withQuotaGpus((int) queue.gpuCeiling(model.gpu().kueueResource()));
    }
    if (budget.enforcement().gpusOff()) {
      model = model.withoutGpus(); // no new GPU pods; what runs keeps running
    }
    if (observed.namespaceTaken()) {
      return Plan.blocked(
              project,
              model,
              PartOutcome.failed(
                  ConditionType.NamespaceReady,
                  Reason.NamespaceConflict,
                  "Namespace "
                      + model.namespace()
                      + " already exists and does not belong to this project; it is left"
                      + " untouched. Rename the project, or have an admin remove or rename that namespace."),
              observed,
              promotion)
          .withBudget(budget);
    }
    EndpointGate gate =
        EndpointGate.of(project.getMetadata().getName(), model, observed.approvals());
    boolean behindGateway =
        gate.open() && observed.apis().aiGateway() && admission.policy().aiGateway() != null;
    // behind the gateway the providers are reached through it: no egress to them from the namespace
    model =
        model.withEndpointEgress(
            behindGateway ? Set.of() : endpointEgress(model, gate, admission.policy(), observed));
    GpuStops stops = gpuStops(project, admission.policy(), model, budget, observed);
    boolean endpointsOff = budget.enforcement().endpointsOff();
    java.util.function.Predicate<String> held =
        endpoint -> endpointsOff || stops.heldEndpoints().contains(endpoint);
    List<HasMetadata> endpoints =
        gate.open()
            ? DesiredModelEndpoint.all(
                model,
                observed.apis().inferenceServices(),
                held,
                queue != null && queue.podIntegration() ? GpuQueue.LOCAL_QUEUE : null)
            : FrozenEndpoints.of(observed.runningEndpoints(), model.endpoints().names(), held);
    AiGatewayPlan gateway =
        behindGateway
            ? TokenBudgets.of(model, admission.policy().aiGateway(), budget, observed.now())
            : null;
    List<HasMetadata> objects =
        DesiredObjects.of(
            model,
            observed.apis().prometheusRules(),
            observed.apis().inferenceServices(),
            observed.apis().clusterNetworkPolicies(),
            queue,
            endpoints,
            gateway);
    return Plan.applying(
        project,
        model,
        observed,
        gate,
        budget,
        promotion,
        cloud(
            model,
            observed.cloud(),
            admission.policy(),
            budget.enforcement().endpointsOff(),
            gateway),
        objects,
        queue,
        admission.policy().gpuTypes().values().stream().anyMatch(t -> t.dra() != null),
        gateway,
        stops);
  }

  /**
   * The holds on the namespace's GPU workloads: the budget's or the expiry's on every one, idleness
   * on those idle over the window; the workloads read only when something may stop, the GPU-hours
   * idleness handed back counted into the month's budget record.
   */
  private static GpuStops gpuStops(
      GenAIProject project,
      PlatformPolicy policy,
      ProjectModel model,
      BudgetDecision budget,
      Observed observed) {
    IdleSettings idle =
        IdleSettings.of(policy.idleReclaim(), model.stage(), model.gpu().type(), project);
    List<GpuHold> previous =
        project.getStatus() == null || project.getStatus().gpu == null
            ? null
            : project.getStatus().gpu.holds;
    CostReading cost = observed.cost();
    GpuActivity activity =
        cost.activity() != null
            ? cost.activity()
            : cost.state() == CostReading.State.OFF ? GpuActivity.OFF : GpuActivity.NOT_READ;
    boolean held = previous != null && !previous.isEmpty();
    if (!budget.enforcement().endpointsOff() && !idle.on() && !held) {
      return GpuStops.NONE;
    }
    // the workloads are listed only when something may stop: the budget's or the expiry's hold,
    // holds to keep or lift, or idle signals just read (between evaluations nothing new is idle)
    boolean wanted =
        budget.enforcement().endpointsOff()
            || held
            || idle.on() && activity.state() == GpuActivity.State.READ;
    GpuStops stops =
        GpuStops.decide(
            model.namespace(),
            idle,
            budget.enforcement(),
            wanted ? observed.gpuWorkloads().read() : List.of(),
            activity,
            previous,
            observed.now());
    String previousLine =
        project.getStatus() == null || project.getStatus().gpu == null
            ? null
            : project.getStatus().gpu.idleReclaim;
    if (activity.state() == GpuActivity.State.NOT_READ && previousLine != null) {
      stops =
          stops.withIdleLine(previousLine); // between evaluations the last reading's line stands
    }
    GpuStops.count(
        budget.budget(),
        stops.status(),
        policy.prices().gpuHourly(model.gpu().type()),
        observed.now());
    return stops;
  }

  /**
   * The plan for a cluster where nothing of the project runs yet, the optional APIs named
   * installed, the approvals given (of the endpoints and, for a Production project, of its
   * promotion) or not, no spend recorded: what {@code render} prints and the golden files keep.
   */
  public static Plan preview(
      GenAIProject project,
      PlatformPolicy policy,
      InstalledApis apis,
      boolean approved,
      Instant now) {
    return preview(project, policy, apis, approved, now, GoogleProjectSharing.Sharing.NONE);
  }

  /**
   * The same, with the projects (read beside it) that share its Google project for managed models.
   */
  public static Plan preview(
      GenAIProject project,
      PlatformPolicy policy,
      InstalledApis apis,
      boolean approved,
      Instant now,
      GoogleProjectSharing.Sharing sharing) {
    return preview(project, policy, Observed.at(now, apis), approved, sharing);
  }

  /**
   * The plan for a stated observation ({@code render --observed}, the golden scenarios): what the
   * builder states (spend read, endpoints running, the cluster's regions), with the approvals given
   * or not and the projects sharing its Google project.
   */
  public static Plan preview(
      GenAIProject project,
      PlatformPolicy policy,
      Observed.Builder stated,
      boolean approved,
      GoogleProjectSharing.Sharing sharing) {
    Admission admission = admit(project, new Resolution(policy, List.of()));
    List<GenAIProjectApproval> approvals =
        approved && admission.model() != null
            ? List.of(
                approval(project.getMetadata().getName(), admission.model().endpoints().digest()),
                approval(
                    project.getMetadata().getName(),
                    GovernanceDigest.promotion(ProjectModels.specDocument(project))))
            : List.of();
    return plan(
        admission,
        stated
            .approvals(approvals)
            .sharingGoogleProject(sharing.names())
            .sharingDescribed(sharing.described())
            .build());
  }

  /** The approval compliance would give this request, for a preview. */
  private static GenAIProjectApproval approval(String project, String digest) {
    GenAIProjectApproval a = new GenAIProjectApproval();
    a.setMetadata(new ObjectMeta());
    a.getMetadata().setName(project + "-preview-" + digest.substring(7, 15));
    a.setSpec(new GenAIProjectApprovalSpec());
    a.getSpec().project = project;
    a.getSpec().digest = digest;
    a.getSpec().approvedBy = "preview";
    return a;
  }

  /**
   * Where egress opens for Managed endpoints: those of the spec when the gate is open, else those
   * running.
   */
  private static Set<String> endpointEgress(
      ProjectModel model, EndpointGate gate, PlatformPolicy policy, Observed observed) {
    if (gate.open()) {
      return model.endpoints().managedEgress();
    }
    Set<String> out = new TreeSet<>();
    for (HasMetadata running : observed.runningEndpoints()) {
      if (running instanceof ConfigMap cm
          && cm.getData() != null
          && model.endpoints().names().contains(FrozenEndpoints.endpointOf(cm))) {
        ModelCatalog.Provider p = policy.models().providers().get(cm.getData().get("PROVIDER"));
        if (p != null) {
          out.addAll(p.egressCidrs());
        }
      }
    }
    return out;
  }

  /**
   * spec.gcp into grants, or why none are made this time. With no spec.gcp: none (recorded ones are
   * removed).
   *
   * @param suspended whether the project is suspended or expired: the providers' roles are withheld
   * @param gateway the endpoints behind Envoy AI Gateway, or null: with it, the providers' roles
   *     are the gateway's, not the workload's (a workload cannot call the provider around the
   *     gateway and its budget)
   */
  private static Plan.CloudPlan cloud(
      ProjectModel model,
      CloudIdentity identity,
      PlatformPolicy policy,
      boolean suspended,
      AiGatewayPlan gateway) {
    int principalLimit = policy.cloud().maxPrincipalsPerPolicy();
    ProjectModel.CloudRequest cloud = model.cloud();
    if (cloud == null) {
      return Plan.CloudPlan.NONE;
    }
    if (!identity.enabled()) {
      return new Plan.CloudPlan(
          true,
          Set.of(),
          PartOutcome.failed(
              ConditionType.CloudAccessReady,
              Reason.CloudIAMDisabled,
              "spec.gcp is set, but this operator has no Google Cloud IAM configured"
                  + " (GENAI_GCP_CLUSTER_PROJECT is unset), so no cloud access is granted. Ask the platform team, or"
                  + " remove spec.gcp."),
          false,
          principalLimit);
    }
    if (!cloud.denied().isEmpty()) {
      return new Plan.CloudPlan(
          true,
          Set.of(),
          PartOutcome.failed(
              ConditionType.CloudAccessReady,
              Reason.RoleNotAllowed,
              "Nothing is granted in Google Cloud: "
                  + String.join("; ", cloud.denied())
                  + ". Change spec.gcp, or ask the platform team to change GenAIPlatformPolicy default."),
          false,
          principalLimit);
    }
    if (identity.failure() != null) {
      return new Plan.CloudPlan(true, Set.of(), identity.failure(), true, principalLimit);
    }
    Set<Grant> grants =
        CloudGrants.of(
            cloud, model.namespace(), identity.clusterProject(), identity.projectNumber());
    boolean behindGateway = gateway != null && !model.endpoints().managed().isEmpty();
    if (!suspended && !behindGateway) {
      return new Plan.CloudPlan(true, grants, null, false, principalLimit);
    }
    // suspended or expired: the roles managed models are called with are withheld, so managed spend
    // stops too;
    // behind the gateway they are the gateway's identity's, never the workload's
    Set<String> providerRoles = new TreeSet<>();
    model
        .endpoints()
        .managed()
        .forEach(
            m -> {
              ModelCatalog.Provider p = policy.models().providers().get(m.provider());
              if (p != null) {
                providerRoles.addAll(p.cloudRoles());
              }
            });
    Set<Grant> kept = new TreeSet<>();
    Set<Grant> withheld = new TreeSet<>();
    grants.forEach(g -> (providerRoles.contains(g.role()) ? withheld : kept).add(g));
    PlatformPolicy.AiGateway g = policy.aiGateway();
    if (behindGateway && !suspended && g.serviceAccount() != null) {
      String principal =
          CloudGrants.principal(
              identity.clusterProject(),
              identity.projectNumber(),
              g.gatewayNamespace(),
              g.serviceAccount());
      providerRoles.forEach(
          r -> kept.add(new Grant(Grant.project(cloud.projectId()), r, principal)));
    }
    return new Plan.CloudPlan(true, kept, null, false, principalLimit, withheld);
  }
}
