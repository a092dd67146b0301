package dev.platform.genai.operator;

import static dev.platform.genai.operator.ConditionTypes.ACCESS_READY;
import static dev.platform.genai.operator.ConditionTypes.GUARDRAILS_READY;
import static dev.platform.genai.operator.ConditionTypes.NAMESPACE_READY;
import static dev.platform.genai.operator.ConditionTypes.QUOTA_READY;

import dev.platform.genai.admission.Violation;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.api.GrantedQuota;
import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.operator.dependent.EgressPolicyDependent;
import dev.platform.genai.operator.dependent.EndpointDependent;
import dev.platform.genai.operator.dependent.InferenceServiceDependent;
import dev.platform.genai.operator.dependent.ManagedModelConfigDependent;
import dev.platform.genai.operator.dependent.ModelDeploymentDependent;
import dev.platform.genai.operator.dependent.ModelServiceDependent;
import dev.platform.genai.operator.dependent.IsolationPolicyDependent;
import dev.platform.genai.operator.dependent.LimitRangeDependent;
import dev.platform.genai.operator.dependent.MembersRoleBindingDependent;
import dev.platform.genai.operator.dependent.NamespaceDependent;
import dev.platform.genai.operator.dependent.OwnersRoleBindingDependent;
import dev.platform.genai.operator.dependent.ProjectDependent;
import dev.platform.genai.operator.dependent.PrometheusRuleDependent;
import dev.platform.genai.operator.dependent.QuotaDependent;
import dev.platform.genai.operator.dependent.ViewersRoleBindingDependent;
import dev.platform.genai.operator.dependent.WorkloadServiceAccountDependent;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import dev.platform.genai.plan.ProjectRules;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a GenAIProject into its environment. The workflow below is the whole graph of children; the
 * reconciler decides whether it may run (valid policy, valid spec, a namespace that is ours or free) and turns
 * its result into status. It never deletes what a gate stops: an invalid change leaves what runs untouched.
 */
@ControllerConfiguration(name = GenAIProjectReconciler.NAME)
@GradualRetry(maxAttempts = 1000, initialInterval = 2000, intervalMultiplier = 2.0, maxInterval = 300_000)
@Workflow(explicitInvocation = true, handleExceptionsInReconciler = true, dependents = {
    @Dependent(name = NamespaceDependent.NAME, type = NamespaceDependent.class),
    @Dependent(name = WorkloadServiceAccountDependent.NAME, type = WorkloadServiceAccountDependent.class,
        dependsOn = NamespaceDependent.NAME),
    @Dependent(name = OwnersRoleBindingDependent.NAME, type = OwnersRoleBindingDependent.class,
        dependsOn = NamespaceDependent.NAME),
    @Dependent(name = MembersRoleBindingDependent.NAME, type = MembersRoleBindingDependent.class,
        dependsOn = NamespaceDependent.NAME, useEventSourceWithName = OwnersRoleBindingDependent.NAME),
    @Dependent(name = ViewersRoleBindingDependent.NAME, type = ViewersRoleBindingDependent.class,
        dependsOn = NamespaceDependent.NAME, useEventSourceWithName = OwnersRoleBindingDependent.NAME),
    @Dependent(name = QuotaDependent.NAME, type = QuotaDependent.class, dependsOn = NamespaceDependent.NAME),
    @Dependent(name = LimitRangeDependent.NAME, type = LimitRangeDependent.class,
        dependsOn = NamespaceDependent.NAME),
    @Dependent(name = IsolationPolicyDependent.NAME, type = IsolationPolicyDependent.class,
        dependsOn = NamespaceDependent.NAME),
    @Dependent(name = EgressPolicyDependent.NAME, type = EgressPolicyDependent.class,
        dependsOn = NamespaceDependent.NAME, useEventSourceWithName = IsolationPolicyDependent.NAME,
        reconcilePrecondition = EgressPolicyDependent.RestrictsEgress.class),
    @Dependent(name = PrometheusRuleDependent.NAME, type = PrometheusRuleDependent.class,
        dependsOn = NamespaceDependent.NAME, activationCondition = PrometheusRuleDependent.Installed.class),
    @Dependent(name = ModelDeploymentDependent.NAME, type = ModelDeploymentDependent.class,
        dependsOn = {WorkloadServiceAccountDependent.NAME, QuotaDependent.NAME, LimitRangeDependent.NAME}),
    @Dependent(name = ModelServiceDependent.NAME, type = ModelServiceDependent.class,
        dependsOn = NamespaceDependent.NAME),
    @Dependent(name = InferenceServiceDependent.NAME, type = InferenceServiceDependent.class,
        dependsOn = {WorkloadServiceAccountDependent.NAME, QuotaDependent.NAME, LimitRangeDependent.NAME},
        activationCondition = InferenceServiceDependent.Installed.class),
    @Dependent(name = ManagedModelConfigDependent.NAME, type = ManagedModelConfigDependent.class,
        dependsOn = NamespaceDependent.NAME)
})
public class GenAIProjectReconciler implements Reconciler<GenAIProject> {
  public static final String NAME = "genaiproject";
  private static final Logger log = LoggerFactory.getLogger(GenAIProjectReconciler.class);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final ProjectStatusFactory statusFactory;
  private final EventRecorder events;
  private final PartsReport parts = new PartsReport();
  private volatile PolicySource policy;
  private volatile ApprovalSource approvals;
  private final EndpointsStep endpoints = new EndpointsStep();
  private final java.util.concurrent.atomic.AtomicLong completed = new java.util.concurrent.atomic.AtomicLong();

