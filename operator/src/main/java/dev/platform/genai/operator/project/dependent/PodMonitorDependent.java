package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.external.PodMonitor;
import dev.platform.genai.desired.DesiredPodMonitor;
import dev.platform.genai.model.Names;
import dev.platform.genai.plan.Plan;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The PodMonitor that scrapes the self-hosted endpoints' token counters, where Prometheus Operator
 * is installed (our own injectable check, as for the PrometheusRule) and the project serves
 * self-hosted models.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class PodMonitorDependent extends ProjectDependent<PodMonitor> {
  public static final String NAME = "endpoint-metrics";

  public PodMonitorDependent() {
    super(PodMonitor.class, DesiredPodMonitor.NAME);
  }

  @Override
  protected boolean sameContent(PodMonitor actual, PodMonitor desired) {
    return actual.getSpec() != null && JsonSubset.contains(actual.getSpec(), desired.getSpec());
  }

  /** Written when the plan has one (self-hosted endpoints). */
  public static class Planned extends PlanCondition<PodMonitor> {
    @Override
    protected boolean holds(Plan plan, DependentResource<PodMonitor, GenAIProject> dependent) {
      return plan.object(PodMonitor.class, DesiredPodMonitor.NAME).isPresent();
    }
  }

  /** Active only where Prometheus Operator's CRDs are installed. */
  public static class Installed extends PlanCondition<PodMonitor> {
    @Override
    protected boolean holds(Plan plan, DependentResource<PodMonitor, GenAIProject> dependent) {
      return plan.alerts();
    }
  }
}
