package dev.platform.genai.values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes quantities: parsing, and the canonical form the API server stores, so desired objects
 * never differ from what the server keeps (a {@code 1024Mi} sent is a {@code 1Gi} read back, and an
 * endless update loop).
 */
public final class Quantities {
  private Quantities() {}

  private static final Pattern QUANTITY =
      Pattern.compile(
          "^\\+?([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|n|u)?$");
  private static final String[] DECIMAL_SUFFIXES = {
    "n", "u", "m", "", "k", "M", "G", "T", "P", "E"
  };
  private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final BigDecimal KI = BigDecimal.valueOf(1024);

  /**
   * A parsed quantity: its value in base units, and whether it was written with a binary suffix.
   */
  public record Quantity(BigDecimal value, boolean binary) implements Comparable<Quantity> {
    @Override
    public int compareTo(Quantity o) {
      return value.compareTo(o.value);
    }

    /** The form the API server stores. */
    public String canonical() {
      return Quantities.canonical(value, binary);
    }

    public static Quantity min(Quantity a, Quantity b) {
      return a.compareTo(b) <= 0 ? a : b;
    }
  }

  public static Optional<Quantity> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = QUANTITY.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
    String suffix = m.group(2) == null ? "" : m.group(2);
    if (suffix.startsWith("e") || suffix.startsWith("E")) {
      return Optional.of(
          new Quantity(number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1))), false));
    }
    for (int i = 1; i < BINARY_SUFFIXES.length; i++) {
      if (BINARY_SUFFIXES[i].equals(suffix)) {
        return Optional.of(new Quantity(number.multiply(KI.pow(i)), true));
      }
    }
    for (int i = 0; i < DECIMAL_SUFFIXES.length; i++) {
      if (DECIMAL_SUFFIXES[i].equals(suffix)) {
        return Optional.of(new Quantity(number.scaleByPowerOfTen(3 * (i - 3)), false));
      }
    }
    return Optional.empty();
  }

  /** Canonical form of a quantity string; the input itself when it is not a quantity. */
  public static String canonical(String text) {
    return parse(text).map(Quantity::canonical).orElse(text);
  }

  static String canonical(BigDecimal raw, boolean binary) {
    // the API server keeps nano precision and rounds up beyond it
    BigDecimal value = raw.setScale(9, RoundingMode.CEILING).stripTrailingZeros();
    if (value.signum() == 0) {
      return "0";
    }
    if (binary && value.abs().compareTo(KI) >= 0 && isInteger(value)) {
      BigInteger v = value.toBigIntegerExact();
      int power = 0;
      BigInteger k = BigInteger.valueOf(1024);
      while (power < BINARY_SUFFIXES.length - 1 && v.mod(k).signum() == 0) {
        v = v.divide(k);
        power++;
      }
      return v + BINARY_SUFFIXES[power];
    }
    // decimal SI: the largest power of 1000 that leaves an integer mantissa
    for (int i = DECIMAL_SUFFIXES.length - 1; i >= 0; i--) {
      BigDecimal mantissa = value.scaleByPowerOfTen(-3 * (i - 3));
      if (isInteger(mantissa)) {
        return mantissa.toBigIntegerExact() + DECIMAL_SUFFIXES[i];
      }
    }
    throw new IllegalStateException("unreachable: nano precision always gives an integer mantissa");
  }

  private static boolean isInteger(BigDecimal d) {
    return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
  }
}
