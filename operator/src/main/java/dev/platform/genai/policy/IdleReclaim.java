package dev.platform.genai.policy;

import dev.platform.genai.api.IdleReclaimPolicy;
import dev.platform.genai.api.IdleThresholds;
import dev.platform.genai.values.Stage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Idle reclaim as the policy sets it, resolved: every value present.
 *
 * @param stages where idle GPUs are handed back (empty: nowhere)
 * @param dryRun say what would stop, stop nothing
 * @param window how long every signal must stay idle
 * @param longestWindow the longest window a project may ask for
 * @param minimumRunTime a pod younger than this is never stopped
 * @param longestSnooze the longest a wake keeps a workload from being stopped again
 * @param scrapeInterval DCGM exporter's scrape interval (the samples a whole window must have)
 * @param thresholds for every GPU type
 * @param byGpuType over {@code thresholds}, per spec.resources.gpuType
 * @param dcgmNamespaceLabel the namespace label on DCGM exporter's series
 * @param dcgmPodLabel the pod label on DCGM exporter's series
 */
public record IdleReclaim(
    Set<Stage> stages,
    boolean dryRun,
    Duration window,
    Duration longestWindow,
    Duration minimumRunTime,
    Duration longestSnooze,
    Duration scrapeInterval,
    Thresholds thresholds,
    Map<String, Thresholds> byGpuType,
    String dcgmNamespaceLabel,
    String dcgmPodLabel) {

  public IdleReclaim {
    stages = stages.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(stages));
    byGpuType = Map.copyOf(byGpuType);
  }

  /**
   * The highest readings over a window that still count as idle.
   *
   * @param utilizationPercent DCGM_FI_DEV_GPU_UTIL, 0-100
   * @param engineActive DCGM_FI_PROF_GR_ENGINE_ACTIVE, 0-1
   * @param powerWatts DCGM_FI_DEV_POWER_USAGE, or null: power is not a signal
   */
  public record Thresholds(int utilizationPercent, BigDecimal engineActive, Integer powerWatts) {
    Thresholds over(IdleThresholds t) {
      return t == null
          ? this
          : new Thresholds(
              t.utilizationPercent == null ? utilizationPercent : t.utilizationPercent,
              t.engineActive == null ? engineActive : new BigDecimal(t.engineActive),
              t.powerWatts == null ? powerWatts : t.powerWatts);
    }
  }

  public static final Thresholds DEFAULT_THRESHOLDS =
      new Thresholds(1, new BigDecimal("0.01"), null);

  /** No GenAIPlatformPolicy idleReclaim: nothing is reclaimed. */
  public static final IdleReclaim OFF =
      new IdleReclaim(
          Set.of(),
          true,
          Duration.ofMinutes(30),
          Duration.ofHours(4),
          Duration.ofMinutes(15),
          Duration.ofHours(8),
          Duration.ofSeconds(30),
          DEFAULT_THRESHOLDS,
          Map.of(),
          "exported_namespace",
          "exported_pod");

  public boolean on(Stage stage) {
    return stages.contains(stage);
  }

  /** The thresholds for a GPU type (null: the policy's). */
  public Thresholds thresholds(String gpuType) {
    return gpuType == null ? thresholds : byGpuType.getOrDefault(gpuType, thresholds);
  }

  /** spec.idleReclaim resolved over the defaults; per-type thresholds from spec.gpus.*.idle. */
  static IdleReclaim resolve(
      IdleReclaimPolicy p, Map<String, IdleThresholds> perType, List<String> problems) {
    if (p == null) {
      return OFF;
    }
    IdleReclaim d = OFF;
    Set<Stage> stages = EnumSet.noneOf(Stage.class);
    if (p.stages != null) {
      for (String s : p.stages) {
        try {
          stages.add(Stage.valueOf(s));
        } catch (IllegalArgumentException e) {
          problems.add("spec.idleReclaim.stages: " + s + " is not a stage (Pilot, Production)");
        }
      }
    }
    Thresholds base = d.thresholds().over(p.thresholds);
    Map<String, Thresholds> byType = new TreeMap<>();
    perType.forEach((type, t) -> byType.put(type, base.over(t)));
    return new IdleReclaim(
        stages,
        p.dryRun == null || p.dryRun,
        duration(p.window, d.window(), "window", problems),
        duration(p.longestWindow, d.longestWindow(), "longestWindow", problems),
        duration(p.minimumRunTime, d.minimumRunTime(), "minimumRunTime", problems),
        duration(p.longestSnooze, d.longestSnooze(), "longestSnooze", problems),
        duration(p.scrapeInterval, d.scrapeInterval(), "scrapeInterval", problems),
        base,
        byType,
        p.dcgmNamespaceLabel == null ? d.dcgmNamespaceLabel() : p.dcgmNamespaceLabel,
        p.dcgmPodLabel == null ? d.dcgmPodLabel() : p.dcgmPodLabel);
  }

  /** 30s, 30m, 4h (what the CRD admits); null keeps the default. */
  public static Duration parse(String text) {
    if (text == null || !text.matches("^[1-9][0-9]{0,3}(s|m|h)$")) {
      return null;
    }
    long n = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /** A duration the way the policy's fields are written (30m, 4h, 90s). */
  public static String format(Duration d) {
    long s = d.toSeconds();
    return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  private static Duration duration(
      String text, Duration fallback, String field, List<String> problems) {
    if (text == null) {
      return fallback;
    }
    Duration d = parse(text);
    if (d == null) {
      problems.add("spec.idleReclaim." + field + ": " + text + " is not a duration such as 30m");
      return fallback;
    }
    return d;
  }
}
