package dev.platform.genai.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.admission.AdmissionRules;
import dev.platform.genai.api.CloudAccessPolicy;
import dev.platform.genai.api.ComputeCap;
import dev.platform.genai.api.DefaultsPolicy;
import dev.platform.genai.api.DirectProductionPolicy;
import dev.platform.genai.api.FinOpsPolicy;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIPlatformPolicySpec;
import dev.platform.genai.api.GpuTypePolicy;
import dev.platform.genai.api.KueuePolicy;
import dev.platform.genai.api.KueueStagePolicy;
import dev.platform.genai.api.NetworkPolicySettings;
import dev.platform.genai.api.PodSecurityPolicy;
import dev.platform.genai.api.PromotionPolicy;
import dev.platform.genai.api.PromotionWaivers;
import dev.platform.genai.api.StageCapsPolicy;
import dev.platform.genai.values.Classification;
import dev.platform.genai.values.Quantities;
import dev.platform.genai.values.Quantities.Quantity;
import dev.platform.genai.values.Stage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the GenAIPlatformPolicy resource (or its absence) into a {@link PlatformPolicy}. Absent
 * fields take the built-in default. A value that cannot be used is a problem, never a silent
 * fallback: a typo must not quietly loosen a cap the platform team set.
 */
public final class PolicyResolver {
  private PolicyResolver() {}

  private static final Set<String> PSA_LEVELS = Set.of("privileged", "baseline", "restricted");

