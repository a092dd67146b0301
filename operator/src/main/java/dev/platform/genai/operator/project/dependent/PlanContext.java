package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.plan.Plan;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * The plan of the reconcile under way, handed to the workflow's dependents: one typed entry, no
 * string keys.
 */
public final class PlanContext {
  private PlanContext() {}

  private static final String KEY = Plan.class.getName();

  public static void put(Context<GenAIProject> context, Plan plan) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, plan);
  }

  public static Plan of(Context<GenAIProject> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, Plan.class);
  }
}
