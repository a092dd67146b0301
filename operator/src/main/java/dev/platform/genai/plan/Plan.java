package dev.platform.genai.plan;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.AiGatewayPlan;
import dev.platform.genai.model.GpuQueue;
import dev.platform.genai.model.Grant;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.plan.finops.BudgetDecision;
import dev.platform.genai.plan.gpu.GpuStops;
import dev.platform.genai.vocabulary.Phase;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the operator will do for one project, decided before anything is applied: the desired
 * objects, the gates, the cloud grants, the FinOps decisions. Immutable once built ({@link
 * Planner#plan}); the workflow applies {@link #objects()}, the cloud step {@link #cloud()}, and the
 * status is built from the plan and what applying it found. {@code render} prints {@link
 * #objects()} of a plan made from a stated {@link Observed}.
 *
 * @param project the resource as read
 * @param model the model as settled (GPU quota off under enforcement, egress to the endpoints in
 *     use); null when the spec or the policy cannot be used
 * @param blocker why nothing new is provisioned (InvalidPolicy, InvalidSpec, QuotaExceedsBudget,
 *     NamespaceConflict), or null
 * @param observed what the plan was made from
 * @param gate the approval gate of the model endpoints
 * @param budget the FinOps decisions; null when blocked before a model exists
 * @param promotion the Pilot→Production gate; null when blocked before a model exists
 * @param cloud the Google Cloud IAM grants
 * @param objects every desired Kubernetes object, in apply order; empty when blocked
 * @param queue the project's Kueue queues, where Kueue is installed and the name is not taken; else
 *     null
 * @param draPolicy whether the policy names a DRA GPU type (the cluster then serves
 *     resource.k8s.io/v1)
 * @param gpuStops the namespace's GPU workloads held (budget, expiry, idleness), woken, or that a
 *     dry run would stop
 */
public record Plan(
    GenAIProject project,
    ProjectModel model,
    PartOutcome blocker,
    Observed observed,
    EndpointGate gate,
    BudgetDecision budget,
    PromotionGate promotion,
    CloudPlan cloud,
    List<HasMetadata> objects,
    GpuQueue queue,
    boolean draPolicy,
    AiGatewayPlan gateway,
    GpuStops gpuStops) {

  public Plan {
    objects = List.copyOf(objects);
    gpuStops = gpuStops == null ? GpuStops.NONE : gpuStops;
  }

  /** The admission refused the project (its spec, the policy): nothing is modelled or planned. */
  public static Plan refused(GenAIProject project, PartOutcome blocker, Observed observed) {
    return new Plan(
        project,
        null,
        blocker,
        observed,
        null,
        null,
        null,
        CloudPlan.NONE,
        List.of(),
        null,
        false,
        null,
        GpuStops.NONE);
  }

  /**
   * Modelled, then stopped by a blocker before anything is applied (what runs is left as it is);
   * {@link #withBudget} adds the budget's decision when it was made before the blocker.
   */
  public static Plan blocked(
      GenAIProject project,
      ProjectModel model,
      PartOutcome blocker,
      Observed observed,
      PromotionGate promotion) {
    return new Plan(
        project,
        model,
        blocker,
        observed,
        null,
        null,
        promotion,
        CloudPlan.NONE,
        List.of(),
        null,
        false,
        null,
        GpuStops.NONE);
  }

  /** This plan with the budget's decision. */
  public Plan withBudget(BudgetDecision decided) {
    return new Plan(
        project, model, blocker, observed, gate, decided, promotion, cloud, objects, queue,
        draPolicy, gateway, gpuStops);
  }

  /**
   * A plan to apply: every part decided.
   *
   * @param queue the project's Kueue queue, null where Kueue is not installed
   * @param gateway the project's objects at Envoy AI Gateway, null where it is not used
   */
  public static Plan applying(
      GenAIProject project,
      ProjectModel model,
      Observed observed,
      EndpointGate gate,
      BudgetDecision budget,
      PromotionGate promotion,
      CloudPlan cloud,
      List<HasMetadata> objects,
      GpuQueue queue,
      boolean draPolicy,
      AiGatewayPlan gateway,
      GpuStops gpuStops) {
    return new Plan(
        project, model, null, observed, gate, budget, promotion, cloud, objects, queue, draPolicy,
        gateway, gpuStops);
  }

  /**
   * The cloud part of the plan.
   *
   * @param requested whether spec.gcp asks for access
   * @param grants what the policies must hold for this project (empty: remove every recorded
   *     member)
   * @param blocked why nothing is granted this time (disabled, denied by policy, the identity
   *     unknown), or null
   * @param retry whether {@code blocked} is something a retry can fix
   * @param principalLimit the most principals a Google allow policy may hold after our additions
   *     (policy)
   * @param withheld grants of the spec withheld while the project is suspended or expired (the
   *     managed-model providers' roles): revoked where the operator granted them, kept in the
   *     record, restored when lifted
   */
  public record CloudPlan(
      boolean requested,
      Set<Grant> grants,
      PartOutcome blocked,
      boolean retry,
      int principalLimit,
      Set<Grant> withheld) {
    public static final CloudPlan NONE =
        new CloudPlan(false, Set.of(), null, false, Integer.MAX_VALUE, Set.of());

    public CloudPlan {
      grants = Set.copyOf(grants);
      withheld = Set.copyOf(withheld);
    }

    public CloudPlan(
        boolean requested,
        Set<Grant> grants,
        PartOutcome blocked,
        boolean retry,
        int principalLimit) {
      this(requested, grants, blocked, retry, principalLimit, Set.of());
    }
  }

  /** Whether the plan is applied (the workflow runs); false when a blocker stops provisioning. */
  public boolean applies() {
    return blocker == null;
  }

  public boolean alerts() {
    return observed.apis().prometheusRules();
  }

  public boolean kserve() {
    return observed.apis().inferenceServices();
  }

  /** Whether the project's Kueue queues are written, in this API version. */
  public boolean queues(String kueueApiVersion) {
    return queue != null && kueueApiVersion.equals(queue.apiVersion());
  }

  /** Whether the namespace gets a DRA ResourceClaimTemplate. */
  public boolean claimTemplate() {
    return model != null && model.gpu().dra() && applies();
  }

  /** Whether self-hosted endpoints are scaled to zero (budget suspension or pilot expiry). */
  public boolean endpointsOff() {
    return budget != null && budget.enforcement().endpointsOff();
  }

  /** The desired object of this type and name. */
  public <R extends HasMetadata> Optional<R> object(Class<R> type, String name) {
    return objects.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .filter(o -> name.equals(o.getMetadata().getName()))
        .findFirst();
  }

  /** Every desired object of this type. */
  public <R extends HasMetadata> List<R> objects(Class<R> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /**
   * The phase the plan itself decides (enforcement, a pending approval), or empty to take it from
   * the parts.
   */
  public Optional<Phase> gatedPhase() {
    if (budget != null && budget.enforcement().phase() != null) {
      return Optional.of(budget.enforcement().phase());
    }
    if (gate != null && gate.pendingApproval()) {
      return Optional.of(Phase.PendingApproval);
    }
    return promotion != null && promotion.held()
        ? Optional.of(Phase.PromotionPending)
        : Optional.empty();
  }

  public List<Notice> notices() {
    List<Notice> out = new ArrayList<>(budget == null ? List.of() : budget.notices());
    out.addAll(promotion == null ? List.of() : promotion.notices());
    out.addAll(gpuStops.notices());
    return out;
  }
}
