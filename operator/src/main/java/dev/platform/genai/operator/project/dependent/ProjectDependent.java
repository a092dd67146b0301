package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.Names;
import dev.platform.genai.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Base of every child: the desired object taken from the reconcile's plan, exact comparison, owner
 * reference to the project (so the garbage collector removes children when the project goes).
 */
public abstract class ProjectDependent<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, GenAIProject>
    implements SecondaryToPrimaryMapper<R> {
  private static final SecondaryToPrimaryMapper<HasMetadata> OWNER =
      Mappers.fromOwnerReferences(GenAIProject.class, true);

  private final String fixedName;

  protected ProjectDependent(Class<R> type) {
    this(type, null);
  }

  /**
   * A dependent whose object has the same name in every project (its namespace tells them apart).
   */
  protected ProjectDependent(Class<R> type, String fixedName) {
    super(type);
    this.fixedName = fixedName;
  }

  /**
   * Which project an event on a child wakes: its owner, and the project its label names. A child
   * deleted and created again by hand (a RoleBinding whose immutable roleRef someone changed, say)
   * has the label, so the informer sees it, but no owner reference: found by the owner alone it
   * would stay until the next resync (the real API server showed it).
   */
  @Override
  public Set<ResourceID> toPrimaryResourceIDs(R resource) {
    Set<ResourceID> out = new HashSet<>(OWNER.toPrimaryResourceIDs(resource));
    Map<String, String> labels = resource.getMetadata().getLabels();
    String project = labels == null ? null : labels.get(Names.PROJECT);
    if (project != null && !project.isEmpty()) {
      out.add(new ResourceID(project));
    }
    return out;
  }

  @Override
  protected R desired(GenAIProject primary, Context<GenAIProject> context) {
    Plan plan = PlanContext.of(context);
    String name = objectName(plan);
    return plan.object(resourceType(), name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the plan has no "
                        + resourceType().getSimpleName()
                        + " "
                        + name
                        + " (a precondition should have held)"));
  }

  /**
   * The name of this dependent's object in the plan: the fixed name, unless the dependent says
   * otherwise.
   */
  protected String objectName(Plan plan) {
    if (fixedName == null) {
      throw new IllegalStateException(
          getClass().getSimpleName() + " names no object: pass a fixed name or override");
    }
    return fixedName;
  }

  /**
   * Which object is this dependent's, without building it: JOSDK looks it up this way also when a
   * precondition is false and the object must go (a plan without egress restriction has no egress
   * policy to build).
   */
  @Override
  protected ResourceID targetSecondaryResourceID(
      GenAIProject primary, Context<GenAIProject> context) {
    Plan plan = PlanContext.of(context);
    return new ResourceID(
        objectName(plan),
        Namespaced.class.isAssignableFrom(resourceType()) ? plan.model().namespace() : null);
  }

  /** The owner reference Kubernetes conventions expect of a controller: controller true. */
  @Override
  protected void addReferenceHandlingMetadata(R desired, GenAIProject primary) {
    super.addReferenceHandlingMetadata(desired, primary);
    desired.getMetadata().getOwnerReferences().stream()
        .filter(o -> Objects.equals(o.getUid(), primary.getMetadata().getUid()))
        .forEach(o -> o.setController(true));
  }

  @Override
  public Result<R> match(R actual, R desired, GenAIProject primary, Context<GenAIProject> context) {
    boolean same =
        containsAll(actual.getMetadata().getLabels(), desired.getMetadata().getLabels())
            && sameContent(actual, desired);
    return Result.computed(same, desired);
  }

  /**
   * Whether everything this operator owns in the object, other than labels, is exactly as desired.
   */
  protected abstract boolean sameContent(R actual, R desired);

  /** Labels and annotations others add are kept; ours must be present with our values. */
  static boolean containsAll(Map<String, String> actual, Map<String, String> desired) {
    if (desired == null || desired.isEmpty()) {
      return true;
    }
    return actual != null && actual.entrySet().containsAll(desired.entrySet());
  }
}
