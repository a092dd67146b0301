package dev.platform.genai.operator.project;

import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What applying a plan found: which dependents failed (and why) and which were reconciled, by name;
 * the model endpoints as they run; the cloud step's result.
 *
 * @param endpoints null when the project has no endpoints
 */
public record Applied(
    Map<String, Exception> errors,
    Set<String> reconciled,
    EndpointReport endpoints,
    CloudAccessStep.Result cloud,
    GatewayStep.Result gateway,
    ResourceQuota quota,
    java.util.List<String> holdFailures) {

  public Applied {
    holdFailures = holdFailures == null ? java.util.List.of() : java.util.List.copyOf(holdFailures);
  }

  Applied(
      Map<String, Exception> errors,
      Set<String> reconciled,
      EndpointReport endpoints,
      CloudAccessStep.Result cloud,
      GatewayStep.Result gateway,
      ResourceQuota quota) {
    this(errors, reconciled, endpoints, cloud, gateway, quota, null);
  }

  /** Where no gateway is in use. */
  Applied(
      Map<String, Exception> errors,
      Set<String> reconciled,
      EndpointReport endpoints,
      CloudAccessStep.Result cloud) {
    this(errors, reconciled, endpoints, cloud, GatewayStep.Result.NONE, null);
  }

  Applied(
      Map<String, Exception> errors,
      Set<String> reconciled,
      EndpointReport endpoints,
      CloudAccessStep.Result cloud,
      GatewayStep.Result gateway) {
    this(errors, reconciled, endpoints, cloud, gateway, null);
  }

  /**
   * GPUs in use / the quota's GPUs, as the ResourceQuota's status says (the cluster's resourcequota
   * controller counts the pods' requests), for {@code kubectl get gp}'s GPUs column where no Kueue
   * queue says it; null before the controller has counted.
   */
  String gpuUsage(String quotaKey) {
    if (quota == null
        || quota.getStatus() == null
        || quota.getStatus().getHard() == null
        || !quota.getStatus().getHard().containsKey(quotaKey)) {
      return null;
    }
    var used =
        quota.getStatus().getUsed() == null ? null : quota.getStatus().getUsed().get(quotaKey);
    return (used == null ? "0" : used.toString()) + "/" + quota.getStatus().getHard().get(quotaKey);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  static Map<String, Exception> errors(WorkflowReconcileResult result) {
    Map<String, Exception> errors = new HashMap<>();
    result
        .getErroredDependents()
        .forEach((d, e) -> errors.put(((DependentResource) d).name(), (Exception) e));
    return errors;
  }

  @SuppressWarnings("rawtypes")
  static Set<String> reconciled(WorkflowReconcileResult result) {
    Set<String> reconciled = new HashSet<>();
    result.getReconciledDependents().forEach(d -> reconciled.add(((DependentResource) d).name()));
    return reconciled;
  }

  /** A child failed: retry with backoff. */
  boolean childFailed() {
    return !errors.isEmpty();
  }
}
