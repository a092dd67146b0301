package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** Cluster-wide guardrails. Every field is optional; an absent one takes the built-in default. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GenAIPlatformPolicySpec {
  @JsonPropertyDescription(
      "Prefix of project namespace names (at most 16 characters). Default: genai-.")
  @Size(max = 16)
  @ValidationRule(
      value = "self.matches('^[a-z]([-a-z0-9]{0,15})?$')",
      message =
          "namespacePrefix must start with a lower-case letter and contain only lower-case letters,"
              + " digits and '-' (at most 16 characters)")
  public String namespacePrefix;

  @JsonPropertyDescription(
      "Most a project may get per stage. Defaults: 4 GPUs, 32 CPU, 128Gi for a Pilot;"
          + " 16 GPUs, 128 CPU, 512Gi for Production.")
  public StageCapsPolicy caps;

  @JsonPropertyDescription(
      "CPU and memory quota of a project that does not ask (default 4 CPU, 16Gi), and the"
          + " LimitRange defaults for containers.")
  public DefaultsPolicy defaults;

  @JsonPropertyDescription(
      "Pod Security Standard level enforced per data classification. Defaults: baseline"
          + " for Public and Internal, restricted for Confidential and Restricted.")
  public PodSecurityPolicy podSecurity;

  @JsonPropertyDescription(
      "Network guardrails: which namespaces may reach projects, and where Confidential and"
          + " Restricted projects may send traffic.")
  public NetworkPolicySettings network;

  @JsonPropertyDescription(
      "Google Cloud access: which projects and roles a GenAIProject may ask for.")
  public CloudAccessPolicy cloud;

  @JsonPropertyDescription(
      "FinOps: the cluster's currency, prices for the budget-at-risk forecast, and what a"
          + " budget at risk gets.")
  public FinOpsPolicy finops;

  @JsonPropertyDescription(
      "Model endpoints: the runtime and provider catalog, and what each data classification"
          + " may use.")
  public ModelsPolicy models;

  @JsonPropertyDescription(
      "The Pilot→Production gate: how far KPIs must have come, whether a classification may"
          + " start directly as Production, and which checklist items are waived per classification.")
  public PromotionPolicy promotion;

  @JsonPropertyDescription(
      "GPU types by name (the spec.resources.gpuType values): the resource pods request (a"
          + " device plugin's, a MIG profile, or DRA), the nodes, the Kueue ResourceFlavor. When set, a project's"
          + " gpuType must be one of them. Default: any type, nvidia.com/gpu on nodes labelled"
          + " cloud.google.com/gke-accelerator=<type>, flavor <type>.")
  @Size(max = 64)
  public Map<String, GpuTypePolicy> gpus;

  @JsonPropertyDescription(
      "Data residency: where data of each classification may be processed (keys public,"
          + " internal, confidential, restricted; a classification without an entry is unrestricted). Managed endpoints"
          + " must be in an allowed location their provider guarantees (spec.models.providers.<name>.residencyLocations),"
          + " self-hosted endpoints and every pod of the project's namespace are pinned to the allowed regions.")
  public ResidencyPolicy residency;

  @JsonPropertyDescription(
      "Images per data classification (keys public, internal, confidential, restricted; a"
          + " classification without an entry pulls from anywhere): the registries its pods may pull from, and"
          + " whether images must be pinned by digest. Enforced by the chart's admission policy on every pod and pod"
          + " template of the project's namespace, on create and on any change of an image.")
  public ImagesPolicy images;

  @JsonPropertyDescription(
      "GPU admission through Kueue, where Kueue is installed: cohorts, borrowing, lending,"
          + " reclaim per stage, and whether Kueue manages Deployments.")
  public KueuePolicy kueue;

  @JsonPropertyDescription(
      "Model endpoints behind Envoy AI Gateway (where its CRDs are served): a route per"
          + " project, callable only with the project's ServiceAccount token, its monthly token budget enforced at"
          + " request time. Absent: endpoints are reached directly, as without the gateway.")
  public AiGatewayPolicy aiGateway;

  @JsonPropertyDescription(
      "Idle GPUs handed back per stage: window, thresholds, minimum run time, dry run, the"
          + " longest snooze, and the labels DCGM exporter's series carry. Absent: no idle reclaim.")
  public IdleReclaimPolicy idleReclaim;
}
