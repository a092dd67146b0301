package dev.platform.genai.policy;

import dev.platform.genai.values.Classification;
import dev.platform.genai.values.Quantities.Quantity;
import dev.platform.genai.values.TokenPrice;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The models a cluster offers, and which of them each data classification may use. Resolved and
 * immutable.
 */
public record ModelCatalog(
    Map<String, Runtime> runtimes,
    Map<String, Provider> providers,
    Map<Classification, Access> access,
    boolean refuseSharedGoogleProjects) {

  public static final String SELF_HOSTED = "SelfHosted";
  public static final String MANAGED = "Managed";

  public ModelCatalog {
    runtimes = Collections.unmodifiableMap(new TreeMap<>(runtimes));
    providers = Collections.unmodifiableMap(new TreeMap<>(providers));
    access = Collections.unmodifiableMap(new EnumMap<>(access));
  }

  /**
   * An OpenAI-compatible server: image and how to run it; the KServe model format where KServe
   * serves it.
   */
  public record Runtime(
      String name,
      String image,
      int port,
      String healthPath,
      List<String> args,
      Quantity cpu,
      Quantity memory,
      String kserveModelFormat) {
    public Runtime {
      args = List.copyOf(args);
    }
  }

  /**
   * A provider of Managed models: its URL, the CIDRs its private endpoint needs, the models
   * offered, and how its token spend is read: a PromQL template for Cloud Monitoring ({@link
   * #VERTEX_AI_USAGE}) and prices per model ({@link #DEFAULT_PRICE} for the rest).
   */
  public record Provider(
      String name,
      String urlTemplate,
      String defaultRegion,
      List<String> egressCidrs,
      List<String> models,
      boolean requiresCloudAccess,
      List<String> cloudRoles,
      String usageQuery,
      Map<String, TokenPrice> tokenPrices,
      Map<String, List<String>> residencyLocations) {
    public Provider {
      egressCidrs = List.copyOf(egressCidrs);
      models = List.copyOf(models);
      cloudRoles = List.copyOf(cloudRoles);
      tokenPrices = Collections.unmodifiableMap(new TreeMap<>(tokenPrices));
      residencyLocations = Collections.unmodifiableMap(new TreeMap<>(residencyLocations));
    }

    public Provider(
        String name,
        String urlTemplate,
        String defaultRegion,
        List<String> egressCidrs,
        List<String> models,
        boolean requiresCloudAccess,
        List<String> cloudRoles,
        String usageQuery,
        Map<String, TokenPrice> tokenPrices) {
      this(
          name,
          urlTemplate,
          defaultRegion,
          egressCidrs,
          models,
          requiresCloudAccess,
          cloudRoles,
          usageQuery,
          tokenPrices,
          Map.of());
    }

    /**
     * Where the provider guarantees the model's processing stays ({@code residencyLocations}: the
     * model's entry, else "*"); empty when the policy lists none.
     */
    public List<String> residencyLocations(String model) {
      return residencyLocations.getOrDefault(
          model, residencyLocations.getOrDefault("*", List.of()));
    }

    /** The price of the model's tokens, or null when the policy names none (never read as free). */
    public TokenPrice price(String model) {
      return tokenPrices.getOrDefault(model, tokenPrices.get(DEFAULT_PRICE));
    }

    public boolean offers(String model) {
      return models.isEmpty() || models.contains(model);
    }
  }

  /**
   * What one classification may use. {@code runtimes} and {@code managedModels} null: anything in
   * the catalog; managedModels entries are provider/model or provider/*.
   */
  public record Access(List<String> kinds, List<String> runtimes, List<String> managedModels) {
    public Access {
      kinds = List.copyOf(kinds);
      runtimes = runtimes == null ? null : List.copyOf(runtimes);
      managedModels = managedModels == null ? null : List.copyOf(managedModels);
    }

    public boolean allowsRuntime(String runtime) {
      return runtimes == null || runtimes.contains(runtime);
    }

    public boolean allowsManaged(String provider, String model) {
      return managedModels == null
          || managedModels.contains(provider + "/" + model)
          || managedModels.contains(provider + "/*");
    }
  }

  /** The key of tokenPrices for a provider's models without a price of their own. */
  public static final String DEFAULT_PRICE = "default";

  /**
   * Vertex AI's token counter in Cloud Monitoring, in PromQL: {@code
   * aiplatform.googleapis.com/publisher/online_serving/token_count} (a DELTA counter on the
   * monitored resource aiplatform.googleapis.com/PublisherModel; resource labels resource_container
   * = the Google project, model_user_id = the model, location = the region served from; metric
   * label type = input or output), its name mapped as Cloud Monitoring's PromQL documents
   * (cloud.google.com/monitoring/promql/promql-mapping: first '/' to ':', other '/' and '.' to
   * '_'). It carries the Google project, the model and the location, never the caller: two
   * endpoints of one model in two regions are told apart by location.
   */
  public static final String VERTEX_AI_USAGE =
      "sum(increase(aiplatform_googleapis_com:publisher_online_serving_token_count"
          + "{monitored_resource=\"aiplatform.googleapis.com/PublisherModel\",resource_container=\"{project}\","
          + "location=\"{location}\",model_user_id=\"{model}\",type=\"{type}\"}[{range}]))";

  static final List<String> DEFAULT_ARGS =
      List.of("--model={model}", "--served-model-name={name}", "--port={port}");

  /** Built in: vLLM's OpenAI-compatible server; Vertex AI through Private Google Access. */
  static final ModelCatalog DEFAULTS =
      new ModelCatalog(
          Map.of(
              "vllm",
              new Runtime(
                  "vllm",
                  "vllm/vllm-openai:v0.6.4.post1",
                  8000,
                  "/health",
                  DEFAULT_ARGS,
                  PlatformPolicy.q("2"),
                  PlatformPolicy.q("8Gi"),
                  "huggingface")),
          Map.of(
              "VertexAI",
              new Provider(
                  "VertexAI",
                  "https://{region}-aiplatform.googleapis.com/v1/projects/{project}/locations/{region}/publishers/google"
                      + "/models/{model}",
                  "europe-west4",
                  List.of("199.36.153.8/30"),
                  List.of(),
                  true,
                  List.of("roles/aiplatform.user"),
                  VERTEX_AI_USAGE,
                  Map.of())),
          Map.of(
              Classification.Public, new Access(List.of(SELF_HOSTED, MANAGED), null, null),
              Classification.Internal, new Access(List.of(SELF_HOSTED, MANAGED), null, null),
              Classification.Confidential,
                  new Access(List.of(SELF_HOSTED, MANAGED), null, List.of("VertexAI/*")),
              Classification.Restricted, new Access(List.of(SELF_HOSTED), null, List.of())),
          false);
}
