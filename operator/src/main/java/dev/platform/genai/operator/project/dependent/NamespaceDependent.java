package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.Names;
import dev.platform.genai.plan.Plan;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.HashMap;
import java.util.Map;

/**
 * The project namespace. Labels are what we own in it; anything else others set there is left
 * alone.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class NamespaceDependent extends ProjectDependent<Namespace> {
  public static final String NAME = "namespace";

  public NamespaceDependent() {
    super(Namespace.class);
  }

  @Override
  protected String objectName(Plan plan) {
    return plan.model().namespace();
  }

  /**
   * The plan's namespace; where residency no longer applies but the namespace still says so, the
   * annotation is emptied (an update adds and overwrites annotations, never removes them), which
   * lifts the pinning.
   */
  @Override
  protected Namespace desired(GenAIProject primary, Context<GenAIProject> context) {
    Namespace desired = super.desired(primary, context);
    Namespace actual =
        context.getSecondaryResources(Namespace.class).stream()
            .filter(n -> n.getMetadata().getName().equals(desired.getMetadata().getName()))
            .findFirst()
            .orElse(null);
    if (regions(desired).isEmpty() && !regions(actual).isEmpty()) {
      Map<String, String> a =
          new HashMap<>(
              desired.getMetadata().getAnnotations() == null
                  ? Map.of()
                  : desired.getMetadata().getAnnotations());
      a.put(Names.RESIDENCY_REGIONS, "");
      desired.getMetadata().setAnnotations(a);
    }
    return desired;
  }

  /** Our annotations: the regions and the declared people per team role. */
  @Override
  protected boolean sameContent(Namespace actual, Namespace desired) {
    return regions(actual).equals(regions(desired))
        && java.util.Arrays.stream(dev.platform.genai.model.TeamRole.values())
            .allMatch(
                r ->
                    annotation(actual, r.annotation()).equals(annotation(desired, r.annotation())));
  }

  private static String annotation(Namespace n, String key) {
    if (n == null || n.getMetadata().getAnnotations() == null) {
      return "";
    }
    return n.getMetadata().getAnnotations().getOrDefault(key, "");
  }

  private static String regions(Namespace n) {
    return annotation(n, Names.RESIDENCY_REGIONS);
  }
}