  /** Either a policy, or the problems that make the resource unusable. */
  public record Resolution(PlatformPolicy policy, List<String> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  private static final String NAMESPACE_NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  public static Resolution resolve(GenAIPlatformPolicy resource) {
    if (resource == null || resource.getSpec() == null) {
      return new Resolution(PlatformPolicy.DEFAULTS, List.of());
    }
    GenAIPlatformPolicySpec s = resource.getSpec();
    PlatformPolicy d = PlatformPolicy.DEFAULTS;
    List<String> problems = new ArrayList<>();
    JsonNode source = resource.source();
    if (source != null) { // the stored document, checked against the CRD's rules as validate does
      AdmissionRules.policy().validate(source).forEach(v -> problems.add(v.toString()));
    }
    String prefix =
        prefix(s.namespacePrefix == null ? d.namespacePrefix() : s.namespacePrefix, problems);
    Map<Stage, PlatformPolicy.Cap> caps = caps(s.caps, d, problems);
    DefaultsPolicy df = s.defaults == null ? new DefaultsPolicy() : s.defaults;
    Quantity projectCpu =
        quantity(df.projectCpu, d.projectCpu(), "spec.defaults.projectCpu", problems);
    Quantity projectMemory =
        quantity(df.projectMemory, d.projectMemory(), "spec.defaults.projectMemory", problems);
    PlatformPolicy.ContainerDefaults containers = containers(df, d.containerDefaults(), problems);
    Map<Classification, String> psa =
        podSecurity(s.podSecurity == null ? new PodSecurityPolicy() : s.podSecurity, d, problems);
    NetworkPolicySettings n = s.network == null ? new NetworkPolicySettings() : s.network;
    String monitoring =
        monitoring(
            n.monitoringNamespace == null ? d.monitoringNamespace() : n.monitoringNamespace,
            problems);
    List<String> ingress =
        ingress(
            n.ingressNamespaces == null ? d.ingressNamespaces() : n.ingressNamespaces, problems);
    List<String> cidrs = cidrs(n.egressCidrs == null ? d.egressCidrs() : n.egressCidrs, problems);
    PlatformPolicy.CloudPolicy cloud =
        cloud(s.cloud == null ? new CloudAccessPolicy() : s.cloud, d.cloud());
    PlatformPolicy.Prices prices = prices(s.finops, d.prices(), problems);
    ModelCatalog models = ModelCatalogResolver.models(s.models, d.models(), problems);
    PlatformPolicy.Promotion promotion = promotion(s.promotion, d.promotion());
    Map<String, PlatformPolicy.GpuType> gpuTypes = gpuTypes(s.gpus, problems);
    PlatformPolicy.Kueue kueue = kueue(s.kueue, d.kueue());
    Map<Classification, List<String>> residency = residency(s.residency);
    PlatformPolicy.AiGateway aiGateway = aiGateway(s.aiGateway);
    Map<String, dev.platform.genai.api.IdleThresholds> idlePerType = new java.util.TreeMap<>();
    if (s.gpus != null) {
      s.gpus.forEach(
          (type, t) -> {
            if (t != null && t.idle != null) {
              idlePerType.put(type, t.idle);
            }
          });
    }
    IdleReclaim idle = IdleReclaim.resolve(s.idleReclaim, idlePerType, problems);
    if (!problems.isEmpty()) {
      return new Resolution(null, List.copyOf(problems));
    }
    return new Resolution(
        new PlatformPolicy(
            prefix,
            caps,
            projectCpu,
            projectMemory,
            containers,
            psa,
            monitoring,
            ingress,
            cidrs,
            cloud,
            prices,
            models,
            promotion,
            gpuTypes,
            kueue,
            residency,
            aiGateway,
            idle,
            "GenAIPlatformPolicy " + resource.getMetadata().getName()),
        List.of());
  }

  /** spec.residency by classification: the regions of each classification that has an entry. */
  private static Map<Classification, List<String>> residency(
      dev.platform.genai.api.ResidencyPolicy r) {
    Map<Classification, List<String>> out = new EnumMap<>(Classification.class);
    if (r != null) {
      put(out, Classification.Public, r.publicData);
      put(out, Classification.Internal, r.internalData);
      put(out, Classification.Confidential, r.confidentialData);
      put(out, Classification.Restricted, r.restrictedData);
    }
    return out;
  }

  private static void put(
      Map<Classification, List<String>> out,
      Classification c,
      dev.platform.genai.api.ResidencyRule rule) {
    if (rule != null && rule.regions != null && !rule.regions.isEmpty()) {
      out.put(c, List.copyOf(rule.regions));
    }
  }

  private static String prefix(String prefix, List<String> problems) {
    if (!prefix.matches("^[a-z]([-a-z0-9]{0,15})?$")) {
      problems.add(
          "spec.namespacePrefix \""
              + prefix
              + "\" must start with a lower-case letter and have at most"
              + " 16 lower-case letters, digits or '-'");
    }
    return prefix;
  }

  private static Map<Stage, PlatformPolicy.Cap> caps(
      StageCapsPolicy s, PlatformPolicy d, List<String> problems) {
    Map<Stage, PlatformPolicy.Cap> caps = new EnumMap<>(Stage.class);
    caps.put(
        Stage.Pilot,
        cap(s == null ? null : s.pilot, d.cap(Stage.Pilot), "spec.caps.pilot", problems));
    caps.put(
        Stage.Production,
        cap(
            s == null ? null : s.production,
            d.cap(Stage.Production),
            "spec.caps.production",
            problems));
    return caps;
  }

  private static PlatformPolicy.ContainerDefaults containers(
      DefaultsPolicy df, PlatformPolicy.ContainerDefaults cd, List<String> problems) {
    var containers =
        new PlatformPolicy.ContainerDefaults(
            quantity(
                df.containerCpuLimit, cd.cpuLimit(), "spec.defaults.containerCpuLimit", problems),
            quantity(
                df.containerMemoryLimit,
                cd.memoryLimit(),
                "spec.defaults.containerMemoryLimit",
                problems),
            quantity(
                df.containerCpuRequest,
                cd.cpuRequest(),
                "spec.defaults.containerCpuRequest",
                problems),
            quantity(
                df.containerMemoryRequest,
                cd.memoryRequest(),
                "spec.defaults.containerMemoryRequest",
                problems));
    if (containers.cpuRequest().compareTo(containers.cpuLimit()) > 0) {
      problems.add("spec.defaults.containerCpuRequest must not exceed containerCpuLimit");
    }
    if (containers.memoryRequest().compareTo(containers.memoryLimit()) > 0) {
      problems.add("spec.defaults.containerMemoryRequest must not exceed containerMemoryLimit");
    }
    return containers;
  }

  private static Map<Classification, String> podSecurity(
      PodSecurityPolicy ps, PlatformPolicy d, List<String> problems) {
    Map<Classification, String> psa = new EnumMap<>(Classification.class);
    psa.put(
        Classification.Public,
        level(ps.publicLevel, d, Classification.Public, "publicLevel", problems));
    psa.put(
        Classification.Internal,
        level(ps.internalLevel, d, Classification.Internal, "internalLevel", problems));
    psa.put(
        Classification.Confidential,
        level(ps.confidentialLevel, d, Classification.Confidential, "confidentialLevel", problems));
    psa.put(
        Classification.Restricted,
        level(ps.restrictedLevel, d, Classification.Restricted, "restrictedLevel", problems));
    return psa;
  }

  private static String monitoring(String monitoring, List<String> problems) {
    if (!monitoring.matches(NAMESPACE_NAME)) {
      problems.add(
          "spec.network.monitoringNamespace \"" + monitoring + "\" must be a namespace name");
    }
    return monitoring;
  }

  private static List<String> ingress(List<String> ingress, List<String> problems) {
    for (String ns : ingress) {
      if (ns == null || !ns.matches(NAMESPACE_NAME)) {
        problems.add("spec.network.ingressNamespaces: \"" + ns + "\" is not a namespace name");
      }
    }
    return ingress;
  }

  private static List<String> cidrs(List<String> cidrs, List<String> problems) {
    for (String c : cidrs) {
      if (!Cidrs.isIpv4Cidr(c)) {
        problems.add(
            "spec.network.egressCidrs: \"" + c + "\" is not an IPv4 CIDR such as 199.36.153.4/30");
      }
    }
    return problems.isEmpty() ? cidrs.stream().map(Cidrs::normalize).toList() : cidrs;
  }

  /** The admission rules bound every value; what is absent takes the default. */
  private static PlatformPolicy.Promotion promotion(PromotionPolicy p, PlatformPolicy.Promotion d) {
    if (p == null) {
      return d;
    }
    Set<Classification> direct = EnumSet.noneOf(Classification.class);
    Map<Classification, Set<String>> waivers = new EnumMap<>(Classification.class);
    DirectProductionPolicy dp =
        p.directProduction == null ? new DirectProductionPolicy() : p.directProduction;
    PromotionWaivers w = p.waivers == null ? new PromotionWaivers() : p.waivers;
    Map<Classification, String> choices =
        Map.of(
            Classification.Public,
            String.valueOf(dp.publicData),
            Classification.Internal,
            String.valueOf(dp.internalData),
            Classification.Confidential,
            String.valueOf(dp.confidentialData),
            Classification.Restricted,
            String.valueOf(dp.restrictedData));
    choices.forEach(
        (c, choice) -> {
          if ("Allowed".equals(choice)
              || ("null".equals(choice) && d.directAllowed().contains(c))) {
            direct.add(c);
          }
        });
    Map<Classification, List<String>> items = new EnumMap<>(Classification.class);
    items.put(Classification.Public, w.publicData);
    items.put(Classification.Internal, w.internalData);
    items.put(Classification.Confidential, w.confidentialData);
    items.put(Classification.Restricted, w.restrictedData);
    items.forEach(
        (c, list) ->
            waivers.put(
                c, list == null ? d.waivers().getOrDefault(c, Set.of()) : Set.copyOf(list)));
    return new PlatformPolicy.Promotion(
        p.minKpiProgress == null ? d.minKpiProgress() : p.minKpiProgress, direct, waivers);
  }

  /**
   * GPU types by name; what an entry leaves out takes the implicit type's value (nvidia.com/gpu on
   * GKE).
   */
  private static Map<String, PlatformPolicy.GpuType> gpuTypes(
      Map<String, GpuTypePolicy> gpus, List<String> problems) {
    Map<String, PlatformPolicy.GpuType> out = new TreeMap<>();
    if (gpus == null) {
      return out;
    }
    gpus.forEach(
        (name, g) -> {
          String path = "spec.gpus." + name;
          GpuTypePolicy t = g == null ? new GpuTypePolicy() : g;
          if (!name.matches("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$")) {
            problems.add(
                path + ": a GPU type name must be a label value (it is spec.resources.gpuType)");
          }
          if (t.dra != null && t.resource != null) {
            problems.add(
                path
                    + ": resource and dra exclude each other (a device plugin's resource, or DRA)");
          }
          PlatformPolicy.GpuType implicit = PlatformPolicy.GpuType.implicit(name);
          PlatformPolicy.Dra dra =
              t.dra == null
                  ? null
                  : new PlatformPolicy.Dra(
                      t.dra.deviceClass, t.dra.kueueResource, t.dra.claimTemplate);
          if (dra != null
              && (dra.deviceClass() == null
                  || dra.kueueResource() == null
                  || dra.claimTemplate() == null)) {
            problems.add(
                path + ".dra: deviceClass, kueueResource and claimTemplate are all required");
          }
          out.put(
              name,
              new PlatformPolicy.GpuType(
                  name,
                  dra != null ? null : t.resource != null ? t.resource : implicit.resource(),
                  t.nodeLabels != null ? t.nodeLabels : implicit.nodeLabels(),
                  t.flavor != null ? t.flavor : implicit.flavor(),
                  dra));
        });
    return out;
  }

  /**
   * The gateway settings (the admission rules require what must be there), or null without a
   * gateway.
   */
  private static PlatformPolicy.AiGateway aiGateway(dev.platform.genai.api.AiGatewayPolicy g) {
    if (g == null) {
      return null;
    }
    return new PlatformPolicy.AiGateway(
        g.gatewayName,
        g.gatewayNamespace,
        g.hostnameTemplate,
        g.issuer,
        g.audience == null ? PlatformPolicy.AiGateway.DEFAULT_AUDIENCE : g.audience,
        g.jwksUri,
        g.jwks,
        g.throttleFallbacks,
        g.serviceAccount,
        g.usageQuery);
  }

  /**
   * The Kueue settings; the admission rules bound every value, what is absent takes the default.
   */
  private static PlatformPolicy.Kueue kueue(KueuePolicy k, PlatformPolicy.Kueue d) {
    if (k == null) {
      return d;
    }
    Map<Stage, PlatformPolicy.StageQueues> stages = new EnumMap<>(Stage.class);
    stages.put(Stage.Pilot, stageQueues(k.pilot, d.stages().get(Stage.Pilot)));
    stages.put(Stage.Production, stageQueues(k.production, d.stages().get(Stage.Production)));
    return new PlatformPolicy.Kueue(
        k.podIntegration == null ? d.podIntegration() : k.podIntegration,
        k.defaultFlavor == null ? d.defaultFlavor() : k.defaultFlavor,
        stages);
  }

  private static PlatformPolicy.StageQueues stageQueues(
      KueueStagePolicy s, PlatformPolicy.StageQueues d) {
    if (s == null) {
      return d;
    }
    return new PlatformPolicy.StageQueues(
        s.cohort == null ? d.cohort() : s.cohort,
        s.borrow == null ? d.borrow() : s.borrow,
        s.lendPercent == null ? d.lendPercent() : s.lendPercent,
        s.reclaimWithinCohort == null ? d.reclaimWithinCohort() : s.reclaimWithinCohort);
  }

  private static PlatformPolicy.CloudPolicy cloud(
      CloudAccessPolicy s, PlatformPolicy.CloudPolicy dc) {
    return new PlatformPolicy.CloudPolicy(
        s.allowedProjects == null ? dc.allowedProjects() : s.allowedProjects,
        s.allowedRoles == null ? dc.allowedRoles() : s.allowedRoles,
        s.requireServiceAccount == null ? dc.requireServiceAccount() : s.requireServiceAccount,
        s.maxPrincipalsPerPolicy == null ? dc.maxPrincipalsPerPolicy() : s.maxPrincipalsPerPolicy);
  }

  private static PlatformPolicy.Prices prices(
      FinOpsPolicy f, PlatformPolicy.Prices d, List<String> problems) {
    if (f == null) {
      return d;
    }
    String currency = f.currency == null ? d.currency() : f.currency;
    if (!currency.matches("^[A-Z]{3}$")) {
      problems.add(
          "spec.finops.currency \"" + currency + "\" must be an ISO 4217 code such as EUR");
    }
    Map<String, BigDecimal> gpu = new TreeMap<>(d.gpuHourly());
    if (f.gpuHourlyPrices != null) {
      gpu.clear();
      f.gpuHourlyPrices.forEach(
          (k, v) ->
              gpu.put(k, price(v, BigDecimal.ZERO, "spec.finops.gpuHourlyPrices." + k, problems)));
    }
    String mode = f.budgetAtRisk == null ? "Warn" : f.budgetAtRisk;
    if (!mode.equals("Warn") && !mode.equals("Reject")) {
      problems.add("spec.finops.budgetAtRisk \"" + mode + "\" must be Warn or Reject");
    }
    return new PlatformPolicy.Prices(
        currency,
        gpu,
        price(
            f.defaultGpuHourlyPrice,
            d.defaultGpuHourly(),
            "spec.finops.defaultGpuHourlyPrice",
            problems),
        price(f.cpuCoreHourlyPrice, d.cpuCoreHourly(), "spec.finops.cpuCoreHourlyPrice", problems),
        price(
            f.memoryGiBHourlyPrice,
            d.memoryGiBHourly(),
            "spec.finops.memoryGiBHourlyPrice",
            problems),
        mode.equals("Reject"),
        f.alertRuleLabels == null ? d.alertRuleLabels() : f.alertRuleLabels);
  }

  static BigDecimal price(String v, BigDecimal fallback, String path, List<String> problems) {
    if (v == null) {
      return fallback;
    }
    try {
      BigDecimal p = new BigDecimal(v);
      if (p.signum() < 0) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      problems.add(path + " \"" + v + "\" is not a price such as \"0.71\"");
      return fallback;
    }
  }

  private static PlatformPolicy.Cap cap(
      ComputeCap c, PlatformPolicy.Cap d, String path, List<String> problems) {
    if (c == null) {
      return d;
    }
    int gpus = c.gpus == null ? d.gpus() : c.gpus;
    if (gpus < 0) {
      problems.add(path + ".gpus must be 0 or more");
    }
    return new PlatformPolicy.Cap(
        gpus,
        quantity(c.cpu, d.cpu(), path + ".cpu", problems),
        quantity(c.memory, d.memory(), path + ".memory", problems));
  }

  static Quantity quantity(String value, Quantity fallback, String path, List<String> problems) {
    if (value == null) {
      return fallback;
    }
    Optional<Quantity> q = Quantities.parse(value);
    if (q.isEmpty() || q.get().value().signum() < 0) {
      problems.add(
          path + " \"" + value + "\" is not a Kubernetes quantity such as 16, 500m or 64Gi");
      return fallback;
    }
    return q.get();
  }

  private static String level(
      String value, PlatformPolicy d, Classification c, String field, List<String> problems) {
    if (value == null) {
      return d.podSecurity().get(c);
    }
    if (!PSA_LEVELS.contains(value)) {
      problems.add(
          "spec.podSecurity."
              + field
              + " \""
              + value
              + "\" must be privileged, baseline or restricted");
    }
    return value;
  }
}
