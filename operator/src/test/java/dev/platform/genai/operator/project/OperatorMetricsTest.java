package dev.platform.genai.operator.project;

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
        .contains(
            "genai_project_spend_month_to_date{cost_center=\"cc-4410\",currency=\"EUR\",project=\"support-copilot\"} 600.0")
        .contains(
            "genai_project_kpi_cost_per_unit{currency=\"EUR\",kpi=\"handling-time-minutes\",project=\"support-copilot\"} 200.0")
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
        .contains(
            "genai_project_spend_by_source_month_to_date{attribution=\"Exact\",cost_center=\"cc-3105\","
                + "currency=\"EUR\",project=\"contract-assistant\",source=\"in_cluster\"} 202.54")
        .contains(
            "genai_project_spend_by_source_month_to_date{attribution=\"Shared\",cost_center=\"cc-3105\","
                + "currency=\"EUR\",project=\"contract-assistant\",source=\"managed\"} 53.28")
        .contains(
            "genai_project_spend_month_to_date{cost_center=\"cc-3105\",currency=\"EUR\","
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

  /**
   * Every phase a project can be in has its series: the list was a copy of Phase that had lost
   * PromotionPending.
   */
  @Test
  void everyPhaseHasItsSeries() {
    String scrape = new OperatorMetrics().scrape();
    for (dev.platform.genai.vocabulary.Phase phase : dev.platform.genai.vocabulary.Phase.values()) {
      assertThat(scrape).contains("genai_projects{phase=\"" + phase.name() + "\"}");
    }
  }

  /**
   * Projects written from many reconcile threads at once: every series ends at the value written
   * last, and no row is registered twice. (Micrometer's MultiGauge.register updates its rows in an
   * AtomicReference.getAndUpdate, which runs the update again when another thread won the race:
   * registering the same gauge twice, "This Gauge has been already registered", and the newer value
   * ignored.)
   */
  @Test
  void concurrentReconcilesLeaveNoSeriesStale() throws Exception {
    ch.qos.logback.classic.Logger micrometer =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger("io.micrometer.core.instrument.MeterRegistry");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    micrometer.addAppender(logged);
    OperatorMetrics metrics = new OperatorMetrics();
    int threads = 8;
    int rounds = 300;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int r = 0; r <= rounds; r++) {
                  var p = Samples.project("public-pilot.yaml");
                  p.getMetadata().setName("p" + thread);
                  var s = new dev.platform.genai.api.GenAIProjectStatus();
                  s.phase = "Ready";
                  s.namespace = "genai-p" + thread;
                  s.quota = new dev.platform.genai.api.GrantedQuota(r, "1", "1Gi");
                  metrics.project(p, s);
                }
                return null;
              }));
    }
    start.countDown();
    for (var f : done) {
      f.get();
    }
    pool.shutdown();
    micrometer.detachAppender(logged);
    assertThat(logged.list)
        .extracting(e -> e.getFormattedMessage())
        .noneMatch(m -> m.contains("already registered"));
    String scrape = metrics.scrape();
    for (int t = 0; t < threads; t++) {
      assertThat(scrape)
          .as("thread %d's last value", t)
          .contains(
              "genai_project_gpu_quota{project=\"p"
                  + t
                  + "\",project_namespace=\"genai-p"
                  + t
                  + "\"} "
                  + rounds
                  + ".0");
    }
  }
}
