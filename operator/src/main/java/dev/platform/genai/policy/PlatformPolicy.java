package dev.platform.genai.policy;

import dev.platform.genai.values.Classification;
import dev.platform.genai.values.Quantities;
import dev.platform.genai.values.Quantities.Quantity;
import dev.platform.genai.values.Stage;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The cluster's guardrails, resolved: every value present and parsed. Immutable. */
public record PlatformPolicy(
    String namespacePrefix,
    Map<Stage, Cap> caps,
    Quantity projectCpu,
    Quantity projectMemory,
    ContainerDefaults containerDefaults,
    Map<Classification, String> podSecurity,
    String monitoringNamespace,
    List<String> ingressNamespaces,
    List<String> egressCidrs,
    CloudPolicy cloud,
    Prices prices,
    ModelCatalog models,
    Promotion promotion,
    Map<String, GpuType> gpuTypes,
    Kueue kueue,
    Map<Classification, List<String>> residency,
    AiGateway aiGateway,
    IdleReclaim idleReclaim,
    String source) {

  /** The checklist items of the promotion gate that policy may waive. */
  public static final List<String> WAIVABLE =
      List.of("KpiEvidence", "BudgetHistory", "ProductionBudget", "Approval", "NotExpired");

  /**
   * The Pilot→Production gate: how far KPIs must have come, which classifications may start
   * directly as Production without an approval, and what is waived per classification.
   */
  public record Promotion(
      int minKpiProgress,
      Set<Classification> directAllowed,
      Map<Classification, Set<String>> waivers) {
    public Promotion {
      directAllowed = directAllowed.isEmpty() ? Set.of() : Set.copyOf(directAllowed);
      waivers = Map.copyOf(waivers);
    }

    public boolean waived(Classification c, String item) {
      return waivers.getOrDefault(c, Set.of()).contains(item);
    }

    public static final Promotion DEFAULTS = new Promotion(50, Set.of(), Map.of());
  }

  /**
   * One GPU type: what pods request (a device plugin's extended resource, or a DRA claim), the
   * nodes it runs on, the Kueue ResourceFlavor standing for it.
   *
   * @param name the spec.resources.gpuType value, or null for GPUs of no stated type
   * @param resource the extended resource pods request (nvidia.com/gpu, nvidia.com/mig-1g.10gb);
   *     null with DRA
   * @param nodeLabels the endpoint pods' node selector
   * @param flavor the ResourceFlavor, or null for the Kueue policy's default flavor
   * @param dra the DRA names, or null for a device plugin
   */
  public record GpuType(
      String name, String resource, Map<String, String> nodeLabels, String flavor, Dra dra) {
    public static final String NVIDIA_GPU = "nvidia.com/gpu";
    public static final String GKE_ACCELERATOR = "cloud.google.com/gke-accelerator";

    public GpuType {
      nodeLabels = Map.copyOf(nodeLabels);
    }

    /**
     * A type no policy entry names: nvidia.com/gpu on GKE's accelerator label, its flavor named
     * after it.
     */
    public static GpuType implicit(String name) {
      return name == null
          ? new GpuType(null, NVIDIA_GPU, Map.of(), null, null)
          : new GpuType(name, NVIDIA_GPU, Map.of(GKE_ACCELERATOR, name), name, null);
    }

    /** The ResourceQuota key: requests.&lt;resource&gt;, or the DRA device-class count. */
    public String quotaKey() {
      return dra != null
          ? dra.deviceClass() + ".deviceclass.resource.k8s.io/devices"
          : "requests." + resource;
    }

    /** The resource name Kueue counts. */
    public String kueueResource() {
      return dra != null ? dra.kueueResource() : resource;
    }
  }

  /**
   * DRA names (Kubernetes 1.34+): the device class, the name Kueue counts it under (its
   * deviceClassMappings), and the ResourceClaimTemplate the operator writes in each project
   * namespace (one device each).
   */
  public record Dra(String deviceClass, String kueueResource, String claimTemplate) {}

  /** The GPU type of a project (its spec.resources.gpuType, or null). */
  public GpuType gpuType(String type) {
    GpuType t = type == null ? null : gpuTypes.get(type);
    return t != null ? t : GpuType.implicit(type);
  }

  /**
   * GPU admission through Kueue.
   *
   * @param podIntegration whether Kueue manages Deployments and pods (endpoints carry the
   *     queue-name label)
   * @param defaultFlavor the ResourceFlavor of CPU, memory and untyped GPUs
   */
  public record Kueue(
      boolean podIntegration, String defaultFlavor, Map<Stage, StageQueues> stages) {
    public Kueue {
      stages = Map.copyOf(stages);
    }

    public static final Kueue DEFAULTS =
        new Kueue(
            false,
            "default-flavor",
            Map.of(
                Stage.Pilot, new StageQueues("genai-pilot", true, 100, "Never"),
                Stage.Production, new StageQueues("genai-production", true, 100, "Any")));
  }

  /**
   * The ClusterQueues of one stage.
   *
   * @param cohort the cohort, or empty for none
   * @param borrow whether queues borrow idle cohort quota (up to the stage cap and what the budget
   *     affords)
   * @param lendPercent how much of its nominal quota a queue lends
   * @param reclaimWithinCohort Never, LowerPriority or Any
   */
  public record StageQueues(
      String cohort, boolean borrow, int lendPercent, String reclaimWithinCohort) {
    public boolean inCohort() {
      return cohort != null && !cohort.isEmpty();
    }
  }

  /** The most one project of a stage may get. */
  public record Cap(int gpus, Quantity cpu, Quantity memory) {}

  /** LimitRange values for containers that set none. */
  public record ContainerDefaults(
      Quantity cpuLimit, Quantity memoryLimit, Quantity cpuRequest, Quantity memoryRequest) {}

  /**
   * Which projects (empty: any) and roles a project may ask for, and whether a Google SA is
   * required.
   */
  public record CloudPolicy(
      List<String> allowedProjects,
      List<String> allowedRoles,
      boolean requireServiceAccount,
      int maxPrincipalsPerPolicy) {
    public CloudPolicy {
      allowedProjects = List.copyOf(allowedProjects);
      allowedRoles = List.copyOf(allowedRoles);
    }
  }

  /**
   * Hourly prices in the cluster's currency, for the budget-at-risk forecast. {@code rejectAtRisk}:
   * a budget at risk blocks provisioning instead of warning.
   */
  public record Prices(
      String currency,
      Map<String, BigDecimal> gpuHourly,
      BigDecimal defaultGpuHourly,
      BigDecimal cpuCoreHourly,
      BigDecimal memoryGiBHourly,
      boolean rejectAtRisk,
      Map<String, String> alertRuleLabels) {
    public Prices {
      gpuHourly = Map.copyOf(gpuHourly);
      alertRuleLabels = Map.copyOf(alertRuleLabels);
    }

    public BigDecimal gpuHourly(String gpuType) {
      return gpuType == null ? defaultGpuHourly : gpuHourly.getOrDefault(gpuType, defaultGpuHourly);
    }
  }

  /** Never granted, whatever a policy allows: ownership and IAM administration. */
  public static final Set<String> NEVER_GRANTED =
      Set.of(
          "roles/owner",
          "roles/editor",
          "roles/iam.securityAdmin",
          "roles/iam.roleAdmin",
          "roles/resourcemanager.projectIamAdmin",
          "roles/iam.serviceAccountAdmin",
          "roles/iam.serviceAccountKeyAdmin",
          "roles/iam.serviceAccountTokenCreator",
          "roles/iam.workloadIdentityPoolAdmin",
          "roles/iam.workloadIdentityUser");

  /**
   * GKE's metadata server addresses: Workload Identity needs them even when all other egress is
   * denied.
   */
  public static final List<String> METADATA_SERVER_CIDRS =
      List.of("169.254.169.254/32", "169.254.169.252/32");

  public PlatformPolicy {
    caps = Map.copyOf(caps);
    podSecurity = Map.copyOf(podSecurity);
    ingressNamespaces = List.copyOf(ingressNamespaces);
    egressCidrs = List.copyOf(egressCidrs);
    gpuTypes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(gpuTypes));
  }

  /**
   * Model endpoints behind Envoy AI Gateway (null: no gateway): the Gateway the routes attach to,
   * each project's hostname, the token issuer and audience the gateway checks, its keys (a URI or
   * an inline copy), the cheaper models a Throttled project is sent to, and the gateway's
   * Kubernetes ServiceAccount (its Google identity), or null.
   */
  public record AiGateway(
      String gatewayName,
      String gatewayNamespace,
      String hostnameTemplate,
      String issuer,
      String audience,
      String jwksUri,
      String jwks,
      Map<String, String> throttleFallbacks,
      String serviceAccount,
      String usageQuery) {
    public static final String DEFAULT_AUDIENCE = "genai-gateway";

    /**
     * AI Gateway's token usage histogram as its Prometheus endpoint exposes it
     * (internal/metrics/genai.go: gen_ai.client.token.usage, attributes gen_ai.original.model,
     * gen_ai.request.model, gen_ai.token.type; the exposition in cmd/extproc/mainlib/admin_test.go
     * at c217da8) with the caller's attribute genai.caller: the tokens of one type the caller sent
     * for one endpoint (the model the client named) and served by one model. The caller's label
     * comes from the x-genai-caller header (the JWT's sub, copied by the gateway) with AI Gateway
     * installed with {@code controller.metricsRequestHeaderAttributes=x-genai-caller:genai.caller}.
     */
    public static final String DEFAULT_USAGE_QUERY =
        "sum(increase(gen_ai_client_token_usage_sum{"
            + "genai_caller=\"{caller}\",gen_ai_original_model=\"{endpoint}\",gen_ai_request_model=\"{model}\","
            + "gen_ai_token_type=\"{type}\"}[{range}]))";

    public AiGateway {
      throttleFallbacks = throttleFallbacks == null ? Map.of() : Map.copyOf(throttleFallbacks);
      usageQuery = usageQuery == null ? DEFAULT_USAGE_QUERY : usageQuery;
    }

    public AiGateway(
        String gatewayName,
        String gatewayNamespace,
        String hostnameTemplate,
        String issuer,
        String audience,
        String jwksUri,
        String jwks,
        Map<String, String> throttleFallbacks,
        String serviceAccount) {
      this(
          gatewayName,
          gatewayNamespace,
          hostnameTemplate,
          issuer,
          audience,
          jwksUri,
          jwks,
          throttleFallbacks,
          serviceAccount,
          null);
    }

    /** The project's hostname on the Gateway. */
    public String hostname(String project) {
      return hostnameTemplate.replace("{project}", project);
    }
  }

  /** Where data of the classification may be processed, or null when unrestricted. */
  public List<String> residency(Classification c) {
    return residency.get(c);
  }

  public Cap cap(Stage stage) {
    return caps.get(stage);
  }

  /** Built-in defaults: what applies when no GenAIPlatformPolicy named default exists. */
  public static final PlatformPolicy DEFAULTS =
      new PlatformPolicy(
          "genai-",
          new EnumMap<>(
              Map.of(
                  Stage.Pilot, new Cap(4, q("32"), q("128Gi")),
                  Stage.Production, new Cap(16, q("128"), q("512Gi")))),
          q("4"),
          q("16Gi"),
          new ContainerDefaults(q("1"), q("2Gi"), q("250m"), q("512Mi")),
          new EnumMap<>(
              Map.of(
                  Classification.Public, "baseline",
                  Classification.Internal, "baseline",
                  Classification.Confidential, "restricted",
                  Classification.Restricted, "restricted")),
          "monitoring",
          List.of(),
          List.of(),
          new CloudPolicy(
              List.of(),
              List.of(
                  "roles/aiplatform.user",
                  "roles/aiplatform.viewer",
                  "roles/storage.objectViewer",
                  "roles/logging.logWriter",
                  "roles/monitoring.metricWriter"),
              false,
              1500),
          new Prices(
              "EUR",
              Map.of(
                  "nvidia-tesla-t4",
                  new BigDecimal("0.35"),
                  "nvidia-l4",
                  new BigDecimal("0.71"),
                  "nvidia-a100-80gb",
                  new BigDecimal("3.93"),
                  "nvidia-h100-80gb",
                  new BigDecimal("9.80")),
              new BigDecimal("2.50"),
              new BigDecimal("0.033"),
              new BigDecimal("0.0045"),
              false,
              Map.of()),
          ModelCatalog.DEFAULTS,
          Promotion.DEFAULTS,
          Map.of(),
          Kueue.DEFAULTS,
          Map.of(),
          null,
          IdleReclaim.OFF,
          "built-in defaults");

  static Quantity q(String s) {
    return Quantities.parse(s).orElseThrow();
  }
}