  private final OperatorMetrics metrics;
  final CloudAccessStep cloud;
  private final FinOpsStep finops;
  private volatile OptionalApis optionalApis = () -> false;

  void optionalApis(OptionalApis apis) {
    this.optionalApis = apis;
  }

  OptionalApis optionalApisHandle() {
    return optionalApis;
  }

  GenAIProjectReconciler(ProjectStatusFactory statusFactory, EventRecorder events, OperatorMetrics metrics,
      CloudAccessStep cloud, FinOpsStep finops) {
    this.statusFactory = statusFactory;
    this.events = events;
    this.metrics = metrics;
    this.cloud = cloud;
    this.finops = finops;
  }

  @Override
  public List<EventSource<?, GenAIProject>> prepareEventSources(EventSourceContext<GenAIProject> context) {
    policy = new PolicySource(context);
    approvals = new ApprovalSource(context);
    metrics.watch(context.getPrimaryCache());
    return List.of(policy.eventSource(), approvals.eventSource());
  }

  /** Reconciles finished so far, successful or not. */
  public long completedReconciles() {
    return completed.get();
  }

  @Override
  public UpdateControl<GenAIProject> reconcile(GenAIProject project, Context<GenAIProject> context) {
    try {
      UpdateControl<GenAIProject> result = doReconcile(project, context);
      metrics.reconciled(project.getStatus() != null
          && ConditionTypes.PHASE_FAILED.equals(project.getStatus().phase));
      return result;
    } catch (RuntimeException e) {
      metrics.failed();
      throw e;
    } finally {
      completed.incrementAndGet();
    }
  }

