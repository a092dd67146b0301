package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * GPUs: through Kueue, from the project's ClusterQueue and its status; without Kueue, only usage
 * and resource, from the namespace's ResourceQuota.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "usage",
  "queue",
  "resource",
  "flavor",
  "nominal",
  "borrowingLimit",
  "quota",
  "inUse",
  "borrowed",
  "admittedWorkloads",
  "pendingWorkloads",
  "stopPolicy",
  "holds",
  "idleReclaim",
  "notApplied"
})
public class GpuStatus {
  @JsonPropertyDescription(
      "GPUs in use / the most the project can reach, e.g. 1/4: through Kueue, the queue's"
          + " nominal + borrowing limit; without Kueue, the ResourceQuota's GPUs requested by pods / its limit.")
  public String usage;

  @JsonPropertyDescription("The project's Kueue ClusterQueue.")
  public String queue;

  @JsonPropertyDescription(
      "The resource counted: Kueue's (nvidia.com/gpu, a MIG profile, a DRA device class name),"
          + " or without Kueue the ResourceQuota's key (requests.nvidia.com/gpu).")
  public String resource;

  @JsonPropertyDescription("The ResourceFlavor of the GPUs.")
  public String flavor;

  @JsonPropertyDescription("The GPUs the project is guaranteed (nominal quota).")
  public Integer nominal;

  @JsonPropertyDescription("The most GPUs it may borrow from its cohort.")
  public Integer borrowingLimit;

  @JsonPropertyDescription("nominal + borrowingLimit: also the ResourceQuota's GPU count.")
  public Integer quota;

  @JsonPropertyDescription("GPUs admitted workloads use now (Kueue's flavorsUsage).")
  public String inUse;

  @JsonPropertyDescription("Of those, borrowed from the cohort.")
  public String borrowed;

  @JsonPropertyDescription("Workloads admitted and not finished.")
  public Integer admittedWorkloads;

  @JsonPropertyDescription("Workloads waiting for quota.")
  public Integer pendingWorkloads;

  @JsonPropertyDescription(
      "None, Hold (budget throttle: nothing new admitted) or HoldAndDrain (suspended or"
          + " expired: admitted workloads evicted).")
  public String stopPolicy;

  @JsonPropertyDescription(
      "GPU workloads of the namespace held at zero (budget, expiry, idleness), or that idleness"
          + " would stop in a dry run: what, why, since when, what comes back.")
  public java.util.List<GpuHold> holds;

  @JsonPropertyDescription(
      "Idle reclaim in a line: off, dry run, the window, when the signals were last read, and"
          + " what it cannot see (workloads without a per-pod series).")
  public String idleReclaim;

  @JsonPropertyDescription(
      "A hold the API server refused this time (the workload, its answer); retried within a minute.")
  public String notApplied;
}
