package dev.platform.genai.model.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectSpec;
import dev.platform.genai.api.Resources;
import dev.platform.genai.api.TeamSubject;
import dev.platform.genai.model.Gpu;
import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.ProjectModel.QuotaGrant;
import dev.platform.genai.model.ProjectModel.Subject;
import dev.platform.genai.model.Residency;
import dev.platform.genai.model.TeamRole;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.values.Classification;
import dev.platform.genai.values.Counted;
import dev.platform.genai.values.OnExceeded;
import dev.platform.genai.values.Quantities;
import dev.platform.genai.values.Quantities.Quantity;
import dev.platform.genai.values.Stage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link ProjectModel}. Pure: the same (project, policy) always gives the same model.
 */
public final class ProjectModels {
  private ProjectModels() {}

  /**
   * @throws InvalidProjectException when the spec cannot be read (only for objects that bypassed
   *     admission)
   */
  public static ProjectModel build(GenAIProject project, PlatformPolicy policy) {
    return build(project, policy, null);
  }

  /**
   * @param runAs the stage the project runs as, when the promotion gate holds it back from
   *     spec.stage; null for spec.stage
   */
  public static ProjectModel build(GenAIProject project, PlatformPolicy policy, Stage runAs) {
    List<String> problems = new ArrayList<>();
    GenAIProjectSpec spec = project.getSpec();
    if (spec == null) {
      throw new InvalidProjectException(List.of("spec: Required value"));
    }
    String name = project.getMetadata().getName();
    Stage requested =
        Stage.parse(spec.stage)
            .orElseGet(
                () -> {
                  if (runAs == null) {
                    problems.add("spec.stage: \"" + spec.stage + "\" must be Pilot or Production");
                  }
                  return runAs != null ? runAs : Stage.Pilot;
                });
    Stage stage = runAs != null ? runAs : requested;
    Classification classification =
        Classification.parse(spec.dataClassification)
            .orElseGet(
                () -> {
                  problems.add(
                      "spec.dataClassification: \""
                          + spec.dataClassification
                          + "\" must be Public, Internal, Confidential or Restricted");
                  return Classification.Restricted;
                });
    String namespace = Names.namespace(policy.namespacePrefix(), name);
    if (namespace.length() > 63) {
      problems.add(
          "metadata.name: the namespace name "
              + namespace
              + " would be longer than 63 characters;"
              + " use a project name of at most "
              + (63 - policy.namespacePrefix().length())
              + " characters");
    }
    String costCenter = spec.sponsor == null ? null : spec.sponsor.costCenter;
    if (costCenter == null
        || !costCenter.matches("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$")) {
      problems.add("spec.sponsor.costCenter: \"" + costCenter + "\" must be a valid label value");
    }
    Map<TeamRole, List<Subject>> team = team(spec, problems);
    if (spec.budget == null
        || spec.budget.monthlyLimit == null
        || !spec.budget.monthlyLimit.matches("^[0-9]{1,12}(\\.[0-9]{1,2})?$")
        || new BigDecimal(spec.budget.monthlyLimit).signum() <= 0) {
      problems.add("spec.budget.monthlyLimit: must be a positive amount such as \"5000\"");
    } else if (!policy.prices().currency().equals(spec.budget.currency)) {
      problems.add(
          "spec.budget.currency: "
              + spec.budget.currency
              + " is not the cluster's currency "
              + policy.prices().currency()
              + "; state the budget in "
              + policy.prices().currency());
    }
    QuotaGrant quota = quota(spec.resources, policy, requested, stage, problems);
    Gpu gpu = gpu(spec.resources == null ? null : spec.resources.gpuType, policy, problems);
    Residency residency = residency(spec, classification, policy, problems);
    if (!problems.isEmpty()) {
      throw new InvalidProjectException(problems);
    }

    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Names.MANAGED_BY, Names.OPERATOR);
    labels.put(Names.PROJECT, name);
    String psa = policy.podSecurity().get(classification);
    Map<String, String> nsLabels = new LinkedHashMap<>(labels);
    nsLabels.put(Names.STAGE, stage.name());
    nsLabels.put(Names.CLASSIFICATION, classification.name());
    nsLabels.put(Names.COST_CENTER, costCenter);
    nsLabels.put(Names.PSA_ENFORCE, psa);
    nsLabels.put(Names.PSA_AUDIT, psa);
    nsLabels.put(Names.PSA_WARN, psa);

