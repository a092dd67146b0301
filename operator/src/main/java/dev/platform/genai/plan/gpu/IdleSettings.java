package dev.platform.genai.plan.gpu;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.policy.IdleReclaim;
import dev.platform.genai.values.Stage;
import java.time.Duration;
import java.util.Optional;

/**
 * Idle reclaim for one project: the policy's for its stage and GPU type, with the window it asked
 * for (longer only, up to the policy's longest).
 *
 * @param on whether its stage's idle GPUs are reclaimed
 * @param dryRun say, stop nothing
 * @param window how long every signal must stay idle
 * @param minimumRunTime a pod younger than this is never stopped
 * @param longestSnooze the longest a wake holds off the next stop
 * @param scrapeInterval DCGM exporter's scrape interval
 * @param thresholds for the project's GPU type
 * @param dcgmNamespaceLabel the namespace label on DCGM exporter's series
 * @param dcgmPodLabel the pod label on them
 */
public record IdleSettings(
    boolean on,
    boolean dryRun,
    Duration window,
    Duration minimumRunTime,
    Duration longestSnooze,
    Duration scrapeInterval,
    IdleReclaim.Thresholds thresholds,
    String dcgmNamespaceLabel,
    String dcgmPodLabel) {

  public static final IdleSettings OFF = of(IdleReclaim.OFF, Stage.Pilot, null, null);

  public static IdleSettings of(
      IdleReclaim policy, Stage stage, String gpuType, GenAIProject project) {
    Duration asked =
        project == null || project.getSpec() == null || project.getSpec().idleReclaim == null
            ? null
            : IdleReclaim.parse(project.getSpec().idleReclaim.window);
    Duration window =
        asked == null || asked.compareTo(policy.window()) < 0 ? policy.window() : asked;
    if (window.compareTo(policy.longestWindow()) > 0) {
      window = policy.longestWindow();
    }
    return new IdleSettings(
        policy.on(stage),
        policy.dryRun(),
        window,
        policy.minimumRunTime(),
        policy.longestSnooze(),
        policy.scrapeInterval(),
        policy.thresholds(gpuType),
        policy.dcgmNamespaceLabel(),
        policy.dcgmPodLabel());
  }

  /**
   * Why the project's spec.idleReclaim cannot be taken (a window shorter than the policy's, or
   * longer than its longest), or empty.
   */
  public static Optional<String> refusal(GenAIProject project, IdleReclaim policy) {
    if (project.getSpec() == null || project.getSpec().idleReclaim == null) {
      return Optional.empty();
    }
    Duration asked = IdleReclaim.parse(project.getSpec().idleReclaim.window);
    if (asked == null) {
      return Optional.empty(); // the CRD's rule says what is wrong with it
    }
    if (asked.compareTo(policy.window()) < 0 || asked.compareTo(policy.longestWindow()) > 0) {
      return Optional.of(
          project.getSpec().idleReclaim.window
              + " is outside what the cluster policy allows ("
              + IdleReclaim.format(policy.window())
              + " to "
              + IdleReclaim.format(policy.longestWindow())
              + "): a project may ask for less idle reclaim, never more");
    }
    return Optional.empty();
  }

  /** The samples of a whole window, at 90 % (a scrape missed here and there is no gap). */
  public long samplesNeeded() {
    return Math.max(1, window.toSeconds() * 9 / (scrapeInterval.toSeconds() * 10));
  }
}
