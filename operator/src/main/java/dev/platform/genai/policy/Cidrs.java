package dev.platform.genai.policy;

/**
 * IPv4 CIDR checks: NetworkPolicy ipBlocks reject malformed ones, and the API server keeps them as
 * written.
 */
public final class Cidrs {
  private Cidrs() {}

  public static boolean isIpv4Cidr(String s) {
    if (s == null) {
      return false;
    }
    String[] parts = s.split("/", -1);
    if (parts.length != 2 || !parts[1].matches("[0-9]{1,2}") || Integer.parseInt(parts[1]) > 32) {
      return false;
    }
    String[] octets = parts[0].split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String o : octets) {
      if (!o.matches("[0-9]{1,3}") || Integer.parseInt(o) > 255) {
        return false;
      }
    }
    return true;
  }

  /** Leading zeros removed (010.0.0.0/8 → 10.0.0.0/8). */
  public static String normalize(String s) {
    String[] parts = s.split("/");
    String[] o = parts[0].split("\\.");
    return Integer.parseInt(o[0])
        + "."
        + Integer.parseInt(o[1])
        + "."
        + Integer.parseInt(o[2])
        + "."
        + Integer.parseInt(o[3])
        + "/"
        + Integer.parseInt(parts[1]);
  }
}
