package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.KpiStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator's own FinOps metrics, in Prometheus' text format. */
class OperatorMetricsTest {
  @Test
  void spendAndCostPerKpiUnitAreExported() {
    OperatorMetrics metrics = new OperatorMetrics();
    BudgetStatus b = new BudgetStatus();
    b.monthToDate = "600.00";
    b.forecast = "1200.00";
    b.monthlyLimit = "3000.00";
    b.currency = "EUR";
    KpiStatus k = new KpiStatus();
    k.name = "handling-time-minutes";
    k.costPerUnit = "200.00";
    KpiStatus noGain = new KpiStatus();
    noGain.name = "csat";
    metrics.budget(Samples.project("public-pilot.yaml"), b, List.of(k, noGain));
    assertThat(metrics.scrape())
        .contains("genai_project_spend_month_to_date{cost_center=\"cc-4410\",currency=\"EUR\",project=\"support-copilot\"} 600.0")
        .contains("genai_project_kpi_cost_per_unit{currency=\"EUR\",kpi=\"handling-time-minutes\",project=\"support-copilot\"} 200.0")
        .doesNotContain("kpi=\"csat\"");
  }

  @Test
  void spendIsSplitBySourceWithTheManagedAttribution() {
    OperatorMetrics metrics = new OperatorMetrics();
    BudgetStatus b = new BudgetStatus();
    b.monthToDate = "202.54";
    b.inCluster = "202.54";
    b.managed = "53.28";
    b.managedAttribution = "Shared";
    b.forecast = "300.00";
    b.monthlyLimit = "6000.00";
    b.currency = "EUR";
    metrics.budget(Samples.project("contract-assistant.yaml"), b, null);
    assertThat(metrics.scrape())
        .contains("genai_project_spend_by_source_month_to_date{attribution=\"Exact\",cost_center=\"cc-3105\","
            + "currency=\"EUR\",project=\"contract-assistant\",source=\"in_cluster\"} 202.54")
        .contains("genai_project_spend_by_source_month_to_date{attribution=\"Shared\",cost_center=\"cc-3105\","
            + "currency=\"EUR\",project=\"contract-assistant\",source=\"managed\"} 53.28")
        .contains("genai_project_spend_month_to_date{cost_center=\"cc-3105\",currency=\"EUR\","
            + "project=\"contract-assistant\"} 202.54");
  }

  @Test
  void costEvaluationsAreTimed() {
    OperatorMetrics metrics = new OperatorMetrics();
    metrics.costEvaluated(java.time.Duration.ofMillis(40));
    metrics.costEvaluated(java.time.Duration.ofSeconds(3));
    assertThat(metrics.scrape())
        .contains("genai_cost_evaluation_seconds_count 2")
        .contains("genai_cost_evaluation_seconds_sum 3.04");
  }
}
