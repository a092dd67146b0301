package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed and did, the last time it reconciled the project. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "phase",
  "observedGeneration",
  "namespace",
  "quota",
  "gpu",
  "conditions",
  "approval",
  "endpointsReady",
  "endpoints",
  "cloudAccess",
  "budget",
  "kpis",
  "pilotExpiresAt",
  "promotion"
})
public class GenAIProjectStatus {
  @JsonPropertyDescription(
      "Provisioning, Ready, PendingApproval, PromotionPending, Throttled, Suspended, Expired,"
          + " Failed (a condition says what to fix) or Terminating.")
  public String phase;

  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("The project's namespace.")
  public String namespace;

  @JsonPropertyDescription(
      "The quota the namespace was given: the request, capped by cluster policy.")
  public GrantedQuota quota;

  @JsonPropertyDescription(
      "Ready, plus one condition per part of the environment (NamespaceReady, AccessReady,"
          + " QuotaReady, GuardrailsReady, ...), following Kubernetes conventions.")
  public List<ProjectCondition> conditions = new ArrayList<>();

  @JsonPropertyDescription(
      "The compliance approval gate: the digest to approve and the approval in force.")
  public ApprovalStatus approval;

  @JsonPropertyDescription("Ready endpoints / endpoints in spec.models, e.g. 1/2.")
  public String endpointsReady;

  @JsonPropertyDescription("The model endpoints: URL, readiness and why not.")
  public List<EndpointStatus> endpoints;

  @JsonPropertyDescription(
      "The Google Cloud IAM members this operator added for the project (a record of what was"
          + " applied outside the cluster, removed on deletion).")
  public CloudAccessStatus cloudAccess;

  @JsonPropertyDescription(
      "GPUs in use against what the project may reach: through Kueue where installed (the"
          + " project's ClusterQueue, workloads admitted and pending), otherwise from the namespace's ResourceQuota.")
  public GpuStatus gpu;

  @JsonPropertyDescription(
      "Spend against the budget: month to date, forecast, utilization (from OpenCost metrics).")
  public BudgetStatus budget;

  @JsonPropertyDescription("Current values of the KPIs that have a query.")
  public List<KpiStatus> kpis;

  @JsonPropertyDescription(
      "The pilot's expiry as last seen in spec.expiresAt (a record: a held promotion keeps"
          + " running as a Pilot until it).")
  public String pilotExpiresAt;

  @JsonPropertyDescription(
      "The Pilot→Production gate: held with its checklist, or the record of the promotion.")
  public PromotionStatus promotion;

  @JsonPropertyDescription(
      "Data residency, where the policy or the spec asks for it: the allowed locations and"
          + " where each endpoint is (condition ResidencyCompliant).")
  public ResidencyStatus residency;
}
