package dev.platform.genai.plan.finops;

import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.policy.ModelCatalog;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.values.TokenPrice;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a project's managed-model tokens are read where they pass: at Envoy AI Gateway, whose token
 * metrics carry the caller (the workload's JWT subject, copied into a header the metrics are
 * labelled by), so the figure is this project's own even on a Google project others call too. Pure:
 * the observer builds it from the policy, the cost evaluator reads with it.
 *
 * @param usageQuery the policy's PromQL template ({caller}, {endpoint}, {model}, {type}, {range})
 * @param caller the workload's JWT subject
 * @param endpoints each managed endpoint with the models the gateway may send its requests to
 */
public record GatewayMetering(String usageQuery, String caller, List<Metered> endpoints) {
  public GatewayMetering {
    endpoints = List.copyOf(endpoints);
  }

  /**
   * One managed endpoint: the models that may serve it (its own and, while the project is
   * throttled, the policy's cheaper fallback), each at the price managed spend uses.
   */
  public record Metered(String endpoint, String provider, List<PricedModel> models) {
    public Metered {
      models = List.copyOf(models);
    }
  }

  /**
   * A model and its price per million tokens (null when the policy has none: the reading says so).
   */
  public record PricedModel(String model, TokenPrice price) {}

  /**
   * The metering of a project whose endpoints are behind the gateway (the policy names one and its
   * CRDs are served), or null when its managed tokens are read from the provider's metrics instead
   * (no gateway, or no managed endpoint). A fallback is priced as the policy prices it (its own
   * price, else the provider's default); one the policy has no price for at all, as the model it
   * stands in for (the fallback is the cheaper one: never counted below its cost).
   */
  public static GatewayMetering of(
      ProjectModel model, PlatformPolicy policy, boolean gatewayServed) {
    PlatformPolicy.AiGateway g = policy.aiGateway();
    if (!gatewayServed
        || g == null
        || model == null
        || model.endpoints() == null
        || model.endpoints().managed().isEmpty()) {
      return null;
    }
    List<Metered> metered = new ArrayList<>();
    for (ModelEndpoints.Managed m : model.endpoints().managed()) {
      List<PricedModel> models = new ArrayList<>(List.of(new PricedModel(m.model(), m.price())));
      String fallback = g.throttleFallbacks().get(m.model());
      if (fallback != null && !fallback.equals(m.model())) {
        ModelCatalog.Provider p = policy.models().providers().get(m.provider());
        TokenPrice price = p == null ? null : p.price(fallback);
        models.add(new PricedModel(fallback, price != null ? price : m.price()));
      }
      metered.add(new Metered(m.name(), m.provider(), models));
    }
    return new GatewayMetering(g.usageQuery(), caller(model.namespace()), metered);
  }

  /** The JWT subject of the project's workload: the only caller its route admits. */
  public static String caller(String namespace) {
    return "system:serviceaccount:" + namespace + ":" + Names.WORKLOAD_SERVICE_ACCOUNT;
  }

  /** Whether AI Gateway's token series reach Prometheus at all (any caller, any model). */
  public static final String ANY_SERIES = "count(gen_ai_client_token_usage_sum)";

  /**
   * Whether any of them carries the caller's label (AI Gateway's metricsRequestHeaderAttributes
   * set).
   */
  public static final String LABELLED_SERIES =
      "count(gen_ai_client_token_usage_sum{genai_caller!=\"\"})";

  /**
   * Whether the policy reads the metric under AI Gateway's own names (the default query): then
   * whether the series exist and carry the caller can be checked ({@link #ANY_SERIES}, {@link
   * #LABELLED_SERIES}).
   */
  public boolean defaultQuery() {
    return PlatformPolicy.AiGateway.DEFAULT_USAGE_QUERY.equals(usageQuery);
  }

  /** The usage query for one endpoint, model and token type over a range. */
  public String query(String endpoint, String model, String type, Duration range) {
    return usageQuery
        .replace("{caller}", caller)
        .replace("{endpoint}", endpoint)
        .replace("{model}", model)
        .replace("{type}", type)
        .replace("{range}", Math.max(1, range.toSeconds()) + "s");
  }

  /**
   * Envoy's rate limiter counts a "Year" as 365 days, windows aligned on the Unix epoch
   * (envoyproxy/ratelimit).
   */
  static final long YEAR_SECONDS = 365L * 24 * 3600;

  /**
   * Where Envoy's Year window restarts inside the month, if it does: once a year (2026-12-18 00:00
   * UTC, then a day earlier every leap year or so). The month's bucket starts again from empty
   * there, so the budget after it is what remains after the spend before it. Empty when no boundary
   * falls inside the month after its first instant.
   */
  public static Optional<Instant> windowReset(YearMonth month) {
    long start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long next = Math.floorDiv(start, YEAR_SECONDS) * YEAR_SECONDS + YEAR_SECONDS;
    return next < end ? Optional.of(Instant.ofEpochSecond(next)) : Optional.empty();
  }
}
