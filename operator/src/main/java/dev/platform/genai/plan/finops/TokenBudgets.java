package dev.platform.genai.plan.finops;

import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.model.AiGatewayPlan;
import dev.platform.genai.model.AiGatewayPlan.TokenBudget;
import dev.platform.genai.model.AiGatewayPlan.TokenBudget.State;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.plan.finops.BudgetDecision.Enforcement;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.values.TokenPrice;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monthly token budget a project's gateway route enforces, in the integers Envoy AI Gateway and
 * Envoy's rate limiter take. Pure.
 *
 * <p>The amount is what the cap leaves after in-cluster spend this month (the last figure read;
 * while none was ever read, what the quota costs for a month is held back, never zero). It is
 * counted in budget units of 10^-digits of the currency, the largest unit count below {@link
 * #MAX_LIMIT} (Envoy's limit is a uint32), so a cap of 1,000 EUR is counted in micro-euros and one
 * of 50,000 EUR in units of 100 micro-euros. Each request costs {@code ceil((input tokens × input
 * price + output tokens × output price) / 10^(12 - digits))} units, prices taken per million tokens
 * with six decimals (the same prices managed spend is read at): never less than the tokens cost, at
 * most one unit more per request. A CEL expression of AI Gateway's takes unsigned token counts and
 * must return an integer, so the prices are written as integers in millionths per million tokens.
 */
public final class TokenBudgets {
  /**
   * Below Envoy's uint32 limit, with room for the last requests of a stream charged after the
   * limit.
   */
  static final long MAX_LIMIT = 4_000_000_000L;

  private static final int MAX_DIGITS = 6;

  private TokenBudgets() {}

  /**
   * The gateway plan of a project with endpoints, or null when it has none or the policy names no
   * gateway.
   */
  public static AiGatewayPlan of(
      ProjectModel model, PlatformPolicy.AiGateway gateway, BudgetDecision decision, Instant now) {
    if (gateway == null || model.endpoints() == null || model.endpoints().endpoints().isEmpty()) {
      return null;
    }
    TokenBudget budget = budget(model, decision, now);
    Map<String, String> overrides = new LinkedHashMap<>();
    if (budget.state() == State.THROTTLED) {
      for (ModelEndpoints.Managed m : model.endpoints().managed()) {
        String fallback = gateway.throttleFallbacks().get(m.model());
        if (fallback != null) {
          overrides.put(m.name(), fallback);
        }
      }
    }
    String caller = GatewayMetering.caller(model.namespace());
    return new AiGatewayPlan(
        gateway.gatewayName(),
        gateway.gatewayNamespace(),
        gateway.hostname(model.name()),
        gateway.issuer(),
        gateway.audience(),
        gateway.jwksUri(),
        gateway.jwks(),
        caller,
        budget,
        overrides);
  }

  static TokenBudget budget(ProjectModel model, BudgetDecision decision, Instant now) {
    ProjectModel.BudgetPlan plan = model.budget();
    BudgetStatus b = decision == null ? null : decision.budget();
    String month = YearMonth.from(now.atZone(ZoneOffset.UTC)).toString();
    BigDecimal inCluster =
        b != null && b.inCluster != null && month.equals(b.month)
            ? new BigDecimal(b.inCluster)
            : plan.quotaMonthlyCost();
    BigDecimal spentBeforeReset = spentBeforeReset(b, month, now);
    BigDecimal amount =
        plan.monthlyLimit()
            .subtract(inCluster)
            .subtract(spentBeforeReset)
            .max(BigDecimal.ZERO)
            .setScale(2, RoundingMode.DOWN);
    int digits = digits(amount);
    // a cap beyond 4e9 in the currency (no decimals left) is counted as 4e9: Envoy's limit holds no
    // more
    long limit =
        Math.min(
            MAX_LIMIT,
            amount.movePointRight(digits).setScale(0, RoundingMode.DOWN).longValueExact());
    String cost = costExpression(model.endpoints(), digits);
    Enforcement e = decision == null ? Enforcement.NONE : decision.enforcement();
    String whose = "Project " + model.name() + " (sponsor: spec.sponsor)";
    if (e == Enforcement.SUSPENDED || e == Enforcement.EXPIRED) {
      return new TokenBudget(
          month,
          plan.currency(),
          digits,
          amount,
          limit,
          cost,
          State.DENIED,
          whose
              + " is "
              + (e == Enforcement.EXPIRED
                  ? "expired: renew spec.pilotExpiresAt or promote it"
                  : "suspended: its"
                      + " budget of "
                      + plan.monthlyLimit().toPlainString()
                      + " "
                      + plan.currency()
                      + " is spent; raise"
                      + " spec.budget.monthlyLimit or wait for the next month")
              + ".");
    }
    if (limit == 0) {
      return new TokenBudget(
          month,
          plan.currency(),
          digits,
          amount,
          limit,
          cost,
          State.DENIED,
          whose
              + " has"
              + " nothing left of its "
              + plan.monthlyLimit().toPlainString()
              + " "
              + plan.currency()
              + " budget for"
              + " tokens this month after in-cluster spend of "
              + inCluster.toPlainString()
              + (spentBeforeReset.signum() > 0
                  ? " and "
                      + spentBeforeReset.toPlainString()
                      + " of tokens before"
                      + " the gateway's yearly window restarted"
                  : "")
              + "; raise"
              + " spec.budget.monthlyLimit or wait for the next month.");
    }
    if (e == Enforcement.THROTTLED) {
      return new TokenBudget(
          month,
          plan.currency(),
          digits,
          amount,
          limit,
          cost,
          State.THROTTLED,
          whose
              + " is"
              + " throttled: its spend reached the limit; the cheaper fallback models answer where the policy names one.");
    }
    return new TokenBudget(month, plan.currency(), digits, amount, limit, cost, State.OPEN, null);
  }

  /**
   * In the month Envoy's Year window restarts, once it has: the spend at the gateway before the
   * restart, which the emptied bucket no longer counts (the figure read for it, else the gateway's
   * month-to-date read before the restart; nothing while the gateway's spend was never read). Zero
   * otherwise.
   */
  static BigDecimal spentBeforeReset(BudgetStatus b, String month, Instant now) {
    boolean restarted =
        GatewayMetering.windowReset(YearMonth.parse(month))
            .filter(r -> !now.isBefore(r))
            .isPresent();
    if (!restarted
        || b == null
        || !month.equals(b.month)
        || !SpendSplit.GATEWAY.equals(b.managedSource)) {
      return BigDecimal.ZERO;
    }
    String figure =
        b.gateway != null && b.gateway.spendBeforeWindowReset != null
            ? b.gateway.spendBeforeWindowReset
            : b.managed;
    return figure == null ? BigDecimal.ZERO : new BigDecimal(figure);
  }

  /**
   * The most decimal digits (at most six) that keep the amount's unit count at or below {@link
   * #MAX_LIMIT}.
   */
  static int digits(BigDecimal amount) {
    for (int d = MAX_DIGITS; d > 0; d--) {
      if (amount.movePointRight(d).compareTo(BigDecimal.valueOf(MAX_LIMIT)) <= 0) {
        return d;
      }
    }
    return 0;
  }

  /**
   * The CEL expression that prices one request in budget units: per managed model its prices,
   * self-hosted models nothing (their GPUs are the in-cluster spend), and any other model the
   * highest price of the route (never free).
   */
  static String costExpression(ModelEndpoints endpoints, int digits) {
    String divisor = BigInteger.TEN.pow(12 - digits) + "u";
    List<String> branches = new ArrayList<>();
    TokenPrice highest = null;
    for (ModelEndpoints.Endpoint e : endpoints.endpoints()) {
      String names = names(e);
      if (e instanceof ModelEndpoints.Managed m && m.price() != null) {
        branches.add(names + " ? " + priced(m.price(), divisor));
        highest =
            highest == null || total(m.price()).compareTo(total(highest)) > 0 ? m.price() : highest;
      } else if (e instanceof ModelEndpoints.SelfHosted) {
        branches.add(names + " ? 0u");
      }
    }
    String otherwise = highest == null ? "0u" : priced(highest, divisor);
    return branches.isEmpty() ? otherwise : String.join(" : ", branches) + " : " + otherwise;
  }

  /**
   * A request is routed by the endpoint's name; the provider sees its model (either may reach the
   * filter).
   */
  private static String names(ModelEndpoints.Endpoint e) {
    String byName = "model == '" + e.name() + "'";
    return e instanceof ModelEndpoints.Managed m && !m.model().equals(m.name())
        ? "(" + byName + " || model == '" + m.model() + "')"
        : byName;
  }

  private static String priced(TokenPrice p, String divisor) {
    return "(input_tokens * "
        + micros(p.inputPerMillion())
        + " + output_tokens * "
        + micros(p.outputPerMillion())
        + " + "
        + divisor.replace("u", "")
        + "u - 1u) / "
        + divisor;
  }

  /**
   * A price per million tokens in millionths of the currency, as a CEL uint literal (six decimals
   * at most).
   */
  static String micros(BigDecimal perMillion) {
    return perMillion.movePointRight(6).setScale(0, RoundingMode.UNNECESSARY).toBigIntegerExact()
        + "u";
  }

  private static BigDecimal total(TokenPrice p) {
    return p.inputPerMillion().add(p.outputPerMillion());
  }
}
