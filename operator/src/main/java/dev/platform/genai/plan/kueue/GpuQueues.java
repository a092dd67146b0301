package dev.platform.genai.plan.kueue;

import dev.platform.genai.model.GpuQueue;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.plan.finops.BudgetDecision;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.values.Quantities.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's Kueue queues, decided from the granted quota, the policy and the budget. One rule
 * keeps caps and money honest: nominal + borrowing limit never exceed the stage cap nor the GPUs
 * the budget affords for a month; the ResourceQuota backstop holds that same ceiling. Only GPUs are
 * borrowed (CPU and memory: borrowing limit 0), so the budget-at-risk forecast, which prices the
 * granted quota, prices no more than the queue can reach.
 */
public final class GpuQueues {
  private GpuQueues() {}

  public static final String PREFIX = "genai-";

  /** The ClusterQueue's name: genai-&lt;project&gt;. */
  public static String name(String project) {
    return PREFIX + project;
  }

  /**
   * @param granted the model with the granted quota (before any budget throttle)
   * @param apiVersion the Kueue API version served
   * @param enforcement the budget's enforcement: Hold on throttle, HoldAndDrain on suspension or
   *     expiry
   */
  public static GpuQueue of(
      ProjectModel granted,
      PlatformPolicy policy,
      String apiVersion,
      BudgetDecision.Enforcement enforcement) {
    PlatformPolicy.StageQueues stage = policy.kueue().stages().get(granted.stage());
    boolean cohort = stage.inCohort();
    int nominal = granted.quota().gpus();
    int ceiling = ceiling(granted, policy);
    List<GpuQueue.ResourceGroup> groups = new ArrayList<>();
    List<GpuQueue.ResourceQuota> base = new ArrayList<>();
    base.add(quota("cpu", granted.quota().cpu(), cohort, stage.lendPercent()));
    base.add(quota("memory", granted.quota().memory(), cohort, stage.lendPercent()));
    String gpuResource = granted.gpu().kueueResource();
    GpuQueue.ResourceQuota gpus =
        new GpuQueue.ResourceQuota(
            gpuResource,
            String.valueOf(nominal),
            cohort ? String.valueOf(ceiling - nominal) : null,
            cohort && stage.lendPercent() < 100
                ? String.valueOf(nominal * stage.lendPercent() / 100)
                : null);
    String defaultFlavor = policy.kueue().defaultFlavor();
    if (granted
        .gpu()
        .flavor()
        .equals(defaultFlavor)) { // a flavor may appear in one resource group only
      base.add(gpus);
      groups.add(new GpuQueue.ResourceGroup(defaultFlavor, base));
    } else {
      groups.add(new GpuQueue.ResourceGroup(defaultFlavor, base));
      groups.add(new GpuQueue.ResourceGroup(granted.gpu().flavor(), List.of(gpus)));
    }
    String stop =
        enforcement.endpointsOff() ? "HoldAndDrain" : enforcement.gpusOff() ? "Hold" : "None";
    return new GpuQueue(
        apiVersion,
        name(granted.name()),
        cohort ? stage.cohort() : null,
        groups,
        stage.reclaimWithinCohort(),
        stop,
        policy.kueue().podIntegration());
  }

  /**
   * The most GPUs the project's queue may reach: nominal, plus (when the stage borrows in a cohort)
   * up to the stage cap and what the budget affords for a month — never fewer than nominal.
   */
  static int ceiling(ProjectModel granted, PlatformPolicy policy) {
    PlatformPolicy.StageQueues stage = policy.kueue().stages().get(granted.stage());
    int nominal = granted.quota().gpus();
    if (!stage.inCohort() || !stage.borrow()) {
      return nominal;
    }
    int cap = policy.cap(granted.stage()).gpus();
    return Math.max(nominal, Math.min(cap, granted.budget().affordableGpus()));
  }

  private static GpuQueue.ResourceQuota quota(
      String name, Quantity nominal, boolean cohort, int lendPercent) {
    String lend = null;
    if (cohort && lendPercent < 100) {
      BigDecimal v =
          nominal
              .value()
              .multiply(BigDecimal.valueOf(lendPercent))
              .divide(BigDecimal.valueOf(100), name.equals("cpu") ? 3 : 0, RoundingMode.FLOOR);
      lend = new Quantity(v, nominal.binary()).canonical();
    }
    return new GpuQueue.ResourceQuota(name, nominal.canonical(), cohort ? "0" : null, lend);
  }
}
