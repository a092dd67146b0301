package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/** One GPU workload of the project's namespace held at zero, or that idleness would stop. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "workload",
  "endpoint",
  "reasons",
  "since",
  "gpus",
  "restore",
  "idleSince",
  "dryRun",
  "awakeUntil",
  "wake"
})
public class GpuHold {
  @JsonPropertyDescription("Kind/name, e.g. Deployment/chat.")
  public String workload;

  @JsonPropertyDescription("The model endpoint it serves, when it is the operator's.")
  public String endpoint;

  @JsonPropertyDescription(
      "Why it is held: Budget (suspended), Expired (the pilot expired), Idle. Each is lifted on"
          + " its own: waking ends Idle only.")
  public List<String> reasons = new ArrayList<>();

  @JsonPropertyDescription("Since when it is held (RFC 3339).")
  public String since;

  @JsonPropertyDescription("The GPUs it requested while running (per pod times pods).")
  public Integer gpus;

  @JsonPropertyDescription("What is brought back when nothing holds it, e.g. replicas=2.")
  public String restore;

  @JsonPropertyDescription("Since when every GPU signal was idle (the window's start).")
  public String idleSince;

  @JsonPropertyDescription("Dry run: it would be stopped for idleness, and is not.")
  public Boolean dryRun;

  @JsonPropertyDescription("Woken by the team: not stopped for idleness again before this time.")
  public String awakeUntil;

  @JsonPropertyDescription("How to wake it (idleness only).")
  public String wake;
}
