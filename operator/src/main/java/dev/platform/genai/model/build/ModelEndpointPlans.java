package dev.platform.genai.model.build;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.api.GenAIProjectSpec;
import dev.platform.genai.api.ModelEndpoint;
import dev.platform.genai.model.GovernanceDigest;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.ModelEndpoints.Endpoint;
import dev.platform.genai.model.ProjectModel.QuotaGrant;
import dev.platform.genai.model.Residency;
import dev.platform.genai.policy.ModelCatalog;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.values.Classification;
import dev.platform.genai.values.Counted;
import dev.platform.genai.values.Quantities.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks spec.models against the policy's catalog and the granted quota. Pure. */
final class ModelEndpointPlans {
  private ModelEndpointPlans() {}

  static ModelEndpoints build(
      GenAIProjectSpec spec,
      JsonNode specDocument,
      Classification classification,
      QuotaGrant quota,
      PlatformPolicy policy,
      Residency residency) {
    Rules rules =
        new Rules(
            policy,
            classification,
            policy.models().access().get(classification),
            spec.resources == null ? null : spec.resources.gpuType,
            spec.gcp == null ? null : spec.gcp.projectId,
            residency);
    List<String> names = new ArrayList<>();
    List<Endpoint> endpoints = new ArrayList<>();
    List<String> notAllowed = new ArrayList<>();
    List<ModelEndpoint> models = spec.models == null ? List.of() : spec.models;
    for (int i = 0; i < models.size(); i++) {
      ModelEndpoint m = models.get(i);
      if (m == null || m.name == null) {
        continue; // admission requires a name; the schema check has reported it
      }
      names.add(m.name);
      String path = "spec.models[" + i + "]";
      String problem;
      if (m.kind == null || !rules.access().kinds().contains(m.kind)) {
        problem =
            path
                + ".kind: "
                + m.kind
                + " models are not allowed for "
                + classification
                + " data ("
                + rules.where()
                + ".kinds: "
                + (rules.access().kinds().isEmpty()
                    ? "none"
                    : String.join(", ", rules.access().kinds()))
                + ")";
      } else if (ModelCatalog.SELF_HOSTED.equals(m.kind) && m.selfHosted != null) {
        problem = selfHosted(rules, m, path, endpoints);
      } else if (ModelCatalog.MANAGED.equals(m.kind) && m.managed != null) {
        problem = managed(rules, m, path, endpoints);
      } else {
        problem = null;
      }
      if (problem != null) {
        notAllowed.add(problem);
      }
    }
    return new ModelEndpoints(
        names,
        endpoints,
        notAllowed,
        fit(endpoints, quota),
        classification.sensitive() && !names.isEmpty(),
        GovernanceDigest.of(specDocument, residency));
  }

  /**
   * What the policy says for this project's classification, and what of the spec the endpoints
   * need.
   */
  private record Rules(
      PlatformPolicy policy,
      Classification classification,
      ModelCatalog.Access access,
      String gpuType,
      String gcpProject,
      Residency residency) {
    String where() {
      return policy.source()
          + " spec.models.classifications."
          + classification.name().toLowerCase(Locale.ROOT);
    }

    ModelCatalog catalog() {
      return policy.models();
    }
  }

  /** Adds the endpoint, or says why policy refuses it. */
  private static String selfHosted(
      Rules rules, ModelEndpoint m, String path, List<Endpoint> endpoints) {
    ModelCatalog.Runtime runtime = rules.catalog().runtimes().get(m.selfHosted.runtime);
    Classification classification = rules.classification();
    if (runtime == null) {
      return path
          + ".selfHosted.runtime: "
          + m.selfHosted.runtime
          + " is not in the catalog ("
          + rules.policy().source()
          + " spec.models.runtimes: "
          + String.join(", ", rules.catalog().runtimes().keySet())
          + ")";
    } else if (!rules.access().allowsRuntime(runtime.name())) {
      return path
          + ".selfHosted.runtime: "
          + runtime.name()
          + " is not allowed for "
          + classification
          + " data ("
          + rules.where()
          + ".runtimes: "
          + String.join(", ", rules.access().runtimes())
          + ")";
    } else if (classification.sensitive()
        && m.selfHosted.storageUri != null
        && m.selfHosted.storageUri.startsWith("hf://")) {
      return path
          + ".selfHosted.storageUri: "
          + classification
          + " data has no internet egress, so"
          + " hf:// weights cannot be downloaded: copy them to a bucket and use gs:// (fetched as the"
          + " project's workload identity through Private Google Access)";
    }
    endpoints.add(
        new ModelEndpoints.SelfHosted(
            m.name,
            runtime.name(),
            runtime.image(),
            runtime.port(),
            runtime.healthPath(),
            runtime.args(),
            m.selfHosted.storageUri,
            m.selfHosted.gpusPerReplica == null ? 1 : m.selfHosted.gpusPerReplica,
            m.selfHosted.replicas == null ? 1 : m.selfHosted.replicas,
            runtime.cpu(),
            runtime.memory(),
            runtime.kserveModelFormat(),
            rules.gpuType(),
            rules.residency().regions()));
    return null;
  }

