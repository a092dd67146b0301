package dev.platform.genai.operator.project.dependent;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/** Resource maps compared exactly in their keys and by value in their quantities. */
final class QuantityMaps {
  private QuantityMaps() {}

  static boolean same(Map<String, Quantity> a, Map<String, Quantity> b) {
    Map<String, Quantity> x = a == null ? Map.of() : a;
    Map<String, Quantity> y = b == null ? Map.of() : b;
    if (!x.keySet().equals(y.keySet())) {
      return false;
    }
    for (var e : x.entrySet()) {
      if (!Objects.equals(value(e.getValue()), value(y.get(e.getKey())))) {
        return false;
      }
    }
    return true;
  }

  private static BigDecimal value(Quantity q) {
    try {
      return q == null ? null : q.getNumericalAmount().stripTrailingZeros();
    } catch (IllegalArgumentException e) {
      return null; // unparseable: never equal to what we want
    }
  }
}
