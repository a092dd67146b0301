package dev.platform.genai.plan;

import dev.platform.genai.values.Classification;
import dev.platform.genai.model.GovernanceDigest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.api.GenAIProjectSpec;
import dev.platform.genai.api.ModelEndpoint;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.ModelEndpoints.Endpoint;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.ProjectModel.QuotaGrant;
import dev.platform.genai.values.Quantities.Quantity;
import dev.platform.genai.policy.ModelCatalog;
import dev.platform.genai.policy.PlatformPolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks spec.models against the policy's catalog and the granted quota. Pure. */
final class ModelEndpointPlans {
  private ModelEndpointPlans() {}

  static ModelEndpoints build(GenAIProjectSpec spec, JsonNode specDocument, Classification classification,
      QuotaGrant quota, PlatformPolicy policy) {
    List<String> names = new ArrayList<>();
    List<Endpoint> endpoints = new ArrayList<>();
    List<String> notAllowed = new ArrayList<>();
    ModelCatalog catalog = policy.models();
    ModelCatalog.Access access = catalog.access().get(classification);
    String rules = policy.source() + " spec.models.classifications."
        + classification.name().toLowerCase(Locale.ROOT);
    List<ModelEndpoint> models = spec.models == null ? List.of() : spec.models;
    String gpuType = spec.resources == null ? null : spec.resources.gpuType;
    for (int i = 0; i < models.size(); i++) {
      ModelEndpoint m = models.get(i);
      if (m == null || m.name == null) {
        continue; // admission requires a name; the schema check has reported it
      }
      names.add(m.name);
      String path = "spec.models[" + i + "]";
      if (m.kind == null || !access.kinds().contains(m.kind)) {
        notAllowed.add(path + ".kind: " + m.kind + " models are not allowed for " + classification + " data ("
            + rules + ".kinds: " + (access.kinds().isEmpty() ? "none" : String.join(", ", access.kinds())) + ")");
        continue;
      }
      if (ModelCatalog.SELF_HOSTED.equals(m.kind) && m.selfHosted != null) {
        ModelCatalog.Runtime runtime = catalog.runtimes().get(m.selfHosted.runtime);
        if (runtime == null) {
          notAllowed.add(path + ".selfHosted.runtime: " + m.selfHosted.runtime + " is not in the catalog ("
              + policy.source() + " spec.models.runtimes: " + String.join(", ", catalog.runtimes().keySet()) + ")");
        } else if (!access.allowsRuntime(runtime.name())) {
          notAllowed.add(path + ".selfHosted.runtime: " + runtime.name() + " is not allowed for " + classification
              + " data (" + rules + ".runtimes: " + String.join(", ", access.runtimes()) + ")");
        } else if (classification.sensitive() && m.selfHosted.storageUri != null
            && m.selfHosted.storageUri.startsWith("hf://")) {
          notAllowed.add(path + ".selfHosted.storageUri: " + classification + " data has no internet egress, so"
              + " hf:// weights cannot be downloaded: copy them to a bucket and use gs:// (fetched as the"
              + " project's workload identity through Private Google Access)");
        } else {
          endpoints.add(new ModelEndpoints.SelfHosted(m.name, runtime.name(), runtime.image(), runtime.port(),
              runtime.healthPath(), runtime.args(), m.selfHosted.storageUri,
              m.selfHosted.gpusPerReplica == null ? 1 : m.selfHosted.gpusPerReplica,
              m.selfHosted.replicas == null ? 1 : m.selfHosted.replicas, runtime.cpu(), runtime.memory(),
              runtime.kserveModelFormat(), gpuType));
        }
      } else if (ModelCatalog.MANAGED.equals(m.kind) && m.managed != null) {
        ModelCatalog.Provider provider = catalog.providers().get(m.managed.provider);
        String region = m.managed.region != null ? m.managed.region : provider == null ? null
            : provider.defaultRegion();
        String project = spec.gcp == null ? null : spec.gcp.projectId;
        if (provider == null) {
          notAllowed.add(path + ".managed.provider: " + m.managed.provider + " is not in the catalog ("
              + policy.source() + " spec.models.providers: " + String.join(", ", catalog.providers().keySet())
              + ")");
        } else if (!provider.offers(m.managed.model)) {
          notAllowed.add(path + ".managed.model: " + provider.name() + " offers " + String.join(", ",
              provider.models()) + ", not " + m.managed.model + " (" + policy.source() + " spec.models.providers."
              + provider.name() + ".models)");
        } else if (!access.allowsManaged(provider.name(), m.managed.model)) {
          notAllowed.add(path + ".managed.model: " + provider.name() + "/" + m.managed.model
              + " is not allowed for " + classification + " data (" + rules + ".managedModels: "
              + (access.managedModels().isEmpty() ? "none" : String.join(", ", access.managedModels())) + ")");
        } else if (provider.requiresCloudAccess() && project == null) {
          notAllowed.add(path + ".managed: " + provider.name() + " models are called with the project's cloud"
              + " identity: set spec.gcp (projectId and roles such as roles/aiplatform.user)");
        } else if (region == null && provider.urlTemplate().contains("{region}")) {
          notAllowed.add(path + ".managed.region: " + provider.name() + " has no default region: set one");
        } else {
          String url = provider.urlTemplate().replace("{region}", region == null ? "" : region)
              .replace("{project}", project == null ? "" : project).replace("{model}", m.managed.model);
          endpoints.add(new ModelEndpoints.Managed(m.name, provider.name(), m.managed.model, region, url,
              provider.egressCidrs()));
        }
      }
    }
    return new ModelEndpoints(names, endpoints, notAllowed, fit(endpoints, quota), classification.sensitive()
        && !names.isEmpty(), GovernanceDigest.of(specDocument));
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
        parts.add(s.name() + ": " + s.replicas() + " × (" + s.gpusPerReplica() + " GPU, " + s.cpu().canonical()
            + " CPU, " + s.memory().canonical() + ")");
      }
    }
    List<String> over = new ArrayList<>();
    if (gpus > quota.gpus()) {
      over.add(gpus + " GPUs where the quota grants " + quota.gpus());
    }
    if (cpu.compareTo(quota.cpu().value()) > 0) {
      over.add(new Quantity(cpu, false).canonical() + " CPU where the quota grants " + quota.cpu().canonical());
    }
    if (memory.compareTo(quota.memory().value()) > 0) {
      over.add(new Quantity(memory, true).canonical() + " memory where the quota grants "
          + quota.memory().canonical());
    }
    if (over.isEmpty()) {
      return null;
    }
    return "The self-hosted models need " + String.join(", ", over) + " (" + String.join("; ", parts)
        + "), so none is created rather than pods stuck Pending: lower replicas or gpusPerReplica, or raise"
        + " spec.resources" + (quota.isCapped() ? " (the request is already at the cluster's cap)" : "") + ".";
  }
}
