package dev.platform.genai.operator.project;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.model.Names;
import dev.platform.genai.operator.intents.CloudIntents;
import dev.platform.genai.operator.project.dependent.ClaimTemplateDependent;
import dev.platform.genai.operator.project.dependent.ClusterNetworkPolicyDependent;
import dev.platform.genai.operator.project.dependent.ClusterQueueDependent;
import dev.platform.genai.operator.project.dependent.ClusterQueueV1beta1Dependent;
import dev.platform.genai.operator.project.dependent.EgressPolicyDependent;
import dev.platform.genai.operator.project.dependent.InferenceServiceDependent;
import dev.platform.genai.operator.project.dependent.IsolationPolicyDependent;
import dev.platform.genai.operator.project.dependent.LimitRangeDependent;
import dev.platform.genai.operator.project.dependent.LocalQueueDependent;
import dev.platform.genai.operator.project.dependent.LocalQueueV1beta1Dependent;
import dev.platform.genai.operator.project.dependent.ManagedModelConfigDependent;
import dev.platform.genai.operator.project.dependent.MembersRoleBindingDependent;
import dev.platform.genai.operator.project.dependent.ModelDeploymentDependent;
import dev.platform.genai.operator.project.dependent.ModelServiceDependent;
import dev.platform.genai.operator.project.dependent.NamespaceDependent;
import dev.platform.genai.operator.project.dependent.OwnersRoleBindingDependent;
import dev.platform.genai.operator.project.dependent.PlanContext;
import dev.platform.genai.operator.project.dependent.PodMonitorDependent;
import dev.platform.genai.operator.project.dependent.ProjectEventsBindingDependent;
import dev.platform.genai.operator.project.dependent.ProjectEventsRoleDependent;
import dev.platform.genai.operator.project.dependent.ProjectReaderBindingDependent;
import dev.platform.genai.operator.project.dependent.ProjectReaderRoleDependent;
import dev.platform.genai.operator.project.dependent.PrometheusRuleDependent;
import dev.platform.genai.operator.project.dependent.QueueDependent;
import dev.platform.genai.operator.project.dependent.QuotaDependent;
import dev.platform.genai.operator.project.dependent.ViewersRoleBindingDependent;
import dev.platform.genai.operator.project.dependent.WorkloadServiceAccountDependent;
import dev.platform.genai.operator.shared.EventRecorder;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Notice;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.plan.Planner;
import dev.platform.genai.plan.Planner.Admission;
import dev.platform.genai.plan.TenancyReport;
import dev.platform.genai.plan.finops.GoogleProjectSharing;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Phase;
import dev.platform.genai.vocabulary.Reason;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a GenAIProject into its environment in four steps: observe what the plan depends on,
 * plan (pure: every desired object, gate and grant), apply (the workflow below for Kubernetes
 * children, the cloud step for Google IAM), and write the status built from the plan and what
 * applying it found. The workflow is the whole graph of children; each dependent takes its desired
 * object from the plan. A blocked plan applies nothing: an invalid change leaves what runs
 * untouched.
 */
@ControllerConfiguration(name = GenAIProjectReconciler.NAME)
@GradualRetry(
    maxAttempts = 1000,
    initialInterval = 2000,
    intervalMultiplier = 2.0,
    maxInterval = 300_000)
