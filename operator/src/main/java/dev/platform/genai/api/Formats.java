package dev.platform.genai.api;

/**
 * Patterns shared by the CRD's rules. Standard CEL only: the rules must evaluate offline as on a
 * cluster.
 */
public final class Formats {
  private Formats() {}

  public static final String EMAIL_RULE =
      "self.matches('^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\\\.[A-Za-z0-9-]+)*\\\\.[A-Za-z]{2,}$')";
  public static final String EMAIL_MESSAGE =
      "must be an email address such as jane.doe@example.com";

  /**
   * A Kubernetes label value: empty, or up to 63 characters starting and ending with an
   * alphanumeric.
   */
  public static final String LABEL_VALUE_RULE =
      "self.matches('^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$')";

  public static final String LABEL_VALUE_MESSAGE =
      "must be a valid label value: at most 63 letters, digits,"
          + " '-', '_' or '.', starting and ending with a letter or digit";

  /** A Kubernetes quantity, as the API server parses it. */
  public static final String QUANTITY_RULE =
      "self.matches('^[+]?([0-9]+(\\\\.[0-9]*)?|\\\\.[0-9]+)([eE][-+]?[0-9]+|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$')";

  /** A decimal amount written as a string, e.g. "5000" or "1250.50". */
  public static final String DECIMAL_RULE = "self.matches('^-?[0-9]{1,15}(\\\\.[0-9]{1,6})?$')";

  public static final String DECIMAL_MESSAGE =
      "must be a decimal number written as a string, such as \"42\" or" + " \"0.85\"";

  /** An RFC 1123 DNS label. */
  public static final String DNS_LABEL_RULE = "self.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')";

  /** An RFC 1123 DNS subdomain (a ResourceFlavor, a cohort, a DeviceClass). */
  public static final String DNS_SUBDOMAIN_RULE =
      "self.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$')";
}
