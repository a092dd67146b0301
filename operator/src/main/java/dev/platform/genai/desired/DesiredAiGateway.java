package dev.platform.genai.desired;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.model.AiGatewayPlan;
import dev.platform.genai.model.AiGatewayPlan.TokenBudget;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A project's model endpoints behind Envoy AI Gateway (aigateway.envoyproxy.io/v1beta1, the stored
 * version at envoyproxy/ai-gateway c217da8, on Envoy Gateway v1.8.1's
 * gateway.envoyproxy.io/v1alpha1 policies):
 *
 * <ul>
 *   <li>an {@code AIGatewayRoute} named {@value #ROUTE} on the platform team's Gateway, on the
 *       project's own hostname, a rule per endpoint (clients name the endpoint; a managed one's
 *       provider gets its model), and the request's cost written by the AI Gateway filter: {@code
 *       genai_cost} in budget units (a CEL expression), {@code genai_tokens} its total tokens;
 *   <li>per endpoint an {@code AIServiceBackend} (Vertex AI's schema for managed models, OpenAI's
 *       for self-hosted ones) on an Envoy Gateway {@code Backend} (the provider's regional host, or
 *       the endpoint's Service), and per Google region a {@code BackendSecurityPolicy} of type
 *       GCPCredentials: the gateway calls Google with its own identity;
 *   <li>a {@code SecurityPolicy} on the route: a JWT is required (the cluster's ServiceAccount
 *       tokens with the gateway's audience) and only the project's workload ServiceAccount is
 *       allowed; while the budget denies, nobody is (403);
 *   <li>a {@code BackendTrafficPolicy} named {@code token-budget-<month>}: one global rate-limit
 *       bucket shared by the route's rules, a request checks it at cost 0 and its response spends
 *       {@code genai_cost}; the limit is the month's budget in units, per Year (see {@link #budget}
 *       for the calendar month), and 429 and 403 say whose budget and what to do.
 * </ul>
 */
public final class DesiredAiGateway {
  public static final String API = "aigateway.envoyproxy.io/v1beta1";
  public static final String EG_API = "gateway.envoyproxy.io/v1alpha1";
  public static final String ROUTE = "models";

  /** Where the AI Gateway filter writes request costs. */
  public static final String METADATA_NAMESPACE = "io.envoy.ai_gateway";

  static final String JWT_PROVIDER = "kubernetes";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DesiredAiGateway() {}

  /** A kind this writes: its API version, kind and plural (the client needs no discovery). */
  public record GatewayKind(String apiVersion, String kind, String plural) {
    public String group() {
      return apiVersion.substring(0, apiVersion.indexOf('/'));
    }

    public String version() {
      return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    /** The CRD that serves it. */
    public String crd() {
      return plural + "." + group();
    }

    /** The file of its CRD as published upstream ({@code <group>_<plural>.yaml}). */
    public String crdFile() {
      return group() + "_" + plural + ".yaml";
    }
  }

  /** Every kind, in apply order: what must be served for the gateway to be used. */
  public static final List<GatewayKind> KINDS =
      List.of(
          new GatewayKind(EG_API, "Backend", "backends"),
          new GatewayKind(API, "AIServiceBackend", "aiservicebackends"),
          new GatewayKind(API, "BackendSecurityPolicy", "backendsecuritypolicies"),
          new GatewayKind(API, "AIGatewayRoute", "aigatewayroutes"),
          new GatewayKind(EG_API, "SecurityPolicy", "securitypolicies"),
          new GatewayKind(EG_API, "BackendTrafficPolicy", "backendtrafficpolicies"));

  /**
   * Every object, in apply order (backends before the route that names them, policies after it).
   */
  public static List<HasMetadata> of(ProjectModel m, AiGatewayPlan g) {
    List<HasMetadata> out = new ArrayList<>();
    Map<String, List<String>> backendsByRegion = new TreeMap<>();
    for (ModelEndpoints.Endpoint e : m.endpoints().endpoints()) {
      if (e instanceof ModelEndpoints.Managed managed) {
        backendsByRegion
            .computeIfAbsent(managed.region(), r -> new ArrayList<>())
            .add(backendName(e));
      }
    }
    backendsByRegion.keySet().forEach(region -> out.add(vertexHost(m, region)));
    for (ModelEndpoints.Endpoint e : m.endpoints().endpoints()) {
      if (e instanceof ModelEndpoints.SelfHosted) {
        out.add(serviceHost(m, e));
      }
      out.add(aiServiceBackend(m, e));
    }
    backendsByRegion.forEach((region, backends) -> out.add(googleCredentials(m, region, backends)));
    out.add(route(m, g));
    out.add(security(m, g));
    out.add(budget(m, g));
    return List.copyOf(out);
  }

  /** The endpoint's AIServiceBackend (and, for a self-hosted one, its Envoy Gateway Backend). */
  public static String backendName(ModelEndpoints.Endpoint e) {
    return ModelEndpoints.objectName(e.name());
  }

  /**
   * The month's BackendTrafficPolicy: renamed each calendar month, so its bucket starts empty on
   * the 1st.
   */
  public static String budgetName(TokenBudget b) {
    return "token-budget-" + b.month();
  }

  private static GenericKubernetesResource vertexHost(ProjectModel m, String region) {
    ObjectNode spec = JSON.createObjectNode().put("type", "Endpoints");
    spec.putArray("endpoints")
        .addObject()
        .putObject("fqdn")
        .put("hostname", vertexHostname(region))
        .put("port", 443);
    spec.putObject("tls")
        .put("wellKnownCACertificates", "System")
        .put("sni", vertexHostname(region));
    return object(m, EG_API, "Backend", vertexName(region), spec);
  }

  private static GenericKubernetesResource serviceHost(ProjectModel m, ModelEndpoints.Endpoint e) {
    ObjectNode spec = JSON.createObjectNode().put("type", "Endpoints");
    spec.putArray("endpoints")
        .addObject()
        .putObject("fqdn")
        .put(
            "hostname",
            ModelEndpoints.objectName(e.name()) + "." + m.namespace() + ".svc.cluster.local")
        .put("port", DesiredModelEndpoint.SERVICE_PORT);
    return object(m, EG_API, "Backend", backendName(e), spec);
  }

  private static GenericKubernetesResource aiServiceBackend(
      ProjectModel m, ModelEndpoints.Endpoint e) {
    ObjectNode spec = JSON.createObjectNode();
    if (e instanceof ModelEndpoints.Managed managed) {
      spec.putObject("schema").put("name", "GCPVertexAI");
      backendRef(spec, vertexName(managed.region()));
    } else {
      spec.putObject("schema").put("name", "OpenAI").put("version", "v1");
      backendRef(spec, backendName(e));
    }
    return object(m, API, "AIServiceBackend", backendName(e), spec);
  }

  private static void backendRef(ObjectNode spec, String name) {
    spec.putObject("backendRef")
        .put("group", "gateway.envoyproxy.io")
        .put("kind", "Backend")
        .put("name", name);
  }

  private static GenericKubernetesResource googleCredentials(
      ProjectModel m, String region, List<String> backends) {
    ObjectNode spec = JSON.createObjectNode();
    ArrayNode targets = spec.putArray("targetRefs");
    backends.forEach(
        b ->
            targets
                .addObject()
                .put("group", "aigateway.envoyproxy.io")
                .put("kind", "AIServiceBackend")
                .put("name", b));
    spec.put("type", "GCPCredentials");
    // no credentials file: the gateway's own Google identity (Workload Identity on GKE, application
    // default creds)
    spec.putObject("gcpCredentials")
        .put("projectName", m.cloud() == null ? "" : m.cloud().projectId())
        .put("region", region);
    return object(m, API, "BackendSecurityPolicy", vertexName(region), spec);
  }

  private static GenericKubernetesResource route(ProjectModel m, AiGatewayPlan g) {
    ObjectNode spec = JSON.createObjectNode();
    spec.putArray("parentRefs")
        .addObject()
        .put("group", "gateway.networking.k8s.io")
        .put("kind", "Gateway")
        .put("name", g.gatewayName())
        .put("namespace", g.gatewayNamespace());
    spec.putArray("hostnames").add(g.hostname());
    ArrayNode rules = spec.putArray("rules");
    for (ModelEndpoints.Endpoint e : m.endpoints().endpoints()) {
      ObjectNode rule = rules.addObject();
      rule.put("name", e.name());
      rule.putArray("matches")
          .addObject()
          .putArray("headers")
          .addObject()
          .put("type", "Exact")
          .put("name", "x-ai-eg-model")
          .put("value", e.name());
      ObjectNode ref = rule.putArray("backendRefs").addObject().put("name", backendName(e));
      String override = g.modelOverrides().get(e.name());
      if (override != null) {
        ref.put("modelNameOverride", override);
      } else if (e instanceof ModelEndpoints.Managed managed) {
        ref.put("modelNameOverride", managed.model());
      }
    }
    ArrayNode costs = spec.putArray("llmRequestCosts");
    costs
        .addObject()
        .put("metadataKey", AiGatewayPlan.COST_KEY)
        .put("type", "CEL")
        .put("cel", g.budget().costExpression());
    costs.addObject().put("metadataKey", AiGatewayPlan.TOKENS_KEY).put("type", "TotalToken");
    return object(m, API, "AIGatewayRoute", ROUTE, spec);
  }

  private static GenericKubernetesResource security(ProjectModel m, AiGatewayPlan g) {
    ObjectNode spec = JSON.createObjectNode();
    targetRoute(spec);
    ObjectNode provider =
        spec.putObject("jwt")
            .putArray("providers")
            .addObject()
            .put("name", JWT_PROVIDER)
            .put("issuer", g.issuer());
    provider.putArray("audiences").add(g.audience());
    if (g.jwksUri() != null) {
      provider.putObject("remoteJWKS").put("uri", g.jwksUri());
    } else {
      provider.putObject("localJWKS").put("type", "Inline").put("inline", g.jwks());
    }
    // the caller's subject as a header AI Gateway labels its token metrics with
    // (metricsRequestHeaderAttributes):
    // Envoy's jwt_authn adds it after the check (addCopy), after a value the client sent, and AI
    // Gateway's extproc
    // keeps the last value of a header (headersToMap), so a client cannot charge its tokens to
    // another project
    provider
        .putArray("claimToHeaders")
        .addObject()
        .put("header", AiGatewayPlan.CALLER_HEADER)
        .put("claim", "sub");
    ObjectNode authorization = spec.putObject("authorization").put("defaultAction", "Deny");
    ArrayNode rules = authorization.putArray("rules");
    if (g.budget().state() != TokenBudget.State.DENIED) {
      ObjectNode rule = rules.addObject().put("name", "project-workload").put("action", "Allow");
      ObjectNode claim =
          rule.putObject("principal")
              .putObject("jwt")
              .put("provider", JWT_PROVIDER)
              .putArray("claims")
              .addObject()
              .put("name", "sub");
      claim.putArray("values").add(g.caller());
    }
    return object(m, EG_API, "SecurityPolicy", ROUTE, spec);
  }

  /**
   * The month's budget. Envoy's rate limiter counts per descriptor and window, windows aligned on
   * the epoch: a "Month" is 30 days, so it would reset mid-month. The bucket is renamed each
   * calendar month instead (the shared rule's descriptor is the policy's namespace, name and rule
   * index) and counted per Year, whose epoch-aligned boundary falls inside a calendar month once a
   * year: in that month the bucket starts again from empty at the boundary (docs/ai-gateway.md).
   */
  static GenericKubernetesResource budget(ProjectModel m, AiGatewayPlan g) {
    TokenBudget b = g.budget();
    ObjectNode spec = JSON.createObjectNode();
    targetRoute(spec);
    ObjectNode rule =
        spec.putObject("rateLimit")
            .put("type", "Global")
            .putObject("global")
            .putArray("rules")
            .addObject();
    rule.put("shared", true);
    rule.putObject("limit").put("requests", Math.max(1, b.limitUnits())).put("unit", "Year");
    ObjectNode cost = rule.putObject("cost");
    cost.putObject("request").put("from", "Number").put("number", 0);
    cost.putObject("response")
        .put("from", "Metadata")
        .putObject("metadata")
        .put("namespace", METADATA_NAMESPACE)
        .put("key", AiGatewayPlan.COST_KEY);
    ArrayNode overrides = spec.putArray("responseOverride");
    override(
        overrides,
        429,
        "Project "
            + m.name()
            + " has spent its token budget for "
            + b.month()
            + " ("
            + b.amount().toPlainString()
            + " "
            + b.currency()
            + " after in-cluster spend). Ask its sponsor to raise"
            + " spec.budget.monthlyLimit, or wait for the next month.\n");
    override(
        overrides,
        403,
        b.state() == TokenBudget.State.DENIED
            ? b.why() + "\n"
            : "Only the workload"
                + " ServiceAccount of project "
                + m.name()
                + " (namespace "
                + m.namespace()
                + ") may call these models, with"
                + " a projected token for the audience "
                + g.audience()
                + ".\n");
    return object(m, EG_API, "BackendTrafficPolicy", budgetName(b), spec);
  }

  private static void override(ArrayNode overrides, int status, String body) {
    ObjectNode o = overrides.addObject();
    o.putObject("match")
        .putArray("statusCodes")
        .addObject()
        .put("type", "Value")
        .put("value", status);
    o.putObject("response")
        .put("contentType", "text/plain")
        .putObject("body")
        .put("type", "Inline")
        .put("inline", body);
  }

  private static void targetRoute(ObjectNode spec) {
    spec.putArray("targetRefs")
        .addObject()
        .put("group", "gateway.networking.k8s.io")
        .put("kind", "HTTPRoute")
        .put("name", ROUTE);
  }

  static String vertexHostname(String region) {
    return region + "-aiplatform.googleapis.com";
  }

  private static String vertexName(String region) {
    return "vertex-" + region;
  }

  private static GenericKubernetesResource object(
      ProjectModel m, String apiVersion, String kind, String name, ObjectNode spec) {
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setApiVersion(apiVersion);
    r.setKind(kind);
    r.setMetadata(Meta.inNamespace(m, name));
    r.setAdditionalProperty("spec", JSON.convertValue(spec, Map.class));
    return r;
  }
}