@Workflow(
    explicitInvocation = true,
    handleExceptionsInReconciler = true,
    dependents = {
      @Dependent(name = NamespaceDependent.NAME, type = NamespaceDependent.class),
      @Dependent(
          name = WorkloadServiceAccountDependent.NAME,
          type = WorkloadServiceAccountDependent.class,
          dependsOn = NamespaceDependent.NAME),
      @Dependent(
          name = OwnersRoleBindingDependent.NAME,
          type = OwnersRoleBindingDependent.class,
          dependsOn = NamespaceDependent.NAME),
      @Dependent(
          name = MembersRoleBindingDependent.NAME,
          type = MembersRoleBindingDependent.class,
          dependsOn = NamespaceDependent.NAME,
          useEventSourceWithName = OwnersRoleBindingDependent.NAME),
      @Dependent(
          name = ViewersRoleBindingDependent.NAME,
          type = ViewersRoleBindingDependent.class,
          dependsOn = NamespaceDependent.NAME,
          useEventSourceWithName = OwnersRoleBindingDependent.NAME),
      @Dependent(name = ProjectReaderRoleDependent.NAME, type = ProjectReaderRoleDependent.class),
      @Dependent(
          name = ProjectReaderBindingDependent.NAME,
          type = ProjectReaderBindingDependent.class,
          dependsOn = ProjectReaderRoleDependent.NAME),
      @Dependent(
          name = ProjectEventsRoleDependent.NAME,
          type = ProjectEventsRoleDependent.class,
          dependsOn = NamespaceDependent.NAME),
      @Dependent(
          name = ProjectEventsBindingDependent.NAME,
          type = ProjectEventsBindingDependent.class,
          dependsOn = ProjectEventsRoleDependent.NAME,
          useEventSourceWithName = OwnersRoleBindingDependent.NAME),
      @Dependent(
          name = QuotaDependent.NAME,
          type = QuotaDependent.class,
          dependsOn = NamespaceDependent.NAME),
      @Dependent(
          name = LimitRangeDependent.NAME,
          type = LimitRangeDependent.class,
          dependsOn = NamespaceDependent.NAME),
      @Dependent(
          name = IsolationPolicyDependent.NAME,
          type = IsolationPolicyDependent.class,
          dependsOn = NamespaceDependent.NAME),
      @Dependent(
          name = EgressPolicyDependent.NAME,
          type = EgressPolicyDependent.class,
          dependsOn = NamespaceDependent.NAME,
          useEventSourceWithName = IsolationPolicyDependent.NAME,
          reconcilePrecondition = EgressPolicyDependent.RestrictsEgress.class),
      @Dependent(
          name = ClusterNetworkPolicyDependent.NAME,
          type = ClusterNetworkPolicyDependent.class,
          activationCondition = ClusterNetworkPolicyDependent.Installed.class,
          reconcilePrecondition = ClusterNetworkPolicyDependent.RestrictsEgress.class),
      @Dependent(
          name = PrometheusRuleDependent.NAME,
          type = PrometheusRuleDependent.class,
          dependsOn = NamespaceDependent.NAME,
          activationCondition = PrometheusRuleDependent.Installed.class),
      @Dependent(
          name = PodMonitorDependent.NAME,
          type = PodMonitorDependent.class,
          dependsOn = NamespaceDependent.NAME,
          activationCondition = PodMonitorDependent.Installed.class,
          reconcilePrecondition = PodMonitorDependent.Planned.class),
      @Dependent(
          name = ModelDeploymentDependent.NAME,
          type = ModelDeploymentDependent.class,
          dependsOn = {
            WorkloadServiceAccountDependent.NAME,
            QuotaDependent.NAME,
            LimitRangeDependent.NAME
          }),
      @Dependent(
          name = ModelServiceDependent.NAME,
          type = ModelServiceDependent.class,
          dependsOn = NamespaceDependent.NAME),
      @Dependent(
          name = InferenceServiceDependent.NAME,
          type = InferenceServiceDependent.class,
          dependsOn = {
            WorkloadServiceAccountDependent.NAME,
            QuotaDependent.NAME,
            LimitRangeDependent.NAME
          },
          activationCondition = InferenceServiceDependent.Installed.class),
      @Dependent(
          name = ManagedModelConfigDependent.NAME,
          type = ManagedModelConfigDependent.class,
          dependsOn = NamespaceDependent.NAME),
      @Dependent(
          name = ClaimTemplateDependent.NAME,
          type = ClaimTemplateDependent.class,
          dependsOn = NamespaceDependent.NAME,
          activationCondition = ClaimTemplateDependent.DraPolicy.class,
          reconcilePrecondition = ClaimTemplateDependent.DraProject.class),
      @Dependent(
          name = ClusterQueueDependent.NAME,
          type = ClusterQueueDependent.class,
          activationCondition = QueueDependent.Served.class,
          reconcilePrecondition = QueueDependent.Planned.class),
      @Dependent(
          name = LocalQueueDependent.NAME,
          type = LocalQueueDependent.class,
          dependsOn = {NamespaceDependent.NAME, ClusterQueueDependent.NAME},
          activationCondition = QueueDependent.Served.class,
          reconcilePrecondition = QueueDependent.Planned.class),
      @Dependent(
          name = ClusterQueueV1beta1Dependent.NAME,
          type = ClusterQueueV1beta1Dependent.class,
          activationCondition = QueueDependent.Served.class,
          reconcilePrecondition = QueueDependent.Planned.class),
      @Dependent(
          name = LocalQueueV1beta1Dependent.NAME,
          type = LocalQueueV1beta1Dependent.class,
          dependsOn = {NamespaceDependent.NAME, ClusterQueueV1beta1Dependent.NAME},
          activationCondition = QueueDependent.Served.class,
          reconcilePrecondition = QueueDependent.Planned.class)
    })
