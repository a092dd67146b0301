package dev.platform.genai.api.external;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * spec.groups of a PrometheusRule: each group a name and its rules (alert, expr, labels,
 * annotations).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrometheusRuleSpec {
  public List<Map<String, Object>> groups;

  @Override
  public boolean equals(Object o) {
    return o instanceof PrometheusRuleSpec s && Objects.equals(groups, s.groups);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(groups);
  }
}
