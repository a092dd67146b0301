package dev.platform.genai.operator.project;

import static dev.platform.genai.vocabulary.ConditionType.EndpointsReady;

import dev.platform.genai.api.EndpointStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.external.InferenceService;
import dev.platform.genai.desired.DesiredModelEndpoint;
import dev.platform.genai.desired.FrozenEndpoints;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.ModelEndpoints.Endpoint;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.operator.project.dependent.InferenceServiceDependent;
import dev.platform.genai.operator.project.dependent.ManagedModelConfigDependent;
import dev.platform.genai.operator.project.dependent.ModelDeploymentDependent;
import dev.platform.genai.operator.project.dependent.ModelServiceDependent;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.vocabulary.Reason;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * After the workflow: where each model endpoint is and whether it serves, read from the caches, and
 * the EndpointsReady condition.
 *
 * @param endpoints {@code status.endpoints}
 * @param summary ready/total, for the ENDPOINTS column
 * @param part EndpointsReady
 */
public record EndpointReport(List<EndpointStatus> endpoints, String summary, PartOutcome part) {
  private static final Set<String> DEPENDENTS =
      Set.of(
          ModelDeploymentDependent.NAME,
          ModelServiceDependent.NAME,
          InferenceServiceDependent.NAME,
          ManagedModelConfigDependent.NAME);

  static EndpointReport of(
      Plan plan, Context<GenAIProject> context, Map<String, Exception> errors) {
    ProjectModel model = plan.model();
    ModelEndpoints e = model.endpoints();
    Map<String, Endpoint> byName =
        e.endpoints().stream().collect(Collectors.toMap(Endpoint::name, Function.identity()));
    Running running =
        new Running(
            index(context, Deployment.class, !plan.kserve()),
            index(context, InferenceService.class, plan.kserve()),
            index(context, ConfigMap.class, true));
    List<EndpointStatus> out = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    for (String name : e.names()) {
      Endpoint endpoint = byName.get(name);
      EndpointStatus s =
          endpoint == null
              ? new EndpointStatus(
                  name, null, null, null, false, null, "Not allowed by policy: see EndpointsReady.")
              : status(plan, endpoint, running);
      EndpointStatus figures =
          plan.budget() == null ? null : plan.budget().endpointFigures().get(name);
      if (figures != null) {
        s.tokensThisMonth = figures.tokensThisMonth;
        s.spendThisMonth = figures.spendThisMonth;
        s.costPerMillionTokens = figures.costPerMillionTokens;
        s.figuresOf = figures.figuresOf;
      }
      if (plan.gateway() != null && endpoint != null) {
        s.gatewayUrl = "https://" + plan.gateway().hostname() + "/v1";
      }
      if (!plan.gate().open() && endpoint != null && s.message == null) {
        s.message = "Runs the approved request; the changed spec waits for approval.";
      }
      out.add(s);
      if (!s.ready) {
        waiting.add(name + (s.message == null ? "" : ": " + trimStop(s.message)));
      }
    }
    long ready = out.stream().filter(s -> s.ready).count();
    String summary = ready + "/" + out.size();
    return new EndpointReport(
        out, summary, part(plan, errors, summary, ready == out.size(), waiting));
  }

