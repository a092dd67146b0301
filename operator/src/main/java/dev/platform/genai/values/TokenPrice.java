package dev.platform.genai.values;

import java.math.BigDecimal;

/**
 * What a managed model's tokens cost, per million, in the cluster's currency.
 *
 * @param inputPerMillion the price of 1M input (prompt) tokens
 * @param outputPerMillion the price of 1M output (generated) tokens
 */
public record TokenPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  /** What these tokens cost. */
  public BigDecimal cost(BigDecimal inputTokens, BigDecimal outputTokens) {
    return inputTokens
        .multiply(inputPerMillion)
        .add(outputTokens.multiply(outputPerMillion))
        .divide(MILLION, 6, java.math.RoundingMode.HALF_UP);
  }
}
