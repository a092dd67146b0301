package dev.platform.genai.model;

import dev.platform.genai.values.Quantities.Quantity;
import dev.platform.genai.values.TokenPrice;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The model endpoints of a project, as policy allows them.
 *
 * @param names every name in spec.models (also those policy refuses)
 * @param endpoints the endpoints that can be served, in spec order
 * @param notAllowed "path: message" per model policy refuses, naming the rule; nothing new is
 *     provisioned then
 * @param fitProblem why the self-hosted endpoints do not fit the granted quota, or null
 * @param approvalRequired whether compliance must approve the request (Confidential and Restricted
 *     data)
 * @param digest the governance digest compliance approves ({@link GovernanceDigest})
 */
public record ModelEndpoints(
    List<String> names,
    List<Endpoint> endpoints,
    List<String> notAllowed,
    String fitProblem,
    boolean approvalRequired,
    String digest) {

  public static final String ENDPOINT_LABEL = Names.LABEL_PREFIX + "endpoint";

  public ModelEndpoints {
    names = List.copyOf(names);
    endpoints = List.copyOf(endpoints);
    notAllowed = List.copyOf(notAllowed);
  }

  /** Whether spec.models asks for anything. */
  public boolean requested() {
    return !names.isEmpty();
  }

  /** Whether everything asked for may be provisioned as asked (approval aside). */
  public boolean allowed() {
    return notAllowed.isEmpty() && fitProblem == null;
  }

  public List<SelfHosted> selfHosted() {
    return endpoints.stream()
        .filter(SelfHosted.class::isInstance)
        .map(SelfHosted.class::cast)
        .toList();
  }

  public List<Managed> managed() {
    return endpoints.stream().filter(Managed.class::isInstance).map(Managed.class::cast).toList();
  }

  /**
   * The same endpoints with the Managed ones refused (the policy refuses managed models on a Google
   * project that other projects share): each named in notAllowed with the reason.
   */
  public ModelEndpoints withoutManaged(String why) {
    if (managed().isEmpty()) {
      return this;
    }
    List<String> refused = new java.util.ArrayList<>(notAllowed);
    managed()
        .forEach(m -> refused.add("spec.models[" + names.indexOf(m.name()) + "].managed: " + why));
    return new ModelEndpoints(
        names,
        endpoints.stream().filter(e -> !(e instanceof Managed)).toList(),
        refused,
        fitProblem,
        approvalRequired,
        digest);
  }

  /** Where the Managed endpoints need egress (sorted, each once). */
  public SortedSet<String> managedEgress() {
    SortedSet<String> out = new TreeSet<>();
    managed().forEach(m -> out.addAll(m.egressCidrs()));
    return out;
  }

  /** Name of every object of an endpoint. */
  public static String objectName(String endpoint) {
    return "model-" + endpoint;
  }

  /** One endpoint. */
  public sealed interface Endpoint permits SelfHosted, Managed {
    String name();

    String kind();

    /** What is served, for status. */
    String model();
  }

  /** Served in the namespace by an OpenAI-compatible server (or KServe where installed). */
  public record SelfHosted(
      String name,
      String runtime,
      String image,
      int port,
      String healthPath,
      List<String> args,
      String storageUri,
      int gpusPerReplica,
      int replicas,
      Quantity cpu,
      Quantity memory,
      String kserveModelFormat,
      String gpuType,
      List<String> regions)
      implements Endpoint {
    public SelfHosted {
      args = List.copyOf(args);
      regions = regions == null ? List.of() : List.copyOf(regions);
    }

    public SelfHosted(
        String name,
        String runtime,
        String image,
        int port,
        String healthPath,
        List<String> args,
        String storageUri,
        int gpusPerReplica,
        int replicas,
        Quantity cpu,
        Quantity memory,
        String kserveModelFormat,
        String gpuType) {
      this(
          name,
          runtime,
          image,
          port,
          healthPath,
          args,
          storageUri,
          gpusPerReplica,
          replicas,
          cpu,
          memory,
          kserveModelFormat,
          gpuType,
          List.of());
    }

    @Override
    public String kind() {
      return "SelfHosted";
    }

    @Override
    public String model() {
      return storageUri;
    }
  }

  /**
   * A cloud-hosted model: published, never run here.
   *
   * @param usageQuery the provider's PromQL template for its token counts (null: the provider's
   *     spend is not read)
   * @param price what the model's tokens cost (null: the policy names no price)
   */
  public record Managed(
      String name,
      String provider,
      String model,
      String region,
      String url,
      List<String> egressCidrs,
      String usageQuery,
      TokenPrice price)
      implements Endpoint {
    public Managed {
      egressCidrs = List.copyOf(egressCidrs);
    }

    public Managed(
        String name,
        String provider,
        String model,
        String region,
        String url,
        List<String> egressCidrs) {
      this(name, provider, model, region, url, egressCidrs, null, null);
    }

    @Override
    public String kind() {
      return "Managed";
    }
  }
}
