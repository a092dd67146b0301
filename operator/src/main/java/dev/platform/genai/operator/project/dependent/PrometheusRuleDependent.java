package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.external.PrometheusRule;
import dev.platform.genai.model.Names;
import dev.platform.genai.plan.Plan;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Objects;

/**
 * The project's budget alerts, where Prometheus Operator is installed: the activation condition
 * reads our own injectable check (JOSDK's CRD-present condition caches its answer for the JVM's
 * life), so the informer starts only once the CRD exists.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class PrometheusRuleDependent extends ProjectDependent<PrometheusRule> {
  public static final String NAME = "budget-alerts";

  public PrometheusRuleDependent() {
    super(PrometheusRule.class, Names.BUDGET_RULE);
  }

  @Override
  protected boolean sameContent(PrometheusRule actual, PrometheusRule desired) {
    return Objects.equals(actual.getSpec(), desired.getSpec());
  }

  /** Active only where the CRD is installed. */
  public static class Installed extends PlanCondition<PrometheusRule> {
    @Override
    protected boolean holds(Plan plan, DependentResource<PrometheusRule, GenAIProject> dependent) {
      return plan.alerts();
    }
  }
}
