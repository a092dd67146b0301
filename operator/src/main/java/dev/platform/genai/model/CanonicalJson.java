package dev.platform.genai.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The JSON Canonicalization Scheme (RFC 8785): object members sorted by the UTF-16 code units of
 * their names, no insignificant whitespace, strings with the minimal escaping of ECMAScript's
 * JSON.stringify, numbers as ECMAScript prints them. Any tool that implements the RFC gets the same
 * bytes, hence the same digest.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static String of(JsonNode node) {
    StringBuilder b = new StringBuilder();
    write(node, b);
    return b.toString();
  }

  /** {@code open}, the members written by {@code member} separated by commas, {@code close}. */
  private static void members(
      StringBuilder b, char open, char close, int count, IntConsumer member) {
    b.append(open);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        b.append(',');
      }
      member.accept(i);
    }
    b.append(close);
  }

  private static void write(JsonNode n, StringBuilder b) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      b.append("null");
    } else if (n.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      names.sort(
          String::compareTo); // String.compareTo compares UTF-16 code units, as the RFC requires
      members(
          b,
          '{',
          '}',
          names.size(),
          i -> {
            string(names.get(i), b);
            b.append(':');
            write(n.get(names.get(i)), b);
          });
    } else if (n.isArray()) {
      members(b, '[', ']', n.size(), i -> write(n.get(i), b));
    } else if (n.isTextual()) {
      string(n.textValue(), b);
    } else if (n.isBoolean()) {
      b.append(n.booleanValue());
    } else if (n.isNumber()) {
      b.append(number(n.doubleValue()));
    } else {
      throw new IllegalArgumentException("not JSON: " + n.getNodeType());
    }
  }

  private static void string(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /**
   * The fewest significant digits that read back as the same double, the closest such (Java 17's
   * Double.toString is not always shortest: 4.9E-324 for 5e-324).
   */
  private static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == d) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(MathContext.DECIMAL64).stripTrailingZeros();
  }

  /** ECMAScript's Number.prototype.toString for a finite double (RFC 8785 section 3.2.2.3). */
  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("JSON has no " + d);
    }
    if (d == 0) {
      return "0"; // also -0
    }
    BigDecimal shortest = shortest(Math.abs(d));
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale(); // the decimal point sits after n digits
    StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
    if (k <= n && n <= 21) {
      out.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits.substring(n));
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      int e = n - 1;
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits.substring(1));
      }
      out.append('e').append(e < 0 ? "-" : "+").append(Math.abs(e));
    }
    return out.toString();
  }
}
