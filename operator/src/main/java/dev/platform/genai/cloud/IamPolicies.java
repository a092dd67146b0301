package dev.platform.genai.cloud;

import java.util.Map;

/**
 * The IAM calls the operator makes. Implemented with Google's clients; faked over HTTP in tests.
 */
public interface IamPolicies {
  /** getIamPolicy, asking for policy version 3 so conditional bindings come back whole. */
  IamPolicy get(String resource) throws CloudIamException;

  /**
   * setIamPolicy with the etag read; a concurrent change is a {@link
   * CloudIamException.Kind#CONFLICT}.
   *
   * @return the policy as stored, with its new etag
   */
  IamPolicy set(String resource, IamPolicy policy) throws CloudIamException;

  /** The project number of a project ID (looked up once, then cached). */
  long projectNumber(String projectId) throws CloudIamException;

  /** Calls made so far, by method (for metrics and tests). */
  Map<String, Long> calls();
}
