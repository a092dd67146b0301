package dev.platform.genai.model;

import dev.platform.genai.values.Classification;
import dev.platform.genai.values.OnExceeded;
import dev.platform.genai.values.Quantities.Quantity;
import dev.platform.genai.values.Stage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the operator decides about one project, computed once per reconcile from the
 * GenAIProject and the resolved platform policy. Every desired object is a function of this and
 * nothing else.
 */
public record ProjectModel(
    String name,
    String namespace,
    Stage stage,
    Classification classification,
    Map<String, String> labels,
    Map<String, String> namespaceLabels,
    String podSecurityLevel,
    Map<TeamRole, List<Subject>> team,
    QuotaGrant quota,
    Gpu gpu,
    ContainerDefaults containerDefaults,
    NetworkGuardrails network,
    CloudRequest cloud,
    ModelEndpoints endpoints,
    BudgetPlan budget,
    Residency residency,
    List<Subject> readers) {

  public ProjectModel {
    // sorted, so that desired objects (and golden files) are the same on every run
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    namespaceLabels = Collections.unmodifiableMap(new TreeMap<>(namespaceLabels));
    team = Map.copyOf(team);
    readers = List.copyOf(readers);
  }

  /**
   * The budget, and what the granted quota costs for a month (730 h) at the policy's prices: above
   * the monthly limit, the budget is at risk before a single GPU runs.
   */
  public record BudgetPlan(
      BigDecimal monthlyLimit,
      String currency,
      List<Integer> thresholds,
      OnExceeded onExceeded,
      BigDecimal quotaMonthlyCost,
      BigDecimal gpuMonthlyCost,
      int affordableGpus,
      String costCenter,
      Map<String, String> alertRuleLabels) {
    public BudgetPlan {
      thresholds = List.copyOf(thresholds);
      alertRuleLabels = Collections.unmodifiableMap(new TreeMap<>(alertRuleLabels));
    }

    public boolean atRisk() {
      return quotaMonthlyCost.compareTo(monthlyLimit) > 0;
    }

    /** The figures, and what to change. */
    public String atRiskMessage() {
      BigDecimal over = quotaMonthlyCost.subtract(monthlyLimit);
      return "The quota, priced for a month (730 h), costs "
          + money(quotaMonthlyCost)
          + " "
          + currency
          + ", above the monthly limit of "
          + money(monthlyLimit)
          + " "
          + currency
          + " by "
          + money(over)
          + " "
          + currency
          + ": lower spec.resources.gpus to at most "
          + affordableGpus
          + " (one GPU costs "
          + money(gpuMonthlyCost)
          + " "
          + currency
          + " a month), or raise spec.budget.monthlyLimit to at least "
          + money(quotaMonthlyCost)
          + ".";
    }

    public static String money(BigDecimal v) {
      return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
  }

  /** The same model with the GPU quota at zero (budget throttle, suspension or pilot expiry). */
  public ProjectModel withoutGpus() {
    return withQuotaGpus(0);
  }

  /**
   * The same model with this many GPUs in the ResourceQuota (Kueue's ceiling: nominal plus
   * borrowing limit).
   */
  public ProjectModel withQuotaGpus(int gpus) {
    return new ProjectModel(
        name,
        namespace,
        stage,
        classification,
        labels,
        namespaceLabels,
        podSecurityLevel,
        team,
        new QuotaGrant(gpus, quota.cpu(), quota.memory(), quota.capped(), quota.held()),
        gpu,
        containerDefaults,
        network,
        cloud,
        endpoints,
        budget,
        residency,
        readers);
  }

  /**
   * The same model with these endpoints (the plan refusing managed models on a shared Google
   * project).
   */
  public ProjectModel withEndpoints(ModelEndpoints e) {
    return new ProjectModel(
        name,
        namespace,
        stage,
        classification,
        labels,
        namespaceLabels,
        podSecurityLevel,
        team,
        quota,
        gpu,
        containerDefaults,
        network,
        cloud,
        e,
        budget,
        residency,
        readers);
  }

  /** Whether spec.models asks for endpoints. */
  public boolean endpointsRequested() {
    return endpoints.requested();
  }

  /**
   * The same model with egress opened to these CIDRs as well (the providers of the Managed
   * endpoints in use): only where egress is restricted.
   */
  public ProjectModel withEndpointEgress(Collection<String> cidrs) {
    if (!network.restrictEgress() || cidrs.isEmpty()) {
      return this;
    }
    LinkedHashSet<String> all = new LinkedHashSet<>(network.egressCidrs());
    all.addAll(new TreeSet<>(cidrs));
    return new ProjectModel(
        name,
        namespace,
        stage,
        classification,
        labels,
        namespaceLabels,
        podSecurityLevel,
        team,
        quota,
        gpu,
        containerDefaults,
        new NetworkGuardrails(
            network.ingressNamespaces(), true, List.copyOf(all), network.metadataServerCidrs()),
        cloud,
        endpoints,
        budget,
        residency,
        readers);
  }

  /** Whether spec.gcp asks for cloud access. */
  public boolean cloudAccessRequested() {
    return cloud != null;
  }

  /**
   * Google Cloud access asked for in spec.gcp. {@code denied} says why policy refuses it (then
   * nothing is granted at all, never a partial apply); empty when allowed.
   */
  public record CloudRequest(
      String projectId, List<String> roles, String serviceAccount, List<String> denied) {
    public CloudRequest {
      roles = List.copyOf(roles);
      denied = List.copyOf(denied);
    }
  }

  /**
   * Who may read the GenAIProject itself ({@code kubectl get gp NAME}), which is cluster-scoped and
   * so beyond the namespace's bindings: every team subject, the sponsor and the adoption owner (as
   * users, by their email).
   */
  public List<Subject> readers() {
    return readers;
  }

  /** An RBAC subject, normalised (apiGroup is implied by the kind). */
  public record Subject(String kind, String name, String namespace) {
    /**
     * How the tenancy admission policy names a subject: {@code kind:name}, or {@code
     * ServiceAccount:namespace/name}.
     */
    public String key() {
      return "ServiceAccount".equals(kind)
          ? kind + ":" + namespace + "/" + name
          : kind + ":" + name;
    }
  }

  /**
   * The quota granted: the request clamped to the cap of the stage it asks for ({@code capped}
   * says, per resource, what was asked and what that cap is; empty when the request fits), then,
   * while a promotion is held, to the cap of the stage the project still runs as ({@code held}, the
   * same way).
   */
  public record QuotaGrant(
      int gpus, Quantity cpu, Quantity memory, List<Capped> capped, List<Capped> held) {
    public QuotaGrant {
      capped = List.copyOf(capped);
      held = List.copyOf(held);
    }

    public boolean isCapped() {
      return !capped.isEmpty();
    }

    public boolean isHeld() {
      return !held.isEmpty();
    }
  }

  /**
   * One resource asked for above the stage's cap: the spec field, and what was asked against the
   * cap.
   */
  public record Capped(String field, String message) {}

  /** LimitRange values for containers that set none. */
  public record ContainerDefaults(
      Quantity cpuLimit, Quantity memoryLimit, Quantity cpuRequest, Quantity memoryRequest) {}

  /**
   * Network guardrails: who may reach the namespace, and where it may send traffic when egress is
   * restricted.
   */
  public record NetworkGuardrails(
      List<String> ingressNamespaces,
      boolean restrictEgress,
      List<String> egressCidrs,
      List<String> metadataServerCidrs) {
    public NetworkGuardrails {
      ingressNamespaces = List.copyOf(ingressNamespaces);
      egressCidrs = List.copyOf(egressCidrs);
      metadataServerCidrs = List.copyOf(metadataServerCidrs);
    }
  }
}
