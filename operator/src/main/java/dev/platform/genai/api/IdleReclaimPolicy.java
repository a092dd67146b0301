package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Idle GPUs handed back: a GPU workload of a project namespace whose every GPU signal stayed idle
 * over the whole window is scaled to zero (held, reason Idle) until its team wakes it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.window) || !has(self.longestWindow) || "
            + "duration(self.window) <= duration(self.longestWindow)",
    message = "window must not be longer than longestWindow")
public class IdleReclaimPolicy {
  static final String DURATION = "self.matches('^[1-9][0-9]{0,3}(s|m|h)$')";
  static final String DURATION_MESSAGE = " must be a duration such as 30s, 30m or 4h";

  @JsonPropertyDescription(
      "The stages whose idle GPUs are reclaimed, e.g. [Pilot]. Empty or absent: none.")
  @Size(max = 2)
  @ValidationRule(
      value = "self.all(s, s == 'Pilot' || s == 'Production')",
      message = "stages may hold Pilot and Production")
  public List<String> stages;

  @JsonPropertyDescription(
      "Say what would be stopped (status and an Event), stop nothing. Default true: set false"
          + " once the list looks right.")
  public Boolean dryRun;

  @JsonPropertyDescription(
      "How long every signal must stay idle before the GPUs are handed back. Default 30m.")
  @Size(max = 6)
  @ValidationRule(value = DURATION, message = "window" + DURATION_MESSAGE)
  public String window;

  @JsonPropertyDescription(
      "The longest window a project may ask for (spec.idleReclaim.window). Default 4h.")
  @Size(max = 6)
  @ValidationRule(value = DURATION, message = "longestWindow" + DURATION_MESSAGE)
  public String longestWindow;

  @JsonPropertyDescription(
      "A pod younger than this is never stopped (a model still loading reads idle). Default 15m.")
  @Size(max = 6)
  @ValidationRule(value = DURATION, message = "minimumRunTime" + DURATION_MESSAGE)
  public String minimumRunTime;

  @JsonPropertyDescription(
      "The longest a team's wake keeps a workload from being stopped again for idleness"
          + " (genai.platform.dev/awake-until is cut to this). Default 8h.")
  @Size(max = 6)
  @ValidationRule(value = DURATION, message = "longestSnooze" + DURATION_MESSAGE)
  public String longestSnooze;

  @JsonPropertyDescription(
      "How often DCGM exporter's series are scraped: a window with fewer than 90 % of the"
          + " samples this implies has gaps, and a gap is never idle. Default 30s.")
  @Size(max = 6)
  @ValidationRule(value = DURATION, message = "scrapeInterval" + DURATION_MESSAGE)
  public String scrapeInterval;

  @JsonPropertyDescription(
      "The thresholds for every GPU type (gpus.<type>.idle overrides them per type).")
  public IdleThresholds thresholds;

  @JsonPropertyDescription(
      "The label naming the pod's namespace on DCGM exporter's series: exported_namespace"
          + " when Prometheus scrapes the exporter without honorLabels (the default), namespace with it.")
  @Size(max = 63)
  @ValidationRule(
      value = "self.matches('^[a-zA-Z_][a-zA-Z0-9_]*$')",
      message = "dcgmNamespaceLabel must be a Prometheus label name")
  public String dcgmNamespaceLabel;

  @JsonPropertyDescription(
      "The label naming the pod on DCGM exporter's series: exported_pod (default) or pod.")
  @Size(max = 63)
  @ValidationRule(
      value = "self.matches('^[a-zA-Z_][a-zA-Z0-9_]*$')",
      message = "dcgmPodLabel must be a Prometheus label name")
  public String dcgmPodLabel;
}
