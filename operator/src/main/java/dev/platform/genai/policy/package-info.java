/**
 * The governance rules platform engineers set once ({@link
 * dev.platform.genai.policy.PlatformPolicy}, resolved from the GenAIPlatformPolicy named default or
 * built-in defaults) and the pure decisions made from them: caps, Pod Security level per
 * classification, network guardrails. No Kubernetes client here.
 */
package dev.platform.genai.policy;
