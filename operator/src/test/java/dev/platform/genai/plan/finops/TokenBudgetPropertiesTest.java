package dev.platform.genai.plan.finops;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.primitives.UnsignedLong;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.values.TokenPrice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * For any cap and any prices the policy can hold: the limit fits Envoy's uint32 with the most
 * decimals that do, and a request never costs less than its tokens at the policy's prices, nor a
 * full unit more.
 */
class TokenBudgetPropertiesTest {
  static final long UINT32 = 4_294_967_295L;

  @Property
  void theLimitFitsEnvoysIntegerWithTheMostDecimalsThatDo(
      @ForAll @LongRange(min = 0, max = 99_999_999_999L) long cents) {
    BigDecimal amount = BigDecimal.valueOf(cents, 2);
    int d = TokenBudgets.digits(amount);
    assertThat(amount.movePointRight(d).setScale(0, RoundingMode.DOWN).longValueExact())
        .isLessThanOrEqualTo(UINT32);
    if (d < 6) {
      assertThat(amount.movePointRight(d + 1).compareTo(BigDecimal.valueOf(TokenBudgets.MAX_LIMIT)))
          .as("one more decimal would not fit")
          .isPositive();
    }
  }

  @Property(tries = 200)
  void aRequestCostsItsTokensRoundedUpToOneUnit(
      @ForAll @LongRange(min = 0, max = 4_294_967_295L) long input,
      @ForAll @LongRange(min = 0, max = 4_294_967_295L) long output,
      @ForAll @LongRange(min = 0, max = 1_000_000_000L) long inputMicros,
      @ForAll @LongRange(min = 0, max = 1_000_000_000L) long outputMicros,
      @ForAll @LongRange(min = 0, max = 6) long digits)
      throws Exception {
    TokenPrice price =
        new TokenPrice(BigDecimal.valueOf(inputMicros, 6), BigDecimal.valueOf(outputMicros, 6));
    ModelEndpoints endpoints =
        new ModelEndpoints(
            List.of("m"),
            List.of(
                new ModelEndpoints.Managed(
                    "m",
                    "VertexAI",
                    "gemini-2.5-flash",
                    "europe-west4",
                    "https://x",
                    List.of(),
                    null,
                    price)),
            List.of(),
            null,
            false,
            "sha256:0");
    String cel = TokenBudgets.costExpression(endpoints, (int) digits);
    Object cost =
        TokenBudgetsTest.RUNTIME
            .createProgram(TokenBudgetsTest.AI_GATEWAY_CEL.compile(cel).getAst())
            .eval(
                Map.of(
                    "model",
                    "m",
                    "backend",
                    "b",
                    "route_name",
                    "models",
                    "input_tokens",
                    UnsignedLong.valueOf(input),
                    "cached_input_tokens",
                    UnsignedLong.ZERO,
                    "cache_creation_input_tokens",
                    UnsignedLong.ZERO,
                    "output_tokens",
                    UnsignedLong.valueOf(output),
                    "total_tokens",
                    UnsignedLong.valueOf(input + output),
                    "reasoning_tokens",
                    UnsignedLong.ZERO));
    BigDecimal unit = BigDecimal.ONE.movePointLeft((int) digits);
    BigDecimal exact =
        BigDecimal.valueOf(input)
            .multiply(price.inputPerMillion())
            .add(BigDecimal.valueOf(output).multiply(price.outputPerMillion()))
            .movePointLeft(6);
    BigDecimal charged = new BigDecimal(((UnsignedLong) cost).bigIntegerValue()).multiply(unit);
    assertThat(charged).isGreaterThanOrEqualTo(exact).isLessThan(exact.add(unit));
  }
}
