package dev.platform.genai.cost;

import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.plan.finops.GatewayMetering;
import dev.platform.genai.vocabulary.Reason;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A project's managed-model spend as Envoy AI Gateway counted it for the project's caller: tokens
 * this month and over the last hour per endpoint and model served, priced by policy, read from the
 * Prometheus that scrapes the gateway. In the month Envoy's Year window restarts, once it has, the
 * spend before the restart too (the budget after it is lowered by it). Blocking HTTP calls: run on
 * the cost pool.
 */
final class GatewaySpendReader {
  private static final CostReading.Source SOURCE = CostReading.Source.GATEWAY;
  private final PrometheusApi prometheus;

  GatewaySpendReader(PrometheusApi prometheus) {
    this.prometheus = prometheus;
  }

  CostReading.ManagedReading read(GatewayMetering metering, Instant monthStart, Instant now) {
    for (GatewayMetering.Metered e : metering.endpoints()) {
      for (GatewayMetering.PricedModel pm : e.models()) {
        if (pm.price() == null) {
          return CostReading.ManagedReading.failed(
              SOURCE,
              Reason.MissingPrices,
              "No token price for "
                  + e.provider()
                  + "/"
                  + pm.model()
                  + ": set spec.models.providers."
                  + e.provider()
                  + ".tokenPrices."
                  + pm.model()
                  + " (or tokenPrices.default) in the GenAIPlatformPolicy; tokens are never counted as"
                  + " free.");
        }
      }
    }
    try {
      String note = null;
      if (metering
          .defaultQuery()) { // AI Gateway's own names: whether its series are there, and labelled,
        // is known
        if (!positive(GatewayMetering.ANY_SERIES, now)) {
          note =
              "Prometheus has no token series from AI Gateway yet (gen_ai_client_token_usage_sum): no call has"
                  + " passed the gateway, or its extproc is not scraped; the gateway's figure reads 0.";
        } else if (!positive(GatewayMetering.LABELLED_SERIES, now)) {
          return CostReading.ManagedReading.failed(
              SOURCE,
              Reason.GatewayMetricsUnlabelled,
              "AI Gateway's token"
                  + " series (gen_ai_client_token_usage_sum) carry no genai_caller label, so this project's tokens"
                  + " cannot be told from others': install AI Gateway with"
                  + " controller.metricsRequestHeaderAttributes=x-genai-caller:genai.caller (docs/ai-gateway.md).");
        }
      }
      return spend(metering, monthStart, now, note);
    } catch (PrometheusException e) {
      return CostReading.ManagedReading.failed(
          SOURCE,
          e.unreachable() ? Reason.PrometheusUnavailable : Reason.QueryFailed,
          "The gateway's token metrics (GENAI_PROMETHEUS_URL): " + e.getMessage());
    }
  }

  private CostReading.ManagedReading spend(
      GatewayMetering metering, Instant monthStart, Instant now, String note)
      throws PrometheusException {
    Duration elapsed = Duration.between(monthStart, now);
    Optional<Instant> reset =
        GatewayMetering.windowReset(YearMonth.from(now.atZone(ZoneOffset.UTC)))
            .filter(r -> r.isAfter(monthStart) && !r.isAfter(now));
    BigDecimal monthToDate = BigDecimal.ZERO;
    BigDecimal hourly = BigDecimal.ZERO;
    BigDecimal beforeReset = reset.isPresent() ? BigDecimal.ZERO : null;
    BigDecimal ownModels =
        BigDecimal.ZERO; // the endpoints' own models: what Cloud Monitoring's check covers
    List<CostReading.ModelTokens> models = new ArrayList<>();
    for (GatewayMetering.Metered e : metering.endpoints()) {
      BigDecimal in = BigDecimal.ZERO;
      BigDecimal out = BigDecimal.ZERO;
      BigDecimal spend = BigDecimal.ZERO;
      for (GatewayMetering.PricedModel pm : e.models()) {
        BigDecimal i = tokens(metering, e, pm, "input", elapsed, now);
        BigDecimal o = tokens(metering, e, pm, "output", elapsed, now);
        BigDecimal cost = pm.price().cost(i, o);
        in = in.add(i);
        out = out.add(o);
        spend = spend.add(cost);
        if (pm == e.models().get(0)) {
          ownModels = ownModels.add(cost);
        }
        hourly = hourly.add(cost(metering, e, pm, Duration.ofHours(1), now));
        if (reset.isPresent()) {
          beforeReset =
              beforeReset.add(
                  cost(metering, e, pm, Duration.between(monthStart, reset.get()), reset.get()));
        }
      }
      monthToDate = monthToDate.add(spend);
      models.add(
          new CostReading.ModelTokens(
              e.endpoint(), e.provider(), e.models().get(0).model(), in, out, spend, List.of()));
    }
    return CostReading.ManagedReading.atGateway(
        monthToDate, hourly, models, now, ownModels, beforeReset, note);
  }

  /** What one model's tokens for one endpoint cost over the range ending at {@code at}. */
  private BigDecimal cost(
      GatewayMetering metering,
      GatewayMetering.Metered e,
      GatewayMetering.PricedModel pm,
      Duration range,
      Instant at)
      throws PrometheusException {
    return pm.price()
        .cost(
            tokens(metering, e, pm, "input", range, at),
            tokens(metering, e, pm, "output", range, at));
  }

  /**
   * Tokens of one type the gateway counted for the caller over the range; no series means none (0).
   */
  private BigDecimal tokens(
      GatewayMetering metering,
      GatewayMetering.Metered e,
      GatewayMetering.PricedModel pm,
      String type,
      Duration range,
      Instant at)
      throws PrometheusException {
    if (range.toSeconds() < 1) {
      return BigDecimal.ZERO;
    }
    return prometheus
        .query(metering.query(e.endpoint(), pm.model(), type, range), at)
        .orElse(BigDecimal.ZERO);
  }

  private boolean positive(String query, Instant at) throws PrometheusException {
    return prometheus.query(query, at).filter(n -> n.signum() > 0).isPresent();
  }
}
