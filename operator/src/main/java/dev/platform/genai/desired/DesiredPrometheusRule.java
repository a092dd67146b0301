package dev.platform.genai.desired;

import dev.platform.genai.api.external.PrometheusRule;
import dev.platform.genai.api.external.PrometheusRuleSpec;
import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Prometheus Operator alert per budget threshold, on the operator's own metric {@code
 * genai_project_budget_utilization_ratio} (month-to-date spend over the limit, which the operator
 * computes itself because a static rule cannot sum since the first of the month). Labels from
 * policy let Prometheus Operator's ruleSelector load it.
 */
public final class DesiredPrometheusRule {
  private DesiredPrometheusRule() {}

  public static final String API_VERSION = "monitoring.coreos.com/v1";
  public static final String KIND = "PrometheusRule";

  public static PrometheusRule of(ProjectModel m) {
    var plan = m.budget();
    Map<String, String> labels = new TreeMap<>(plan.alertRuleLabels());
    labels.putAll(m.labels());
    List<Map<String, Object>> rules = new ArrayList<>();
    for (int t : plan.thresholds()) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("alert", "GenAIBudgetThreshold" + t);
      rule.put(
          "expr",
          "genai_project_budget_utilization_ratio{project=\"" + m.name() + "\"} >= " + ratio(t));
      Map<String, String> ruleLabels = new LinkedHashMap<>();
      ruleLabels.put("severity", t >= 100 ? "critical" : t >= 80 ? "warning" : "info");
      ruleLabels.put("project", m.name());
      ruleLabels.put("cost_center", plan.costCenter());
      rule.put("labels", ruleLabels);
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put(
          "summary", "GenAI project " + m.name() + " has spent " + t + " % of its monthly budget");
      annotations.put(
          "description",
          "Month-to-date spend of "
              + m.name()
              + " (cost center "
              + plan.costCenter()
              + ") reached "
              + t
              + " % of "
              + ProjectModel.BudgetPlan.money(plan.monthlyLimit())
              + " "
              + plan.currency()
              + (t >= 100 ? "; on exceeding: " + plan.onExceeded() + "." : "."));
      rule.put("annotations", annotations);
      rules.add(rule);
    }
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", "genai-budget-" + m.name());
    group.put("rules", rules);
    PrometheusRule rule = new PrometheusRule();
    rule.setMetadata(
        new ObjectMetaBuilder()
            .withName(Names.BUDGET_RULE)
            .withNamespace(m.namespace())
            .withLabels(labels)
            .build());
    rule.setSpec(new PrometheusRuleSpec());
    rule.getSpec().groups = List.of(group);
    return rule;
  }

  private static String ratio(int percent) {
    return new BigDecimal(percent).movePointLeft(2).stripTrailingZeros().toPlainString();
  }
}
