package dev.platform.genai.operator.project.dependent;

import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;
import java.util.Objects;

/** Container defaults; every limit item compared exactly, quantities by value. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class LimitRangeDependent extends ProjectDependent<LimitRange> {
  public static final String NAME = "limits";

  public LimitRangeDependent() {
    super(LimitRange.class, Names.LIMIT_RANGE);
  }

  @Override
  protected boolean sameContent(LimitRange actual, LimitRange desired) {
    if (actual.getSpec() == null) {
      return false;
    }
    List<LimitRangeItem> a = actual.getSpec().getLimits();
    List<LimitRangeItem> d = desired.getSpec().getLimits();
    if (a == null || a.size() != d.size()) {
      return false;
    }
    for (int i = 0; i < d.size(); i++) {
      LimitRangeItem x = a.get(i);
      LimitRangeItem y = d.get(i);
      if (!Objects.equals(x.getType(), y.getType())
          || !QuantityMaps.same(x.getDefault(), y.getDefault())
          || !QuantityMaps.same(x.getDefaultRequest(), y.getDefaultRequest())
          || !QuantityMaps.same(x.getMax(), y.getMax())
          || !QuantityMaps.same(x.getMin(), y.getMin())
          || !QuantityMaps.same(x.getMaxLimitRequestRatio(), y.getMaxLimitRequestRatio())) {
        return false;
      }
    }
    return true;
  }
}
