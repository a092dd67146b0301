package dev.platform.genai.model;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A project's model endpoints behind Envoy AI Gateway, as the plan decided them: where its route
 * attaches, who may call it, and the token budget the gateway enforces.
 *
 * @param gatewayName the platform team's Gateway
 * @param gatewayNamespace its namespace
 * @param hostname the project's hostname on it: the route, and so the budget, is chosen by it
 * @param issuer the ServiceAccount token issuer the gateway trusts
 * @param audience the audience the projected tokens carry
 * @param jwksUri where the gateway fetches the issuer's keys, or null
 * @param jwks the issuer's keys inline, or null
 * @param caller the one JWT subject allowed (the project's workload ServiceAccount)
 * @param budget the monthly token budget
 * @param modelOverrides endpoint name → the model requests are sent to instead (the cheaper
 *     fallback while Throttled)
 */
public record AiGatewayPlan(
    String gatewayName,
    String gatewayNamespace,
    String hostname,
    String issuer,
    String audience,
    String jwksUri,
    String jwks,
    String caller,
    TokenBudget budget,
    Map<String, String> modelOverrides) {
  public AiGatewayPlan {
    modelOverrides = Map.copyOf(modelOverrides);
  }

  /** The metadata key of the request's cost in budget units (namespace io.envoy.ai_gateway). */
  public static final String COST_KEY = "genai_cost";

  /**
   * The request header the gateway's JWT provider writes the caller's {@code sub} claim into
   * (claimToHeaders): what AI Gateway's token metrics are labelled by per project, with its
   * install-time {@code controller.metricsRequestHeaderAttributes=x-genai-caller:genai.caller}.
   */
  public static final String CALLER_HEADER = "x-genai-caller";

  /** The metadata key of the request's total tokens (metered for every endpoint, priced or not). */
  public static final String TOKENS_KEY = "genai_tokens";

  /**
   * The month's token budget in the gateway's integers.
   *
   * @param month the calendar month it is for (yyyy-MM): the rate-limit counter is renamed each
   *     month
   * @param currency the cluster's currency
   * @param digits the budget unit is 10^-digits of the currency (chosen so the limit fits Envoy's
   *     uint32)
   * @param amount what the cap leaves for tokens this month, in the currency
   * @param limitUnits that amount in budget units, rounded down
   * @param costExpression the CEL expression that prices one request in budget units (rounded up)
   * @param state whether requests pass, pass with fallbacks, or are refused
   * @param why for a person: why requests are refused or throttled, and what to do (null when open)
   */
  public record TokenBudget(
      String month,
      String currency,
      int digits,
      BigDecimal amount,
      long limitUnits,
      String costExpression,
      State state,
      String why) {
    /** What the gateway does with the project's requests. */
    public enum State {
      OPEN,
      /** The cheaper fallback models answer where the policy names one. */
      THROTTLED,
      /** Every request is refused (403): suspended, expired, or nothing left of the cap. */
      DENIED
    }

    /** One budget unit, in the currency. */
    public BigDecimal unit() {
      return BigDecimal.ONE.movePointLeft(digits);
    }
  }
}
