package dev.platform.genai.cloud;

/**
 * An IAM policy as read, edited only in its unconditional bindings; conditional bindings, audit
 * configs, the version and the etag are carried back untouched.
 */
public interface IamPolicy {
  /** Whether the member is in the unconditional binding of the role. */
  boolean has(String role, String member);

  /**
   * A copy with the member added to the role's unconditional binding (the binding created if
   * needed).
   */
  IamPolicy with(String role, String member);

  /**
   * A copy without the member in the role's unconditional binding (the binding dropped when empty).
   */
  IamPolicy without(String role, String member);

  /**
   * How many principals the policy holds as Google counts them against its limit (1,500 per allow
   * policy): every appearance of a member in every binding, conditional ones included.
   */
  int principals();
}
