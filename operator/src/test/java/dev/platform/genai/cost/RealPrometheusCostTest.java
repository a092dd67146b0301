package dev.platform.genai.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.vocabulary.Reason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's spend queries evaluated by a real Prometheus (2.42, Debian's package) over
 * OpenCost-shaped history backfilled with promtool — OpenCost's own metric and label names: {@code
 * node_{cpu,ram,gpu}_hourly_cost} per node, {@code container_{cpu,memory_bytes,gpu}_allocation} per
 * container with namespace and node, the GPU one only for containers that request GPUs. Each
 * expected figure is computed by hand from the same history: the cost of each hour mark since the
 * first of the month (the documented precision, one hour).
 */
class RealPrometheusCostTest {
  static final Instant OCT_25 = Instant.parse("2026-10-25T00:00:00Z");
  static final Instant NOV_10 = Instant.parse("2026-11-10T00:00:00Z");

  /**
   * Whole-month containers start just before the month, so every hour mark of November sees them.
   */
  static final Instant BEFORE_MONTH = Instant.parse("2026-10-31T23:32:00Z");

  static final double GIB = 1073741824d;
  static RealPrometheus prometheus;
  static CostEvaluator evaluator;

  @BeforeAll
  static void start() throws Exception {
    RealPrometheus.assumeInstalled();
    RealPrometheus.History h = new RealPrometheus.History();
    // prices: a CPU node (its GPU price 0), a GPU node
    h.constant(
        "node_cpu_hourly_cost",
        "node=\"n1\",instance_type=\"e2-standard-8\"",
        0.033,
        OCT_25,
        NOV_10);
    h.constant(
        "node_ram_hourly_cost",
        "node=\"n1\",instance_type=\"e2-standard-8\"",
        0.0045,
        OCT_25,
        NOV_10);
    h.constant(
        "node_gpu_hourly_cost", "node=\"n1\",instance_type=\"e2-standard-8\"", 0, OCT_25, NOV_10);
    h.constant(
        "node_cpu_hourly_cost",
        "node=\"g1\",instance_type=\"g2-standard-8\"",
        0.05,
        OCT_25,
        NOV_10);
    h.constant(
        "node_ram_hourly_cost",
        "node=\"g1\",instance_type=\"g2-standard-8\"",
        0.006,
        OCT_25,
        NOV_10);
    h.constant(
        "node_gpu_hourly_cost", "node=\"g1\",instance_type=\"g2-standard-8\"", 2.5, OCT_25, NOV_10);
    // a GPU namespace: 1 GPU, 4 CPU, 16 GiB on g1 all month
    String gpu = "namespace=\"genai-gpu\",pod=\"server-0\",container=\"server\",node=\"g1\"";
    h.constant("container_gpu_allocation", gpu, 1, BEFORE_MONTH, NOV_10);
    h.constant("container_cpu_allocation", gpu, 4, BEFORE_MONTH, NOV_10);
    h.constant("container_memory_allocation_bytes", gpu, 16 * GIB, BEFORE_MONTH, NOV_10);
    // a CPU-only namespace: no container_gpu_allocation series at all
    String cpu = "namespace=\"genai-cpu\",pod=\"app-0\",container=\"app\",node=\"n1\"";
    h.constant("container_cpu_allocation", cpu, 2, BEFORE_MONTH, NOV_10);
    h.constant("container_memory_allocation_bytes", cpu, 4 * GIB, BEFORE_MONTH, NOV_10);
    // a GPU request on a node whose GPU price is 0
    String free = "namespace=\"genai-free-gpu\",pod=\"x-0\",container=\"x\",node=\"n1\"";
    h.constant("container_gpu_allocation", free, 1, BEFORE_MONTH, NOV_10);
    h.constant("container_cpu_allocation", free, 1, BEFORE_MONTH, NOV_10);
    // started mid-month, ran 24 hours, stopped: 1 CPU from Nov 2 10:02 to Nov 3 10:02
    String mid = "namespace=\"genai-mid\",pod=\"job-0\",container=\"job\",node=\"n1\"";
    h.constant(
        "container_cpu_allocation",
        mid,
        1,
        Instant.parse("2026-11-02T10:02:00Z"),
        Instant.parse("2026-11-03T10:02:00Z"));
    // ran half an hour between two hour marks: 8 CPU from Nov 2 10:12 to 10:42
    String brief = "namespace=\"genai-brief\",pod=\"job-0\",container=\"job\",node=\"n1\"";
    h.constant(
        "container_cpu_allocation",
        brief,
        8,
        Instant.parse("2026-11-02T10:12:00Z"),
        Instant.parse("2026-11-02T10:42:00Z"));
    // last month only: ran in October, nothing in November
    String october = "namespace=\"genai-october\",pod=\"a-0\",container=\"a\",node=\"n1\"";
    h.constant(
        "container_cpu_allocation", october, 4, OCT_25, Instant.parse("2026-10-31T12:00:00Z"));
    // on a node OpenCost has no price for
    String unpriced = "namespace=\"genai-unpriced\",pod=\"a-0\",container=\"a\",node=\"n9\"";
    h.constant("container_cpu_allocation", unpriced, 2, BEFORE_MONTH, NOV_10);
    // OpenCost scraped without honor_labels: Prometheus keeps its target's namespace (opencost) and
    // moves the
    // allocation's to exported_namespace
    String relabelled =
        "namespace=\"opencost\",exported_namespace=\"genai-relabelled\",pod=\"a-0\","
            + "container=\"a\",node=\"n1\"";
    h.constant("container_cpu_allocation", relabelled, 4, BEFORE_MONTH, NOV_10);
    prometheus = RealPrometheus.start(h);
    evaluator =
        new CostEvaluator(new PrometheusApi(URI.create(prometheus.url())), Duration.ofMinutes(10));
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  static CostReading read(String namespace, String now) {
    GenAIProject p = Samples.project("public-pilot.yaml"); // no status: an evaluation is due
    return evaluator.read(p, namespace, Instant.parse(now));
  }

  static BigDecimal money(double v) {
    return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP);
  }

