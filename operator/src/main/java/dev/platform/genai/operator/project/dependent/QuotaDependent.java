package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The namespace ResourceQuota; the hard limits are compared exactly, by value ({@code 1Gi} equals
 * {@code 1024Mi}).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class QuotaDependent extends ProjectDependent<ResourceQuota> {
  public static final String NAME = "quota";

  public QuotaDependent() {
    super(ResourceQuota.class, Names.QUOTA);
  }

  @Override
  protected boolean sameContent(ResourceQuota actual, ResourceQuota desired) {
    return actual.getSpec() != null
        && QuantityMaps.same(actual.getSpec().getHard(), desired.getSpec().getHard())
        && actual.getSpec().getScopes().isEmpty()
        && actual.getSpec().getScopeSelector() == null;
  }
}