    List<String> ingress = new ArrayList<>();
    ingress.add(policy.monitoringNamespace());
    policy.ingressNamespaces().stream().filter(n -> !ingress.contains(n)).forEach(ingress::add);
    var network =
        new ProjectModel.NetworkGuardrails(
            ingress,
            classification.sensitive(),
            policy.egressCidrs(),
            PlatformPolicy.METADATA_SERVER_CIDRS);
    var cd = policy.containerDefaults();
    return new ProjectModel(
        name,
        namespace,
        stage,
        classification,
        labels,
        nsLabels,
        psa,
        team,
        quota,
        gpu,
        new ProjectModel.ContainerDefaults(
            cd.cpuLimit(), cd.memoryLimit(), cd.cpuRequest(), cd.memoryRequest()),
        network,
        cloud(spec, policy.cloud()),
        ModelEndpointPlans.build(
            spec, specDocument(project), classification, quota, policy, residency),
        budget(spec, quota, policy.prices()),
        residency,
        readers(spec, team));
  }

  /**
   * The team in every role, then the sponsor and the adoption owner as users named by their email;
   * once each.
   */
  private static List<Subject> readers(GenAIProjectSpec spec, Map<TeamRole, List<Subject>> team) {
    LinkedHashSet<Subject> out = new LinkedHashSet<>();
    for (TeamRole role : TeamRole.values()) {
      out.addAll(team.get(role));
    }
    for (dev.platform.genai.api.Person p :
        java.util.Arrays.asList(spec.sponsor, spec.adoptionOwner)) {
      if (p != null && p.email != null && !p.email.isBlank()) {
        out.add(new Subject("User", p.email, null));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Where the project's data may be processed: the policy's regions for its classification,
   * narrowed by spec.residency.regions — a region there that the policy does not allow is a problem
   * (the API server's admission policy refuses it too, validate offline).
   */
  static Residency residency(
      GenAIProjectSpec spec,
      Classification classification,
      PlatformPolicy policy,
      List<String> problems) {
    List<String> allowed = policy.residency(classification);
    String policySource =
        policy.source()
            + " spec.residency."
            + classification.name().toLowerCase(Locale.ROOT)
            + ".regions";
    List<String> asked =
        spec.residency == null || spec.residency.regions == null
            ? List.of()
            : spec.residency.regions;
    if (asked.isEmpty()) {
      return allowed == null ? Residency.NONE : new Residency(allowed, policySource);
    }
    if (allowed != null) {
      for (int i = 0; i < asked.size(); i++) {
        if (!allowed.contains(asked.get(i))) {
          problems.add(
              "spec.residency.regions["
                  + i
                  + "]: "
                  + asked.get(i)
                  + " is not a region "
                  + classification
                  + " data may be processed in: "
                  + String.join(", ", allowed)
                  + " ("
                  + policySource
                  + ")");
        }
      }
    }
    return new Residency(asked, "spec.residency.regions");
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The spec as stored (what compliance tools read), or as the typed object serialises when none
   * was kept.
   */
  public static JsonNode specDocument(GenAIProject project) {
    JsonNode source = project.source();
    if (source != null && source.has("spec")) {
      return source.get("spec");
    }
    return JSON.valueToTree(project.getSpec());
  }

  static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);
  private static final BigDecimal GIB = BigDecimal.valueOf(1024L * 1024 * 1024);

  private static ProjectModel.BudgetPlan budget(
      GenAIProjectSpec spec, QuotaGrant quota, PlatformPolicy.Prices prices) {
    BigDecimal limit = new BigDecimal(spec.budget.monthlyLimit);
    String gpuType = spec.resources == null ? null : spec.resources.gpuType;
    BigDecimal gpuMonthly = prices.gpuHourly(gpuType).multiply(HOURS_PER_MONTH);
    BigDecimal cpuMonthly =
        quota.cpu().value().multiply(prices.cpuCoreHourly()).multiply(HOURS_PER_MONTH);
    BigDecimal memMonthly =
        quota
            .memory()
            .value()
            .divide(GIB, 9, RoundingMode.HALF_UP)
            .multiply(prices.memoryGiBHourly())
            .multiply(HOURS_PER_MONTH);
    BigDecimal base = cpuMonthly.add(memMonthly);
    BigDecimal total = base.add(gpuMonthly.multiply(BigDecimal.valueOf(quota.gpus())));
    int affordable =
        gpuMonthly.signum() == 0
            ? quota.gpus()
            : Math.max(
                0, limit.subtract(base).divide(gpuMonthly, 0, RoundingMode.FLOOR).intValue());
    List<Integer> thresholds =
        spec.budget.alertThresholds == null || spec.budget.alertThresholds.isEmpty()
            ? List.of(50, 80, 100)
            : spec.budget.alertThresholds;
    OnExceeded onExceeded = OnExceeded.of(spec.budget.onExceeded);
    return new ProjectModel.BudgetPlan(
        limit,
        spec.budget.currency,
        thresholds,
        onExceeded,
        total,
        gpuMonthly,
        affordable,
        spec.sponsor == null ? "" : spec.sponsor.costCenter,
        prices.alertRuleLabels());
  }

  /**
   * The names of the project's GPUs, from its type in policy; a type the policy does not list is
   * refused.
   */
  static Gpu gpu(String type, PlatformPolicy policy, List<String> problems) {
    if (type != null && !policy.gpuTypes().isEmpty() && !policy.gpuTypes().containsKey(type)) {
      problems.add(
          "spec.resources.gpuType: \""
              + type
              + "\" is not a GPU type of this cluster; use one of "
              + String.join(", ", policy.gpuTypes().keySet())
              + " (GenAIPlatformPolicy spec.gpus)");
    }
    PlatformPolicy.GpuType t = policy.gpuType(type);
    String flavor = t.flavor() != null ? t.flavor() : policy.kueue().defaultFlavor();
    return t.dra() == null
        ? new Gpu(
            type, t.resource(), t.quotaKey(), t.kueueResource(), t.nodeLabels(), flavor, null, null)
        : new Gpu(
            type,
            null,
            t.quotaKey(),
            t.kueueResource(),
            t.nodeLabels(),
            flavor,
            t.dra().deviceClass(),
            t.dra().claimTemplate());
  }

  private static ProjectModel.CloudRequest cloud(
      GenAIProjectSpec spec, PlatformPolicy.CloudPolicy policy) {
    if (spec.gcp == null) {
      return null;
    }
    List<String> roles =
        spec.gcp.roles == null ? List.of() : List.copyOf(new LinkedHashSet<>(spec.gcp.roles));
    List<String> denied = new ArrayList<>();
    if (!policy.allowedProjects().isEmpty()
        && !policy.allowedProjects().contains(spec.gcp.projectId)) {
      denied.add("project " + spec.gcp.projectId + " is not in the policy's cloud.allowedProjects");
    }
    for (String role : roles) {
      if (PlatformPolicy.NEVER_GRANTED.contains(role)) {
        denied.add(
            role + " is never granted (ownership and IAM administration are not for projects)");
      } else if (!policy.allowedRoles().contains(role)) {
        denied.add(role + " is not in the policy's cloud.allowedRoles");
      }
    }
    if (policy.requireServiceAccount() && spec.gcp.serviceAccount == null) {
      denied.add("the policy requires spec.gcp.serviceAccount (cloud.requireServiceAccount)");
    }
    return new ProjectModel.CloudRequest(
        spec.gcp.projectId, roles, spec.gcp.serviceAccount, denied);
  }

  private static Map<TeamRole, List<Subject>> team(GenAIProjectSpec spec, List<String> problems) {
    Map<TeamRole, List<Subject>> team = new EnumMap<>(TeamRole.class);
    team.put(
        TeamRole.OWNERS, subjects(spec.team == null ? null : spec.team.owners, "owners", problems));
    team.put(
        TeamRole.MEMBERS,
        subjects(spec.team == null ? null : spec.team.members, "members", problems));
    team.put(
        TeamRole.VIEWERS,
        subjects(spec.team == null ? null : spec.team.viewers, "viewers", problems));
    return team;
  }

  private static List<Subject> subjects(List<TeamSubject> in, String field, List<String> problems) {
    if (in == null) {
      return List.of();
    }
    LinkedHashSet<Subject> out = new LinkedHashSet<>();
    for (int i = 0; i < in.size(); i++) {
      TeamSubject s = in.get(i);
      String path = "spec.team." + field + "[" + i + "]";
      if (s == null || s.name == null || s.name.isBlank()) {
        problems.add(path + ".name: Required value");
      } else if (s.name.startsWith("system:")) {
        problems.add(path + ".name: system: users and groups cannot be given project access");
      } else if ("ServiceAccount".equals(s.kind)) {
        if (s.namespace == null || s.namespace.isBlank()) {
          problems.add(path + ".namespace: a ServiceAccount subject needs its namespace");
        } else {
          out.add(new Subject("ServiceAccount", s.name, s.namespace));
        }
      } else if ("User".equals(s.kind) || "Group".equals(s.kind)) {
        out.add(new Subject(s.kind, s.name, null));
      } else {
        problems.add(path + ".kind: \"" + s.kind + "\" must be User, Group or ServiceAccount");
      }
    }
    return List.copyOf(out);
  }

  /**
   * The request judged against the cap of the stage it asks for ({@code requested}); a promotion
   * the gate holds back ({@code runAs} is the stage still run as) keeps the quota at that stage's
   * cap meanwhile, which is no request over a cap (a black-box run found the held case reported as
   * ExceedsPolicyCap, phase Failed).
   */
  private static QuotaGrant quota(
      Resources r, PlatformPolicy policy, Stage requested, Stage runAs, List<String> problems) {
    QuotaGrant asked = quota(r, policy, requested, problems);
    if (runAs == requested) {
      return asked;
    }
    PlatformPolicy.Cap cap = policy.cap(runAs);
    List<ProjectModel.Capped> held = new ArrayList<>();
    int gpus = asked.gpus();
    if (gpus > cap.gpus()) {
      held.add(
          new ProjectModel.Capped(
              "spec.resources.gpus",
              "held at the "
                  + runAs
                  + " cap of "
                  + Counted.of(cap.gpus(), "GPU")
                  + " until promoted ("
                  + gpus
                  + " asked)"));
      gpus = cap.gpus();
    }
    Quantity cpu = asked.cpu();
    if (cpu.compareTo(cap.cpu()) > 0) {
      held.add(
          new ProjectModel.Capped(
              "spec.resources.cpu",
              "held at the "
                  + runAs
                  + " cap of "
                  + cap.cpu().canonical()
                  + " CPU until promoted ("
                  + cpu.canonical()
                  + " asked)"));
      cpu = cap.cpu();
    }
    Quantity memory = asked.memory();
    if (memory.compareTo(cap.memory()) > 0) {
      held.add(
          new ProjectModel.Capped(
              "spec.resources.memory",
              "held at the "
                  + runAs
                  + " cap of "
                  + cap.memory().canonical()
                  + " memory until promoted ("
                  + memory.canonical()
                  + " asked)"));
      memory = cap.memory();
    }
    return new QuotaGrant(gpus, cpu, memory, asked.capped(), held);
  }

  private static QuotaGrant quota(
      Resources r, PlatformPolicy policy, Stage stage, List<String> problems) {
    Resources res = r == null ? new Resources() : r;
    PlatformPolicy.Cap cap = policy.cap(stage);
    List<ProjectModel.Capped> capped = new ArrayList<>();
    int gpus = res.gpus == null ? 0 : res.gpus;
    if (gpus < 0) {
      problems.add("spec.resources.gpus: must be 0 or more");
    }
    if (gpus > cap.gpus()) {
      capped.add(
          new ProjectModel.Capped(
              "spec.resources.gpus",
              "requested " + Counted.of(gpus, "GPU") + ", the " + stage + " cap is " + cap.gpus()));
      gpus = cap.gpus();
    }
    Quantity cpu = requested(res.cpu, policy.projectCpu(), "spec.resources.cpu", problems);
    if (cpu.compareTo(cap.cpu()) > 0) {
      capped.add(
          new ProjectModel.Capped(
              "spec.resources.cpu",
              "requested "
                  + cpu.canonical()
                  + " CPU, the "
                  + stage
                  + " cap is "
                  + cap.cpu().canonical()));
      cpu = cap.cpu();
    }
    Quantity memory =
        requested(res.memory, policy.projectMemory(), "spec.resources.memory", problems);
    if (memory.compareTo(cap.memory()) > 0) {
      capped.add(
          new ProjectModel.Capped(
              "spec.resources.memory",
              "requested "
                  + memory.canonical()
                  + " memory, the "
                  + stage
                  + " cap is "
                  + cap.memory().canonical()));
      memory = cap.memory();
    }
    return new QuotaGrant(Math.max(gpus, 0), cpu, memory, capped, List.of());
  }

  private static Quantity requested(
      String value, Quantity fallback, String path, List<String> problems) {
    if (value == null) {
      return fallback;
    }
    Optional<Quantity> q = Quantities.parse(value);
    if (q.isEmpty()) {
      problems.add(path + ": \"" + value + "\" is not a quantity such as 16, 500m or 64Gi");
      return fallback;
    }
    return q.get();
  }
}
