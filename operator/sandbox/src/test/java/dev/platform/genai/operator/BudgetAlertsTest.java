package dev.platform.genai.operator;

import static dev.platform.genai.operator.OperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.external.PrometheusRule;
import dev.platform.genai.plan.InstalledApis;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * PrometheusRule budget alerts: created once Prometheus Operator's CRD is there, kept exact, said
 * when absent.
 */
class BudgetAlertsTest {
  @Test
  void alertsAppearWhenTheCrdIsInstalledAndDriftIsCorrected() {
    AtomicBoolean installed = new AtomicBoolean(false);
    try (OperatorHarness h =
        new OperatorHarness(
            Map.of(), OperatorHarness.CLOCK, () -> new InstalledApis(installed.get(), false))) {
      h.apply("public-pilot.yaml");
      GenAIProject p = h.awaitPhase("support-copilot", "Ready");
      assertThat(condition(p, "CostAlertsReady").orElseThrow().reason).isEqualTo("NotInstalled");

      installed.set(
          true); // Prometheus Operator is installed; the next reconcile creates the alerts
      h.resyncAll(1);
      await().atMost(Duration.ofSeconds(20)).until(() -> rule(h) != null);
      PrometheusRule rule = rule(h);
      assertThat(rule.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(o -> assertThat(o.getUid()).isEqualTo(p.getMetadata().getUid()));
      assertThat(rule.getSpec().groups.toString())
          .contains("genai_project_budget_utilization_ratio{project=\"support-copilot\"} >= 0.8");
      h.awaitProject(
          "support-copilot",
          x -> "True".equals(condition(x, "CostAlertsReady").orElseThrow().status));

      rule.getSpec().groups = java.util.List.of(); // someone empties the alerts by hand
      h.client.resource(rule).update();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> rule(h).getSpec().groups.toString().contains("GenAIBudgetThreshold100"));
    }
  }

  private static PrometheusRule rule(OperatorHarness h) {
    return h.client
        .resources(PrometheusRule.class)
        .inNamespace("genai-support-copilot")
        .withName("genai-budget")
        .get();
  }
}