  /** Adds the endpoint, or says why policy refuses it. */
  private static String managed(
      Rules rules, ModelEndpoint m, String path, List<Endpoint> endpoints) {
    ModelCatalog.Provider provider = rules.catalog().providers().get(m.managed.provider);
    String region =
        m.managed.region != null
            ? m.managed.region
            : provider == null ? null : provider.defaultRegion();
    String project = rules.gcpProject();
    String source = rules.policy().source();
    if (provider == null) {
      return path
          + ".managed.provider: "
          + m.managed.provider
          + " is not in the catalog ("
          + source
          + " spec.models.providers: "
          + String.join(", ", rules.catalog().providers().keySet())
          + ")";
    } else if (!provider.offers(m.managed.model)) {
      return path
          + ".managed.model: "
          + provider.name()
          + " offers "
          + String.join(", ", provider.models())
          + ", not "
          + m.managed.model
          + " ("
          + source
          + " spec.models.providers."
          + provider.name()
          + ".models)";
    } else if (!rules.access().allowsManaged(provider.name(), m.managed.model)) {
      return path
          + ".managed.model: "
          + provider.name()
          + "/"
          + m.managed.model
          + " is not allowed for "
          + rules.classification()
          + " data ("
          + rules.where()
          + ".managedModels: "
          + (rules.access().managedModels().isEmpty()
              ? "none"
              : String.join(", ", rules.access().managedModels()))
          + ")";
    } else if (provider.requiresCloudAccess() && project == null) {
      return path
          + ".managed: "
          + provider.name()
          + " models are called with the project's cloud identity: set"
          + " spec.gcp (projectId and roles such as roles/aiplatform.user)";
    } else if (region == null && provider.urlTemplate().contains("{region}")) {
      return path + ".managed.region: " + provider.name() + " has no default region: set one";
    }
    String outside = residency(rules, provider, m.managed.model, region, path);
    if (outside != null) {
      return outside;
    }
    String url =
        provider
            .urlTemplate()
            .replace("{region}", region == null ? "" : region)
            .replace("{project}", project == null ? "" : project)
            .replace("{model}", m.managed.model);
    endpoints.add(
        new ModelEndpoints.Managed(
            m.name,
            provider.name(),
            m.managed.model,
            region,
            url,
            provider.egressCidrs(),
            provider.usageQuery(),
            provider.price(m.managed.model)));
    return null;
  }

  /**
   * Where residency applies, a managed endpoint's location must be allowed and one where the
   * provider guarantees the model's processing stays (the policy's residencyLocations); {@code
   * global} guarantees nothing. The message names the locations that would do: allowed and
   * guaranteed for the model. Null when it complies.
   */
  static String residency(
      Rules rules, ModelCatalog.Provider provider, String model, String region, String path) {
    Residency r = rules.residency();
    if (!r.applies()) {
      return null;
    }
    List<String> guaranteed = provider.residencyLocations(model);
    List<String> fit = r.regions().stream().filter(guaranteed::contains).toList();
    String use =
        fit.isEmpty()
            ? " No location is both allowed and guaranteed for "
                + provider.name()
                + "/"
                + model
                + ": list the provider's guarantees in "
                + rules.policy().source()
                + " spec.models.providers."
                + provider.name()
                + ".residencyLocations, or use a self-hosted model."
            : " Use one of: " + String.join(", ", fit) + ".";
    String where = rules.classification() + " data may be processed only in " + r.describe();
    if ("global".equals(region)) {
      return path
          + ".managed.region: global gives no residency guarantee (the provider may process the request"
          + " in any region); "
          + where
          + "."
          + use;
    } else if (!r.allows(region)) {
      return path
          + ".managed.region: "
          + region
          + " is outside the allowed locations: "
          + where
          + "."
          + use;
    } else if (!guaranteed.contains(region)) {
      return path
          + ".managed.region: "
          + provider.name()
          + " does not guarantee that "
          + model
          + " is processed"
          + " in "
          + region
          + " ("
          + rules.policy().source()
          + " spec.models.providers."
          + provider.name()
          + ".residencyLocations: "
          + (guaranteed.isEmpty() ? "none for it" : String.join(", ", guaranteed))
          + "); "
          + where
          + "."
          + use;
    }
    return null;
  }

  /** Whether the self-hosted endpoints fit the granted quota, at full scale. */
  private static String fit(List<Endpoint> endpoints, QuotaGrant quota) {
    int gpus = 0;
    BigDecimal cpu = BigDecimal.ZERO;
    BigDecimal memory = BigDecimal.ZERO;
    List<String> parts = new ArrayList<>();
    for (Endpoint e : endpoints) {
      if (e instanceof ModelEndpoints.SelfHosted s) {
        gpus += s.gpusPerReplica() * s.replicas();
        cpu = cpu.add(s.cpu().value().multiply(BigDecimal.valueOf(s.replicas())));
        memory = memory.add(s.memory().value().multiply(BigDecimal.valueOf(s.replicas())));
        parts.add(
            s.name()
                + ": "
                + s.replicas()
                + " × ("
                + s.gpusPerReplica()
                + " GPU, "
                + s.cpu().canonical()
                + " CPU, "
                + s.memory().canonical()
                + ")");
      }
    }
    List<String> over = new ArrayList<>();
    if (gpus > quota.gpus()) {
      over.add(Counted.of(gpus, "GPU") + " where the quota grants " + quota.gpus());
    }
    if (cpu.compareTo(quota.cpu().value()) > 0) {
      over.add(
          new Quantity(cpu, false).canonical()
              + " CPU where the quota grants "
              + quota.cpu().canonical());
    }
    if (memory.compareTo(quota.memory().value()) > 0) {
      over.add(
          new Quantity(memory, true).canonical()
              + " memory where the quota grants "
              + quota.memory().canonical());
    }
    if (over.isEmpty()) {
      return null;
    }
    return "The self-hosted models need "
        + String.join(", ", over)
        + " ("
        + String.join("; ", parts)
        + "), so none is created rather than pods stuck Pending: lower replicas or gpusPerReplica, or raise"
        + " spec.resources"
        + (quota.isCapped() ? " (the request is already at the cluster's cap)" : "")
        + ".";
  }
}