  static BigDecimal money(BigDecimal v) {
    return v.setScale(4, RoundingMode.HALF_UP);
  }

  /** Nov 4 00:00: 72 hour marks since Nov 1 00:00 (00:00 Nov 1 to 23:00 Nov 3). */
  static final String NOV_4 = "2026-11-04T00:00:00Z";

  @Test
  void aGpuNamespacePaysItsGpuCpuAndMemory() {
    CostReading r = read("genai-gpu", NOV_4);
    assertThat(r.state()).isEqualTo(CostReading.State.EVALUATED);
    assertThat(r.coverage()).as("OpenCost's data covers every mark").isEqualByComparingTo("1");
    double hourly = 1 * 2.5 + 4 * 0.05 + 16 * 0.006; // 2.796
    assertThat(money(r.hourly())).isEqualTo(money(hourly));
    assertThat(money(r.monthToDate())).isEqualTo(money(72 * hourly)); // 201.312
  }

  @Test
  void aCpuOnlyNamespacePaysItsCpuAndMemoryNotZero() {
    CostReading r = read("genai-cpu", NOV_4);
    double hourly = 2 * 0.033 + 4 * 0.0045; // 0.084
    assertThat(money(r.hourly())).isEqualTo(money(hourly));
    assertThat(money(r.monthToDate())).isEqualTo(money(72 * hourly)); // 6.048
  }

  @Test
  void aGpuOnANodeWhoseGpuPriceIsZeroCostsItsCpu() {
    CostReading r = read("genai-free-gpu", NOV_4);
    assertThat(money(r.monthToDate())).isEqualTo(money(72 * 0.033));
  }

  @Test
  void aPodThatStartedMidMonthAndStoppedPaysItsHours() {
    // hour marks Nov 2 11:00 .. Nov 3 10:00 see it: 24 hours of 1 CPU
    assertThat(money(read("genai-mid", NOV_4).monthToDate())).isEqualTo(money(24 * 0.033));
    assertThat(money(read("genai-mid", NOV_4).hourly())).as("stopped now").isEqualTo(money(0));
  }