public class GenAIProjectReconciler implements Reconciler<GenAIProject>, Cleaner<GenAIProject> {
  public static final String NAME = "genaiproject";
  private static final Logger log = LoggerFactory.getLogger(GenAIProjectReconciler.class);

  private final ProjectStatusFactory statusFactory;
  private final StatusWriter statusWriter;
  private final OperatorMetrics metrics;
  final CloudAccessStep cloud;
  private final GatewayStep gateway = new GatewayStep();
  private final Observers observers;
  private volatile PolicySource policy;
  private volatile Observer observer;
  private final AtomicLong completed = new AtomicLong();
  private final Duration cleanupRetry;
  private final SharingWakeups sharing = new SharingWakeups();
  private final ProjectRecords records;

  /** Makes the observe step once the approvals informer exists. */
  public interface Observers {
    Observer create(ApprovalSource approvals);
  }

  public GenAIProjectReconciler(
      ProjectStatusFactory statusFactory,
      EventRecorder events,
      OperatorMetrics metrics,
      CloudAccessStep cloud,
      Observers observers,
      Duration cleanupRetry) {
    this(statusFactory, events, metrics, cloud, observers, cleanupRetry, new ProjectRecords(false));
  }

  public GenAIProjectReconciler(
      ProjectStatusFactory statusFactory,
      EventRecorder events,
      OperatorMetrics metrics,
      CloudAccessStep cloud,
      Observers observers,
      Duration cleanupRetry,
      ProjectRecords records) {
    this.records = records;
    this.cleanupRetry = cleanupRetry;
    this.statusFactory = statusFactory;
    this.statusWriter = new StatusWriter(events);
    this.metrics = metrics;
    this.cloud = cloud;
    this.observers = observers;
  }

  @Override
  public List<EventSource<?, GenAIProject>> prepareEventSources(
      EventSourceContext<GenAIProject> context) {
    policy = new PolicySource(context);
    ApprovalSource approvals = new ApprovalSource(context);
    observer = observers.create(approvals);
    metrics.watch(context.getPrimaryCache());
    context
        .getPrimaryCache()
        .addIndexer(GoogleProjectSharing.INDEX, GoogleProjectSharing::indexKeys);
    context.getPrimaryCache().addIndexer(CloudIntents.INDEX, CloudIntents::indexKeys);
    cloud.intents().projectsReady(context.getPrimaryCache());
    List<EventSource<?, GenAIProject>> sources =
        new java.util.ArrayList<>(
            List.of(
                policy.eventSource(),
                approvals.eventSource(),
                observer.cost().eventSource(),
                observer.bucketsRead(),
                sharing.eventSource(),
                cloud.intents().projectEvents()));
    var recordSource = records.eventSource(context);
    if (recordSource != null) {
      sources.add(recordSource);
    }
    return sources;
  }

