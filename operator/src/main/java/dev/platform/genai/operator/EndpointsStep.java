package dev.platform.genai.operator;

import static dev.platform.genai.operator.ConditionTypes.APPROVED;
import static dev.platform.genai.operator.ConditionTypes.ENDPOINTS_READY;

import dev.platform.genai.api.ApprovalStatus;
import dev.platform.genai.api.EndpointStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.api.external.InferenceService;
import dev.platform.genai.desired.DesiredModelEndpoint;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.ModelEndpoints.Endpoint;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.operator.dependent.EndpointDependent;
import dev.platform.genai.operator.dependent.EndpointDependent.Plan;
import dev.platform.genai.policy.ModelCatalog;
import dev.platform.genai.policy.PlatformPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Model endpoints: the approval gate before the workflow (what may be provisioned), and after it, where each
 * endpoint is and whether it serves.
 */
final class EndpointsStep {
  static final String PENDING_APPROVAL = "PendingApproval";
  static final String DIGEST_CHANGED = "DigestChanged";
  static final String MODEL_NOT_ALLOWED = "ModelNotAllowed";
  static final String INSUFFICIENT_QUOTA = "InsufficientQuota";
  static final String SUSPENDED = "ScaledToZero";

  /**
   * @param open whether new endpoint objects may be provisioned
   * @param pendingApproval whether the gate waits for compliance (phase PendingApproval)
   * @param approved the Approved condition, or null when the project has no endpoints
   * @param approval what status.approval shows, or null
   */
  record Gate(boolean open, boolean pendingApproval, PartOutcome approved, ApprovalStatus approval) {}

  Gate gate(GenAIProject project, ProjectModel model, List<GenAIProjectApproval> approvals) {
    ModelEndpoints e = model.endpoints();
    if (!e.requested()) {
      return new Gate(true, false, null, null);
    }
    ApprovalStatus status = new ApprovalStatus();
    status.required = e.approvalRequired();
    status.requiredDigest = e.digest();
    if (!e.approvalRequired()) {
      return new Gate(e.allowed(), false, PartOutcome.ok(APPROVED, "NotRequired", model.classification()
          + " data: model endpoints need no compliance approval."), status);
    }
    List<GenAIProjectApproval> mine = approvals.stream().filter(a -> a.getSpec() != null)
        .sorted(Comparator.comparing((GenAIProjectApproval a) -> String.valueOf(
            a.getMetadata().getCreationTimestamp())).reversed()).toList();
    Optional<GenAIProjectApproval> match = mine.stream().filter(a -> e.digest().equals(a.getSpec().digest))
        .findFirst();
    match.or(() -> mine.stream().findFirst()).ifPresent(a -> {
      status.approvedDigest = a.getSpec().digest;
      status.approval = a.getMetadata().getName();
      status.approvedBy = a.getSpec().approvedBy;
      status.approvedAt = a.getMetadata().getCreationTimestamp();
      status.reference = a.getSpec().reference;
    });
    if (match.isPresent()) {
      return new Gate(e.allowed(), false, PartOutcome.ok(APPROVED, "Approved", "Approved by "
          + status.approvedBy + " (" + status.reference + ") in GenAIProjectApproval " + status.approval + "."),
          status);
    }
    String how = " Compliance approves by creating a GenAIProjectApproval with spec.project " + project.getMetadata()
        .getName() + " and spec.digest " + e.digest() + " (status.approval.requiredDigest).";
    PartOutcome approved = mine.isEmpty()
        ? PartOutcome.failed(APPROVED, PENDING_APPROVAL, model.classification() + " data: no model endpoint is"
            + " created before compliance approves this request." + how)
        : PartOutcome.failed(APPROVED, DIGEST_CHANGED, "The spec's classification, compliance, models or gcp"
            + " changed since GenAIProjectApproval " + status.approval + " (" + status.approvedDigest + "):"
            + " endpoints already running stay as approved, nothing new is provisioned until this request is"
            + " approved." + how);
    return new Gate(false, true, approved, status);
  }

  /** Where egress opens for Managed endpoints: those of the spec when the gate is open, else those running. */
  static Set<String> managedEgress(ProjectModel model, Gate gate, PlatformPolicy policy,
      Context<GenAIProject> context) {
    if (gate.open()) {
      return model.endpoints().managedEgress();
    }
    Set<String> out = new TreeSet<>();
    for (ConfigMap cm : context.getSecondaryResources(ConfigMap.class)) {
      String endpoint = EndpointDependent.endpointOf(cm);
      if (endpoint != null && model.endpoints().names().contains(endpoint) && cm.getData() != null) {
        ModelCatalog.Provider p = policy.models().providers().get(cm.getData().get("PROVIDER"));
        if (p != null) {
          out.addAll(p.egressCidrs());
        }
      }
    }
    return out;
  }

  /** What status shows: per endpoint, and the EndpointsReady condition. */
  record Report(List<EndpointStatus> endpoints, String summary, PartOutcome part) {}