  @Test
  void aPodThatRanLessThanAnHourBetweenTwoMarksIsNotCounted() {
    // the documented precision: the hour mark at 11:00 is 18 minutes after it stopped (lookback 5
    // minutes)
    assertThat(money(read("genai-brief", NOV_4).monthToDate())).isEqualTo(money(0));
  }

  @Test
  void aNamespaceWithNoUsageYetIsZeroNotAnError() {
    CostReading r = read("genai-new", NOV_4);
    assertThat(r.state()).isEqualTo(CostReading.State.EVALUATED);
    assertThat(money(r.monthToDate())).isEqualTo(money(0));
  }

  @Test
  void theMonthRollsOver() {
    assertThat(money(read("genai-october", NOV_4).monthToDate()))
        .as("October's spend is not November's")
        .isEqualTo(money(0));
    // 10 minutes into November: the hour in progress counts for the 10 minutes that passed, at the
    // cost sampled
    // at its start (2.796 an hour), not as a whole hour (black-box finding)
    assertThat(money(read("genai-gpu", "2026-11-01T00:10:00Z").monthToDate()))
        .isEqualTo(money(2.796 / 6));
    // 01:30: the first hour whole (its mark), half of the second
    assertThat(money(read("genai-gpu", "2026-11-01T01:30:00Z").monthToDate()))
        .isEqualTo(money(2.796 * 1.5));
    assertThat(money(read("genai-gpu", "2026-11-01T00:00:00Z").monthToDate()))
        .as("at the first second")
        .isEqualTo(money(0));
  }

  /**
   * OpenCost was down for 11 hour marks (Nov 2 01:00–11:00): the figures cover 61 of the 72 marks;
   * they are kept, and the reading says how much of the month they rest on (a retention shorter
   * than the month shows the same way).
   */
  @Test
  void aGapInTheDataIsReportedAsTheShareTheFiguresCover() throws Exception {
    Instant gapFrom = Instant.parse("2026-11-02T00:01:00Z");
    Instant gapTo = Instant.parse("2026-11-02T12:00:00Z");
    RealPrometheus.History h = new RealPrometheus.History();
    h.constant("node_cpu_hourly_cost", "node=\"n1\"", 0.033, OCT_25, gapFrom);
    h.constant("node_cpu_hourly_cost", "node=\"n1\"", 0.033, gapTo, NOV_10);
    String cpu = "namespace=\"genai-gap\",pod=\"app-0\",container=\"app\",node=\"n1\"";
    h.constant("container_cpu_allocation", cpu, 2, BEFORE_MONTH, NOV_10);
    try (RealPrometheus gappy = RealPrometheus.start(h)) {
      CostReading r =
          new CostEvaluator(new PrometheusApi(URI.create(gappy.url())), Duration.ofMinutes(10))
              .read(Samples.project("public-pilot.yaml"), "genai-gap", Instant.parse(NOV_4));
      assertThat(r.state()).isEqualTo(CostReading.State.EVALUATED);
      assertThat(r.coverage()).isEqualByComparingTo("0.8472"); // 61 / 72, floored
      assertThat(money(r.monthToDate())).isEqualTo(money(61 * 2 * 0.033));
    }
  }

  @Test
  void allocationsOnANodeWithoutAPriceAreMissingPricesNotAZero() {
    CostReading r = read("genai-unpriced", NOV_4);
    assertThat(r.state()).isEqualTo(CostReading.State.FAILED);
    assertThat(r.reason()).isEqualTo(Reason.MissingPrices);
    assertThat(r.message())
        .contains("1 allocation series of genai-unpriced are on nodes OpenCost has no price for");
  }

  /**
   * Black-box finding: OpenCost scraped without honor_labels read 0.00 spent with
   * CostTrackingReady=True. The series are there under exported_namespace: the evaluation says so
   * and reports no figure.
   */
  @Test
  void openCostScrapedWithoutHonorLabelsIsReportedNotReadAsZero() {
    CostReading r = read("genai-relabelled", NOV_4);
    assertThat(r.state()).isEqualTo(CostReading.State.FAILED);
    assertThat(r.reason()).hasToString("OpenCostRelabelled");
    assertThat(r.message()).contains("exported_namespace").contains("honor_labels: true");
    assertThat(r.monthToDate()).isNull();
  }
}