  private UpdateControl<GenAIProject> doReconcile(GenAIProject project, Context<GenAIProject> context) {
    String name = project.getMetadata().getName();
    Resolution resolution = policy.current();
    if (!resolution.valid()) {
      return blocked(project, null, PartOutcome.failed(ConditionTypes.READY, ConditionTypes.INVALID_POLICY,
          "The cluster's GenAIPlatformPolicy default cannot be used, so nothing new is provisioned: "
              + String.join("; ", resolution.problems()) + ". Ask the platform team to fix it."));
    }
    ProjectRules.Checked checked = ProjectRules.check(project, resolution.policy());
    if (!checked.admitted()) {
      return blocked(project, null, invalidSpec(checked.violations().stream().map(Violation::toString).toList()));
    }
    ProjectModel model = checked.model();
    if (model.budget().atRisk() && resolution.policy().prices().rejectAtRisk()) {
      return blocked(project, null, PartOutcome.failed(ConditionTypes.READY, ConditionTypes.QUOTA_EXCEEDS_BUDGET,
          model.budget().atRiskMessage() + " The cluster policy rejects a budget at risk, so nothing new is"
              + " provisioned."));
    }
    FinOpsStep.Result fin = finops.assess(project, model);
    if (fin.gpusOff()) {
      model = model.withoutGpus(); // enforcement: no new GPU pods; what runs keeps running
    }
    Optional<String> conflict = namespaceConflict(project, model, context);
    if (conflict.isPresent()) {
      PartOutcome ns = PartOutcome.failed(NAMESPACE_READY, ConditionTypes.NAMESPACE_CONFLICT, conflict.get());
      return update(project, statusFactory.build(project, model.namespace(), null, List.of(ns),
          PartOutcome.failed(ConditionTypes.READY, ns.reason(), ns.message())));
    }

    EndpointsStep.Gate gate = endpoints.gate(project, model, approvals.forProject(name));
    boolean suspended = "Suspended".equals(fin.phase()) || "Expired".equals(fin.phase());
    EndpointDependent.Plan plan = new EndpointDependent.Plan(gate.open(), suspended,
        optionalApis.inferenceServices());
    model = model.withEndpointEgress(EndpointsStep.managedEgress(model, gate, resolution.policy(), context));
    context.managedWorkflowAndDependentResourceContext().put(ProjectDependent.MODEL, model);
    context.managedWorkflowAndDependentResourceContext().put(EndpointDependent.PLAN, plan);
    boolean alerts = optionalApis.prometheusRules();
    context.managedWorkflowAndDependentResourceContext().put(PrometheusRuleDependent.INSTALLED, alerts);
    var result = context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    GrantedQuota quota = new GrantedQuota(model.quota().gpus(), model.quota().cpu().canonical(),
        model.quota().memory().canonical());
    List<PartOutcome> outcomes = parts.outcomes(project, model, result);
    outcomes.add(parts.costAlerts(model, result, alerts));
    outcomes.addAll(fin.parts());
    EndpointsStep.Report endpointReport = null;
    if (model.endpointsRequested()) {
      endpointReport = endpoints.report(model, gate, plan, context, PartsReport.errors(result));
      outcomes.add(endpointReport.part());
      outcomes.add(gate.approved());
    }
    CloudAccessStep.Result cloudResult = cloud.run(project, model);
    if (cloudResult.part() != null) {
      outcomes.add(cloudResult.part());
    }
    GenAIProjectStatus status = statusFactory.build(project, model.namespace(), quota, outcomes, null);
    if (cloudResult.record() != null) {
      status.cloudAccess = cloudResult.record().isEmpty() ? null : CloudAccessStep.toStatus(cloudResult.record());
    }
    status.budget = fin.budget();
    status.kpis = fin.kpis();
    if (fin.phase() != null && (ConditionTypes.PHASE_READY.equals(status.phase)
        || ConditionTypes.PHASE_PROVISIONING.equals(status.phase))) {
      status.phase = fin.phase();
    }
    if (endpointReport != null) {
      status.approval = gate.approval();
      status.endpoints = endpointReport.endpoints();
      status.endpointsReady = endpointReport.summary();
      if (gate.pendingApproval() && (ConditionTypes.PHASE_READY.equals(status.phase)
          || ConditionTypes.PHASE_PROVISIONING.equals(status.phase))) {
        status.phase = ConditionTypes.PHASE_PENDING_APPROVAL;
      }
    } else {
      status.approval = null;
      status.endpoints = null;
      status.endpointsReady = null;
    }
    metrics.budget(project, fin.budget());
    if (result.erroredDependentsExist()) {
      log.warn("project={} namespace={} generation={} children failed: {}", name, model.namespace(),
          project.getMetadata().getGeneration(), result.getErroredDependents().values().stream()
              .map(Throwable::getMessage).toList());
      // status now, retry with backoff: updateErrorStatus writes what we found
      throw new PartialReconcileException(status, result.getErroredDependents().values().iterator().next());
    }
    if (cloudResult.retry()) {
      log.warn("project={} cloud access: {}", name, cloudResult.part().message());
      throw new PartialReconcileException(status, new IllegalStateException(cloudResult.part().message()));
    }
    if (cloudResult.requeue()) {
      UpdateControl<GenAIProject> control = update(project, status, fin.notices());
      return control.rescheduleAfter(java.time.Duration.ofMillis(50));
    }
    if (fin.next() != null) {
      return update(project, status, fin.notices()).rescheduleAfter(fin.next());
    }
    return update(project, status, fin.notices());
  }

