package dev.platform.genai.operator.dependent;

import dev.platform.genai.model.Names;
import dev.platform.genai.plan.Plan;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The project namespace. Labels are what we own in it; anything else others set there is left alone. */
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

  @Override
  protected boolean sameContent(Namespace actual, Namespace desired) {
    return true;
  }
}