  /** Reconciles finished so far, successful or not. */
  public long completedReconciles() {
    return completed.get();
  }

  @Override
  public UpdateControl<GenAIProject> reconcile(
      GenAIProject project, Context<GenAIProject> context) {
    try {
      sharing.reconciled(project, context.getPrimaryCache());
      // planned from the status with the project's records merged in: a wiped status loses nothing
      Admission admission = Planner.admit(records.restored(project), policy.current());
      Plan plan = Planner.plan(admission, observer.observe(admission, context));
      Applied applied = plan.applies() ? apply(plan, context) : null;
      if (applied == null) {
        cloud.hold(
            project,
            plan.cloud().principalLimit()); // a blocked plan changes nothing in Google either
      }
      List<String> tenancy = applied == null ? null : observer.tenancyFindings(plan, context);
      GenAIProjectStatus status =
          statusFactory.build(
              plan,
              applied,
              policy.inForce(),
              applied == null ? null : TenancyReport.part(plan.model(), tenancy));
      retryWhatFailed(
          plan, applied, status); // throws: updateErrorStatus writes the status, backoff follows
      metrics.reconciled(Phase.Failed.is(status.phase));
      UpdateControl<GenAIProject> written =
          statusWriter.write(
              project,
              status,
              concat(plan.notices(), TenancyReport.breakGlass(project, tenancy)),
              context);
      records.save(project, status, context.getClient());
      return lookAgain(plan, applied, written);
    } catch (RuntimeException e) {
      metrics.failed();
      if (partial(e) == null) {
        cloud.hold(
            project, Integer.MAX_VALUE); // failed before its plan: what it has in Google stays
      }
      throw e;
    } finally {
      completed.incrementAndGet();
    }
  }

  /**
   * The workflow for the Kubernetes children (each takes its desired object from the plan), then
   * the cloud step.
   */
  private Applied apply(Plan plan, Context<GenAIProject> context) {
    PlanContext.put(context, plan);
    WorkflowReconcileResult result =
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    var errors = Applied.errors(result);
    EndpointReport endpoints =
        plan.model().endpointsRequested() ? EndpointReport.of(plan, context, errors) : null;
    ResourceQuota quota =
        context.getSecondaryResources(ResourceQuota.class).stream()
            .filter(
                q ->
                    Names.QUOTA.equals(q.getMetadata().getName())
                        && plan.model().namespace().equals(q.getMetadata().getNamespace()))
            .findFirst()
            .orElse(null);
    return new Applied(
        errors,
        Applied.reconciled(result),
        endpoints,
        cloud.run(plan.project(), plan.cloud(), context.getClient()),
        gateway.run(plan, context),
        quota,
        HoldStep.run(plan, context.getClient(), plan.observed().now()));
  }

  /**
   * A child or the cloud failed: the status goes out through updateErrorStatus, and the framework
   * backs off.
   */
  private void retryWhatFailed(Plan plan, Applied applied, GenAIProjectStatus status) {
    if (applied == null) {
      return;
    }
    metrics.project(plan.project(), status);
    String name = plan.project().getMetadata().getName();
    if (applied.childFailed()) {
      log.warn(
          "project={} namespace={} generation={} children failed: {}",
          name,
          status.namespace,
          status.observedGeneration,
          applied.errors().values().stream().map(Throwable::getMessage).toList());
      throw new PartialReconcileException(
          status, plan.notices(), applied.errors().values().iterator().next());
    }
    PartOutcome gatewayPart = applied.gateway().part();
    if (gatewayPart != null && gatewayPart.reason() == Reason.ApplyFailed) {
      log.warn("project={} gateway: {}", name, gatewayPart.message());
      throw new PartialReconcileException(
          status, plan.notices(), new IllegalStateException(gatewayPart.message()));
    }
    // Google's failures are not retried here: the policy controller retries them with its own
    // backoff and wakes the project when a member's state changes
  }