  private static PartOutcome part(
      Plan plan,
      Map<String, Exception> errors,
      String summary,
      boolean allReady,
      List<String> waiting) {
    ModelEndpoints e = plan.model().endpoints();
    Optional<String> failed = errors.keySet().stream().filter(DEPENDENTS::contains).findFirst();
    if (failed.isPresent()) {
      return PartOutcome.failed(
          EndpointsReady,
          Reason.ApplyFailed,
          "Applying "
              + failed.get()
              + " failed (retrying with backoff): "
              + errors.get(failed.get()).getMessage());
    } else if (!e.notAllowed().isEmpty()) {
      return PartOutcome.failed(
          EndpointsReady,
          Reason.ModelNotAllowed,
          "Policy does not allow "
              + Listing.of(e.notAllowed())
              + ". Nothing new is provisioned for spec.models until"
              + " every model is allowed; running endpoints are kept.");
    } else if (e.fitProblem() != null) {
      return PartOutcome.failed(EndpointsReady, Reason.InsufficientQuota, e.fitProblem());
    } else if (allReady) {
      return PartOutcome.ok(
          EndpointsReady,
          Reason.Provisioned,
          summary + " endpoints ready: " + String.join(", ", e.names()) + ".");
    } else if (plan.endpointsOff() && !e.selfHosted().isEmpty()) {
      return PartOutcome.failed(
          EndpointsReady,
          Reason.ScaledToZero,
          "Self-hosted endpoints are scaled to zero"
              + " while the project is suspended (budget or pilot expiry); they come back when it is lifted.");
    } else if (!plan.gpuStops().heldEndpoints().isEmpty() && !e.selfHosted().isEmpty()) {
      return PartOutcome.failed(
          EndpointsReady,
          Reason.ScaledToZero,
          "Idle over the whole window, scaled to zero: "
              + String.join(", ", new java.util.TreeSet<>(plan.gpuStops().heldEndpoints()))
              + "; the team wakes an endpoint with the command in status.gpu.holds, and it serves"
              + " again once its pods are ready.");
    } else if (plan.gate().pendingApproval()) {
      return PartOutcome.failed(
          EndpointsReady,
          Reason.PendingApproval,
          summary
              + " endpoints ready; waiting"
              + " for compliance approval (see condition Approved).");
    }
    return PartOutcome.failed(
        EndpointsReady,
        Reason.Provisioning,
        summary + " endpoints ready; waiting for " + String.join("; ", waiting) + ".");
  }

  private record Running(
      Map<String, Deployment> deployments,
      Map<String, InferenceService> services,
      Map<String, ConfigMap> configs) {}

  private static EndpointStatus status(Plan plan, Endpoint endpoint, Running running) {
    String name = endpoint.name();
    if (endpoint instanceof ModelEndpoints.Managed managed) {
      ConfigMap cm = running.configs().get(name);
      String model = managed.provider() + "/" + managed.model();
      return cm == null
          ? new EndpointStatus(name, managed.kind(), model, null, false, null, "Not published yet.")
          : new EndpointStatus(
              name, managed.kind(), model, cm.getData().get("URL"), true, null, null);
    }
    if (plan.kserve()) {
      InferenceService is = running.services().get(name);
      if (is == null) {
        return new EndpointStatus(
            name, endpoint.kind(), endpoint.model(), null, false, null, "Not created yet.");
      }
      boolean ready = kserveReady(is);
      return new EndpointStatus(
          name,
          endpoint.kind(),
          endpoint.model(),
          DesiredModelEndpoint.url(is),
          ready,
          null,
          plan.endpointsOff()
              ? "Stopped: the project is suspended."
              : plan.gpuStops().heldEndpoints().contains(name)
                  ? "Stopped: idle over the whole window (status.gpu.holds says how to wake it)."
                  : ready ? null : "KServe reports the InferenceService not Ready yet.");
    }
    Deployment d = running.deployments().get(name);
    if (d == null) {
      return new EndpointStatus(
          name, endpoint.kind(), endpoint.model(), null, false, null, "Not created yet.");
    }
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    int readyReplicas =
        d.getStatus() == null || d.getStatus().getReadyReplicas() == null
            ? 0
            : d.getStatus().getReadyReplicas();
    boolean ready = desired > 0 && readyReplicas >= desired;
    String message =
        desired == 0
            ? "Scaled to zero"
                + (plan.endpointsOff()
                    ? ": the project is suspended."
                    : plan.gpuStops().heldEndpoints().contains(name)
                        ? ": idle over the whole window (status.gpu.holds says how to wake it)."
                        : ".")
            : ready
                ? null
                : readyReplicas
                    + " of "
                    + desired
                    + " replicas ready: the model loads before the readiness"
                    + " probe passes.";
    return new EndpointStatus(
        name,
        endpoint.kind(),
        endpoint.model(),
        DesiredModelEndpoint.serviceUrl(plan.model(), name),
        ready,
        readyReplicas + "/" + desired,
        message);
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

  private static <R extends HasMetadata> Map<String, R> index(
      Context<GenAIProject> context, Class<R> type, boolean active) {
    if (!active) {
      return Map.of();
    }
    return context.getSecondaryResources(type).stream()
        .filter(r -> FrozenEndpoints.endpointOf(r) != null)
        .collect(Collectors.toMap(FrozenEndpoints::endpointOf, Function.identity(), (a, b) -> a));
  }

  /**
   * A sentence without its full stop, to be listed inside another ("a: 0 of 1 replicas ready; b:
   * ...").
   */
  private static String trimStop(String sentence) {
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
  }
}
