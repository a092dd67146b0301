package dev.platform.genai.plan.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.GpuHold;
import dev.platform.genai.plan.finops.BudgetDecision.Enforcement;
import dev.platform.genai.plan.gpu.GpuActivity.PodSignals;
import dev.platform.genai.plan.gpu.GpuWorkload.Kind;
import dev.platform.genai.plan.gpu.GpuWorkload.PodState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** What no input may make idle reclaim do. */
class GpuStopsPropertiesTest {

  /**
   * Signals with some activity in the window: one signal above its threshold (traffic only where
   * the workload serves), the rest anything.
   */
  @Provide
  Arbitrary<PodSignals> active() {
    return activeOn(4);
  }

  /** The same without traffic: a team's own workload has no vLLM counters. */
  @Provide
  Arbitrary<PodSignals> activeGpu() {
    return activeOn(3);
  }

  private Arbitrary<PodSignals> activeOn(int signals) {
    Arbitrary<BigDecimal> util =
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(100)).ofScale(2);
    Arbitrary<BigDecimal> ratio =
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.ONE).ofScale(4);
    Arbitrary<BigDecimal> watts =
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(700)).ofScale(1);
    Arbitrary<BigDecimal> count =
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(50)).ofScale(0);
    Arbitrary<PodSignals> any =
        Combinators.combine(
                util,
                Arbitraries.longs().between(0, 200),
                ratio.injectNull(0.3),
                watts.injectNull(0.3),
                count.injectNull(0.3),
                count.injectNull(0.3))
            .as(PodSignals::new);
    return Combinators.combine(
            any, Arbitraries.integers().between(0, signals - 1), util, ratio, watts, count)
        .as(
            (s, which, u, r, w, c) ->
                switch (which) {
                  case 0 ->
                      new PodSignals(
                          u.max(new BigDecimal("1.01")),
                          s.utilizationSamples(),
                          s.engineActiveMax(),
                          s.powerMax(),
                          s.requestsRunningMax(),
                          s.requestsFinished());
                  case 1 ->
                      new PodSignals(
                          s.utilizationMax(),
                          s.utilizationSamples(),
                          r.max(new BigDecimal("0.0101")),
                          s.powerMax(),
                          s.requestsRunningMax(),
                          s.requestsFinished());
                  case 2 ->
                      new PodSignals(
                          s.utilizationMax(),
                          s.utilizationSamples(),
                          s.engineActiveMax(),
                          w.max(new BigDecimal("20.1")),
                          s.requestsRunningMax(),
                          s.requestsFinished());
                  default ->
                      new PodSignals(
                          s.utilizationMax(),
                          s.utilizationSamples(),
                          s.engineActiveMax(),
                          s.powerMax(),
                          s.requestsRunningMax(),
                          c.max(BigDecimal.ONE));
                });
  }

  @Property(tries = 2000)
  void nothingWithAnyActivityInTheWindowIsEverStopped(
      @ForAll("active") PodSignals busyEndpoint,
      @ForAll("activeGpu") PodSignals busyGpu,
      @ForAll boolean endpoint,
      @ForAll boolean dryRun,
      @ForAll @IntRange(min = 1, max = 8) int replicas,
      @ForAll @LongRange(min = 0, max = 600) long ageMinutes) {
    IdleSettings idle = GpuStopsTest.idle(dryRun, 20);
    GpuWorkload w =
        new GpuWorkload(
            Kind.Deployment,
            "w",
            endpoint ? "w" : null,
            1,
            false,
            replicas,
            false,
            Map.of(),
            List.of(
                new PodState(
                    "w-1",
                    "Running",
                    true,
                    GpuStopsTest.NOW.minus(Duration.ofMinutes(ageMinutes)))));
    GpuStops s =
        GpuStops.decide(
            GpuStopsTest.NS,
            idle,
            Enforcement.NONE,
            List.of(w),
            GpuActivity.read(
                GpuStopsTest.NOW, idle.window(), Map.of("w-1", endpoint ? busyEndpoint : busyGpu)),
            List.of(),
            GpuStopsTest.NOW);
    assertThat(s.stops()).isEmpty();
    assertThat(s.heldEndpoints()).isEmpty();
  }

  @Property(tries = 1000)
  void moneyIsGpuHoursTimesThePriceToTheCent(
      @ForAll @IntRange(min = 1, max = 16) int gpus,
      @ForAll @LongRange(min = 1, max = 30 * 24 * 3600) long seconds,
      @ForAll @IntRange(min = 1, max = 2000) int cents) {
    BigDecimal price = BigDecimal.valueOf(cents, 2);
    GpuHold h = new GpuHold();
    h.workload = "Deployment/w";
    h.reasons.add("Idle");
    h.gpus = gpus;
    java.time.Instant start = java.time.Instant.parse("2026-12-01T00:00:00Z");
    h.since = start.toString();
    BudgetStatus b = new BudgetStatus();
    GpuStops.count(b, List.of(h), price, start.plusSeconds(seconds));
    BigDecimal exact =
        BigDecimal.valueOf(seconds * gpus)
            .multiply(price)
            .divide(BigDecimal.valueOf(3600), 20, RoundingMode.HALF_UP);
    assertThat(b.idleGpuSeconds).isEqualTo(seconds * gpus);
    assertThat(new BigDecimal(b.idleSaved))
        .isEqualTo(
            BigDecimal.valueOf(seconds * gpus)
                .multiply(price)
                .divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP));
    assertThat(new BigDecimal(b.idleSaved).subtract(exact).abs())
        .isLessThanOrEqualTo(new BigDecimal("0.005"));
  }
}