  Report report(ProjectModel model, Gate gate, Plan plan, Context<GenAIProject> context,
      Map<String, Exception> errors) {
    ModelEndpoints e = model.endpoints();
    Map<String, Endpoint> byName = e.endpoints().stream().collect(Collectors.toMap(Endpoint::name,
        Function.identity()));
    Map<String, Deployment> deployments = index(context, Deployment.class, !plan.kserve());
    Map<String, InferenceService> services = index(context, InferenceService.class, plan.kserve());
    Map<String, ConfigMap> configs = index(context, ConfigMap.class, true);
    List<EndpointStatus> out = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    for (String name : e.names()) {
      Endpoint endpoint = byName.get(name);
      EndpointStatus s = endpoint == null
          ? new EndpointStatus(name, null, null, null, false, null, "Not allowed by policy: see EndpointsReady.")
          : status(model, endpoint, plan, deployments, services, configs);
      if (!gate.open() && endpoint != null && s.message == null) {
        s.message = "Runs the approved request; the changed spec waits for approval.";
      }
      out.add(s);
      if (!s.ready) {
        waiting.add(name + (s.message == null ? "" : " (" + s.message + ")"));
      }
    }
    long ready = out.stream().filter(s -> s.ready).count();
    String summary = ready + "/" + out.size();
    PartOutcome part;
    Optional<String> failed = errors.keySet().stream().filter(EndpointsStep::isEndpointDependent).findFirst();
    if (failed.isPresent()) {
      part = PartOutcome.failed(ENDPOINTS_READY, ConditionTypes.APPLY_FAILED, "Applying " + failed.get()
          + " failed (retrying with backoff): " + errors.get(failed.get()).getMessage());
    } else if (!e.notAllowed().isEmpty()) {
      part = PartOutcome.failed(ENDPOINTS_READY, MODEL_NOT_ALLOWED, "Policy does not allow "
          + ProjectStatusFactory.listing(e.notAllowed()) + ". Nothing new is provisioned for spec.models until"
          + " every model is allowed; running endpoints are kept.");
    } else if (e.fitProblem() != null) {
      part = PartOutcome.failed(ENDPOINTS_READY, INSUFFICIENT_QUOTA, e.fitProblem());
    } else if (ready == out.size()) {
      part = PartOutcome.ok(ENDPOINTS_READY, ConditionTypes.PROVISIONED, summary + " endpoints ready: "
          + String.join(", ", e.names()) + ".");
    } else if (plan.suspended() && !e.selfHosted().isEmpty()) {
      part = PartOutcome.failed(ENDPOINTS_READY, SUSPENDED, "Self-hosted endpoints are scaled to zero while the"
          + " project is suspended (budget or pilot expiry); they come back when it is lifted.");
    } else if (gate.pendingApproval()) {
      part = PartOutcome.failed(ENDPOINTS_READY, PENDING_APPROVAL, summary + " endpoints ready; waiting for"
          + " compliance approval (see condition Approved).");
    } else {
      part = PartOutcome.failed(ENDPOINTS_READY, ConditionTypes.PROVISIONING, summary + " endpoints ready;"
          + " waiting for " + String.join(", ", waiting) + ".");
    }
    return new Report(out, summary, part);
  }

  private static boolean isEndpointDependent(String dependent) {
    return Set.of(dev.platform.genai.operator.dependent.ModelDeploymentDependent.NAME,
        dev.platform.genai.operator.dependent.ModelServiceDependent.NAME,
        dev.platform.genai.operator.dependent.InferenceServiceDependent.NAME,
        dev.platform.genai.operator.dependent.ManagedModelConfigDependent.NAME).contains(dependent);
  }

  private static EndpointStatus status(ProjectModel m, Endpoint endpoint, Plan plan,
      Map<String, Deployment> deployments, Map<String, InferenceService> services, Map<String, ConfigMap> configs) {
    String name = endpoint.name();
    if (endpoint instanceof ModelEndpoints.Managed managed) {
      ConfigMap cm = configs.get(name);
      return cm == null
          ? new EndpointStatus(name, managed.kind(), managed.provider() + "/" + managed.model(), null, false, null,
              "Not published yet.")
          : new EndpointStatus(name, managed.kind(), managed.provider() + "/" + managed.model(),
              cm.getData().get("URL"), true, null, null);
    }
    if (plan.kserve()) {
      InferenceService is = services.get(name);
      if (is == null) {
        return new EndpointStatus(name, endpoint.kind(), endpoint.model(), null, false, null, "Not created yet.");
      }
      boolean ready = kserveReady(is);
      return new EndpointStatus(name, endpoint.kind(), endpoint.model(), DesiredModelEndpoint.url(is), ready, null,
          plan.suspended() ? "Stopped: the project is suspended." : ready ? null
              : "KServe reports the InferenceService not Ready yet.");
    }
    Deployment d = deployments.get(name);
    if (d == null) {
      return new EndpointStatus(name, endpoint.kind(), endpoint.model(), null, false, null, "Not created yet.");
    }
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    int readyReplicas = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
        : d.getStatus().getReadyReplicas();
    boolean ready = desired > 0 && readyReplicas >= desired;
    String message = desired == 0 ? "Scaled to zero" + (plan.suspended() ? ": the project is suspended." : ".")
        : ready ? null : readyReplicas + " of " + desired + " replicas ready (the model loads before the readiness"
            + " probe passes).";
    return new EndpointStatus(name, endpoint.kind(), endpoint.model(),
        DesiredModelEndpoint.serviceUrl(m, name), ready, readyReplicas + "/" + desired, message);
  }

  private static boolean kserveReady(InferenceService is) {
    var status = is.getStatus();
    if (status == null || !status.has("conditions")) {
      return false;
    }
    for (var c : status.get("conditions")) {
      if ("Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
        return true;
      }
    }
    return false;
  }

  private static <R extends HasMetadata> Map<String, R> index(Context<GenAIProject> context, Class<R> type,
      boolean active) {
    if (!active) {
      return Map.of();
    }
    return context.getSecondaryResources(type).stream().filter(r -> EndpointDependent.endpointOf(r) != null)
        .collect(Collectors.toMap(EndpointDependent::endpointOf, Function.identity(), (a, b) -> a));
  }
}
