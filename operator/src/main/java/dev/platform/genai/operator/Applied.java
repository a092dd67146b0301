package dev.platform.genai.operator;

import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What applying a plan found: which dependents failed (and why) and which were reconciled, by name; the model
 * endpoints as they run; the cloud step's result.
 *
 * @param endpoints null when the project has no endpoints
 */
record Applied(Map<String, Exception> errors, Set<String> reconciled, EndpointReport endpoints,
    CloudAccessStep.Result cloud, GatewayStep.Result gateway) {

  /** Where no gateway is in use. */
  Applied(Map<String, Exception> errors, Set<String> reconciled, EndpointReport endpoints,
      CloudAccessStep.Result cloud) {
    this(errors, reconciled, endpoints, cloud, GatewayStep.Result.NONE);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  static Map<String, Exception> errors(WorkflowReconcileResult result) {
    Map<String, Exception> errors = new HashMap<>();
    result.getErroredDependents().forEach((d, e) -> errors.put(((DependentResource) d).name(), (Exception) e));
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