  private static final Duration SOON = Duration.ofSeconds(1);

  /** How often a project with held GPU workloads is looked at (a wake, a lift). */
  static final Duration HELD_LOOK = Duration.ofMinutes(1);

  /** The plan's next look (a cost evaluation, an expiry). */
  private static UpdateControl<GenAIProject> lookAgain(
      Plan plan, Applied applied, UpdateControl<GenAIProject> control) {
    if (applied == null) {
      return control;
    }
    Duration later = plan.budget().next();
    if (plan.gpuStops().status().stream()
            .anyMatch(h -> !h.reasons.isEmpty() || h.awakeUntil != null)
        || !applied.holdFailures().isEmpty()) {
      // a team's wake is an annotation on its own workload, which no informer watches: looked at
      // each minute while something is held or woken (and the idle GPU-hours counted); a dry run's
      // verdicts wait for the next evaluation
      later = later == null || later.compareTo(HELD_LOOK) > 0 ? HELD_LOOK : later;
    }
    // a time already past (an evaluation's due time read after it) looks again soon: JOSDK's timer
    // refuses a
    // negative delay, and throws on the event thread
    return later == null
        ? control
        : control.rescheduleAfter(later.compareTo(SOON) < 0 ? SOON : later);
  }

  @Override
  public ErrorStatusUpdateControl<GenAIProject> updateErrorStatus(
      GenAIProject project, Context<GenAIProject> context, Exception e) {
    PartialReconcileException partial = partial(e);
    if (partial == null) {
      log.warn("project={} reconcile failed: {}", project.getMetadata().getName(), e.toString());
    }
    if (partial != null) {
      ErrorStatusUpdateControl<GenAIProject> control =
          statusWriter.writeOnError(project, partial.status(), partial.notices(), context);
      records.save(project, partial.status(), context.getClient());
      return control;
    }
    return statusWriter.writeOnError(
        project, statusFactory.failed(records.restored(project), e), List.of(), context);
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

  /**
   * A deleted project lets go once what it holds outside its namespace is released: its Google IAM
   * members (removed by the policies' controller, {@link CloudAccessStep#release}) and its Kueue
   * ClusterQueue. The ClusterQueue is deleted with the namespace (its workloads go with it);
   * Kueue's finalizer holds the queue until they are gone, and the status says so.
   */
  @Override
  public DeleteControl cleanup(GenAIProject project, Context<GenAIProject> context) {
    CloudAccessStep.Release waiting = cloud.release(project, context.getClient());
    if (waiting != null) {
      log.info(
          "project={} deleted; waiting for its Google IAM members to be removed: {}",
          project.getMetadata().getName(),
          waiting.message());
      statusWriter.writeDuringCleanup(
          context,
          project,
          statusFactory.terminating(project, waiting.reason(), waiting.message()),
          Notice.warning(waiting.reason(), waiting.message()));
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(cleanupRetry);
    }
    sharing.deleted(project, context.getPrimaryCache());
    InstalledApis apis = observer == null ? InstalledApis.NONE : observer.installed();
    String message = QueueRelease.release(project, apis, context.getClient());
    if (message == null) {
      if (observer != null) {
        observer.cost().forget(project);
      }
      records.delete(project, context.getClient());
      return DeleteControl.defaultDelete();
    }
    log.info(
        "project={} deleted; waiting for Kueue to release its ClusterQueue",
        project.getMetadata().getName());
    statusWriter.writeDuringCleanup(
        context,
        project,
        statusFactory.terminating(
            project, ConditionType.QueueReady, Reason.QueueTerminating, message),
        Notice.normal(Reason.QueueTerminating, message));
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(cleanupRetry);
  }

  StatusWriter statusWriter() {
    return statusWriter;
  }

  ProjectStatusFactory statusFactory() {
    return statusFactory;
  }

  private static List<Notice> concat(List<Notice> a, List<Notice> b) {
    if (b.isEmpty()) {
      return a;
    }
    List<Notice> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
