package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.plan.Plan;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * A workflow condition (activation, reconcile precondition) read from the reconcile's plan: the
 * plan decided it, the dependent only asks.
 */
abstract class PlanCondition<R> implements Condition<R, GenAIProject> {
  @Override
  public final boolean isMet(
      DependentResource<R, GenAIProject> dependent,
      GenAIProject primary,
      Context<GenAIProject> context) {
    return holds(PlanContext.of(context), dependent);
  }

  /**
   * Whether the condition holds for this plan (and this dependent, for one class serving several).
   */
  protected abstract boolean holds(Plan plan, DependentResource<R, GenAIProject> dependent);
}
