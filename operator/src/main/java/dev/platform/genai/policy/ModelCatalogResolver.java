package dev.platform.genai.policy;

import dev.platform.genai.api.ModelAccessRule;
import dev.platform.genai.api.ModelsPolicy;
import dev.platform.genai.api.TokenPricePolicy;
import dev.platform.genai.values.Classification;
import dev.platform.genai.values.TokenPrice;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model catalog part of a GenAIPlatformPolicy ({@code spec.models}): runtimes, providers (with
 * their token-spend query and prices) and what each classification may use. Each unusable entry is
 * a problem naming its field.
 */
final class ModelCatalogResolver {
  private ModelCatalogResolver() {}

  static ModelCatalog models(ModelsPolicy m, ModelCatalog d, List<String> problems) {
    if (m == null) {
      return d;
    }
    Map<String, ModelCatalog.Runtime> runtimes = new TreeMap<>(d.runtimes());
    if (m.runtimes != null) {
      runtimes.clear();
      m.runtimes.forEach(
          (name, r) -> {
            String path = "spec.models.runtimes." + name;
            if (r == null || r.image == null || r.image.isBlank()) {
              problems.add(path + ".image is required");
              return;
            }
            if (!name.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")) {
              problems.add(path + ": a runtime name must be a DNS label");
            }
            runtimes.put(
                name,
                new ModelCatalog.Runtime(
                    name,
                    r.image,
                    r.port == null ? 8000 : r.port,
                    r.healthPath == null ? "/health" : r.healthPath,
                    r.args == null ? ModelCatalog.DEFAULT_ARGS : r.args,
                    PolicyResolver.quantity(r.cpu, PlatformPolicy.q("2"), path + ".cpu", problems),
                    PolicyResolver.quantity(
                        r.memory, PlatformPolicy.q("8Gi"), path + ".memory", problems),
                    r.kserveModelFormat == null ? "huggingface" : r.kserveModelFormat));
          });
    }
    Map<String, ModelCatalog.Provider> providers = new TreeMap<>(d.providers());
    if (m.providers != null) {
      providers.clear();
      m.providers.forEach(
          (name, p) -> {
            String path = "spec.models.providers." + name;
            if (p == null || p.urlTemplate == null || !p.urlTemplate.startsWith("https://")) {
              problems.add(path + ".urlTemplate must be an https:// URL");
              return;
            }
            List<String> cidrs = p.egressCidrs == null ? List.of() : p.egressCidrs;
            cidrs.stream()
                .filter(c -> !Cidrs.isIpv4Cidr(c))
                .forEach(
                    c ->
                        problems.add(
                            path
                                + ".egressCidrs: \""
                                + c
                                + "\" is not an IPv4 CIDR such as 199.36.153.8/30"));
            ModelCatalog.Provider builtIn = d.providers().get(name);
            providers.put(
                name,
                new ModelCatalog.Provider(
                    name,
                    p.urlTemplate,
                    p.defaultRegion,
                    cidrs.stream().filter(Cidrs::isIpv4Cidr).map(Cidrs::normalize).toList(),
                    p.models == null ? List.of() : p.models,
                    Boolean.TRUE.equals(p.requiresCloudAccess),
                    p.cloudRoles != null
                        ? p.cloudRoles
                        : builtIn != null ? builtIn.cloudRoles() : List.of(),
                    usageQuery(
                        p.usageQuery != null
                            ? p.usageQuery
                            : builtIn != null ? builtIn.usageQuery() : null,
                        path + ".usageQuery",
                        problems),
                    tokenPrices(p.tokenPrices, path + ".tokenPrices", problems),
                    p.residencyLocations == null ? java.util.Map.of() : p.residencyLocations));
          });
    }
    Map<Classification, ModelCatalog.Access> access = new EnumMap<>(d.access());
    var c = m.classifications;
    if (c != null) {
      access(access, Classification.Public, c.publicData, runtimes, providers, problems);
      access(access, Classification.Internal, c.internalData, runtimes, providers, problems);
      access(
          access, Classification.Confidential, c.confidentialData, runtimes, providers, problems);
      access(access, Classification.Restricted, c.restrictedData, runtimes, providers, problems);
    }
    return new ModelCatalog(runtimes, providers, access, "Refuse".equals(m.sharedGoogleProjects));
  }

  /**
   * The four placeholders a usage query needs, else it could not tell input from output or one
   * model from another.
   */
  static final List<String> USAGE_PLACEHOLDERS =
      List.of("{project}", "{model}", "{type}", "{range}");

  private static String usageQuery(String q, String path, List<String> problems) {
    if (q == null || q.isBlank()) {
      return null;
    }
    List<String> missing = USAGE_PLACEHOLDERS.stream().filter(ph -> !q.contains(ph)).toList();
    if (!missing.isEmpty()) {
      problems.add(
          path
              + " must contain "
              + String.join(", ", missing)
              + " (replaced by the Google project, the"
              + " model, input or output, and the range such as 3600s)");
      return null;
    }
    return q;
  }

  private static Map<String, TokenPrice> tokenPrices(
      Map<String, TokenPricePolicy> prices, String path, List<String> problems) {
    Map<String, TokenPrice> out = new TreeMap<>();
    if (prices != null) {
      prices.forEach(
          (model, p) -> {
            if (p == null || p.inputPerMillion == null || p.outputPerMillion == null) {
              problems.add(
                  path
                      + "."
                      + model
                      + " needs inputPerMillion and outputPerMillion, e.g. \"0.30\" and \"2.50\"");
              return;
            }
            int before = problems.size();
            BigDecimal in =
                PolicyResolver.price(
                    p.inputPerMillion, null, path + "." + model + ".inputPerMillion", problems);
            BigDecimal out2 =
                PolicyResolver.price(
                    p.outputPerMillion, null, path + "." + model + ".outputPerMillion", problems);
            if (problems.size() == before) {
              out.put(model, new TokenPrice(in, out2));
            }
          });
    }
    return out;
  }

  private static void access(
      Map<Classification, ModelCatalog.Access> access,
      Classification c,
      ModelAccessRule rule,
      Map<String, ModelCatalog.Runtime> runtimes,
      Map<String, ModelCatalog.Provider> providers,
      List<String> problems) {
    if (rule == null) {
      return;
    }
    String path = "spec.models.classifications." + c.name().toLowerCase(Locale.ROOT);
    ModelCatalog.Access d = access.get(c);
    if (rule.runtimes != null) {
      rule.runtimes.stream()
          .filter(r -> !runtimes.containsKey(r))
          .forEach(r -> problems.add(path + ".runtimes: " + r + " is not in spec.models.runtimes"));
    }
    if (rule.managedModels != null) {
      for (String mm : rule.managedModels) {
        int slash = mm == null ? -1 : mm.indexOf('/');
        if (slash <= 0 || slash == mm.length() - 1) {
          problems.add(
              path + ".managedModels: \"" + mm + "\" must be provider/model or provider/*");
        } else if (!providers.containsKey(mm.substring(0, slash))) {
          problems.add(
              path
                  + ".managedModels: provider "
                  + mm.substring(0, slash)
                  + " is not in spec.models.providers");
        }
      }
    }
    access.put(
        c,
        new ModelCatalog.Access(
            rule.kinds == null ? d.kinds() : rule.kinds,
            rule.runtimes == null ? d.runtimes() : rule.runtimes,
            rule.managedModels == null ? d.managedModels() : rule.managedModels));
  }
}
