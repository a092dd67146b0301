package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** GPU admission through Kueue, from the project's ClusterQueue and its status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"usage", "queue", "resource", "flavor", "nominal", "borrowingLimit", "quota", "inUse", "borrowed",
    "admittedWorkloads", "pendingWorkloads", "stopPolicy"})
public class GpuStatus {
  @JsonPropertyDescription("GPUs in use / the most the queue can reach (nominal + borrowing limit), e.g. 1/4.")
  public String usage;

  @JsonPropertyDescription("The project's Kueue ClusterQueue.")
  public String queue;

  @JsonPropertyDescription("The resource Kueue counts (nvidia.com/gpu, a MIG profile, a DRA device class name).")
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

  @JsonPropertyDescription("None, Hold (budget throttle: nothing new admitted) or HoldAndDrain (suspended or"
      + " expired: admitted workloads evicted).")
  public String stopPolicy;
}