  private UpdateControl<GenAIProject> update(GenAIProject project, GenAIProjectStatus status,
      List<FinOpsStep.Notice> notices) {
    boolean changed = !sameStatus(project.getStatus(), status);
    String before = project.getStatus() == null ? null : project.getStatus().phase;
    UpdateControl<GenAIProject> control = update(project, status);
    if (changed) {
      notices.forEach(n -> events.emit(project, n.type(), n.reason(), n.message()));
      if ("Expired".equals(status.phase) && !"Expired".equals(before)) {
        events.emit(project, "Warning", "PilotExpired", "The pilot expired at " + project.getSpec().expiresAt
            + ": GPU quota set to zero and model endpoints scaled to zero. Extend spec.expiresAt or promote it to"
            + " Production.");
      }
    }
    return control;
  }


  @Override
  public ErrorStatusUpdateControl<GenAIProject> updateErrorStatus(GenAIProject project,
      Context<GenAIProject> context, Exception e) {
    GenAIProjectStatus status;
    PartialReconcileException partial = partial(e);
    if (partial != null) {
      status = partial.status();
    } else {
      log.warn("project={} reconcile failed: {}", project.getMetadata().getName(), e.toString());
      status = statusFactory.build(project, null, null, List.of(), null);
      status.conditions.set(0, new dev.platform.genai.api.ProjectCondition(ConditionTypes.READY,
          ConditionTypes.FALSE, status.observedGeneration, status.conditions.get(0).lastTransitionTime,
          ConditionTypes.APPLY_FAILED, "Reconcile failed and will be retried: " + e.getMessage()));
    }
    if (sameStatus(project.getStatus(), status)) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    events.onStatusChange(project, project.getStatus(), status);
    project.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(project);
  }

  /** JOSDK wraps what reconcile throws; find ours in the cause chain. */
  private static PartialReconcileException partial(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PartialReconcileException p) {
        return p;
      }
    }
    return null;
  }

  private PartOutcome invalidSpec(List<String> problems) {
    return PartOutcome.failed(ConditionTypes.READY, ConditionTypes.INVALID_SPEC,
        "The spec breaks the CRD's rules (was admission bypassed, or the CRD older?), so nothing new is"
            + " provisioned and what runs is left as it is. Fix: " + String.join("; ", problems));
  }

  private UpdateControl<GenAIProject> blocked(GenAIProject project, String namespace, PartOutcome blocker) {
    return update(project, statusFactory.build(project, namespace, null, List.of(), blocker));
  }

  private UpdateControl<GenAIProject> update(GenAIProject project, GenAIProjectStatus status) {
    if (sameStatus(project.getStatus(), status)) {
      return UpdateControl.noUpdate(); // nothing changed: no write
    }
    events.onStatusChange(project, project.getStatus(), status);
    log.info("project={} namespace={} generation={} phase={}", project.getMetadata().getName(), status.namespace,
        status.observedGeneration, status.phase);
    project.setStatus(status);
    return UpdateControl.patchStatus(project);
  }

  static boolean sameStatus(GenAIProjectStatus a, GenAIProjectStatus b) {
    return a != null && Objects.equals(JSON.asJson(a), JSON.asJson(b));
  }

  /**
   * A namespace with the project's name that this project does not own is never adopted. The label-filtered
   * informer cannot see foreign namespaces, so when ours is not in the cache we look it up by name.
   */
  private Optional<String> namespaceConflict(GenAIProject project, ProjectModel model,
      Context<GenAIProject> context) {
    if (context.getSecondaryResources(Namespace.class).stream()
        .anyMatch(ns -> model.namespace().equals(ns.getMetadata().getName()))) {
      return Optional.empty();
    }
    Namespace existing = context.getClient().namespaces().withName(model.namespace()).get();
    if (existing == null || ownedBy(existing, project)) {
      return Optional.empty();
    }
    return Optional.of("Namespace " + model.namespace() + " already exists and does not belong to this project;"
        + " it is left untouched. Rename the project, or have an admin remove or rename that namespace.");
  }

  private static boolean ownedBy(Namespace ns, GenAIProject project) {
    return ns.getMetadata().getOwnerReferences().stream()
        .anyMatch(o -> Objects.equals(o.getUid(), project.getMetadata().getUid()))
        && Names.OPERATOR.equals(ns.getMetadata().getLabels().get(Names.MANAGED_BY));
  }
}
