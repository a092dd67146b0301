/**
 * One builder per child kind: {@link dev.platform.genai.model.ProjectModel} in, the desired
 * Kubernetes object out, in the canonical form the API server stores (explicit protocols and policy
 * types, canonical quantities), so that what is read back equals what was sent and nothing loops.
 * Pure: no API calls, no clock. Owner references are added by the dependent resources when they
 * create the object.
 */
package dev.platform.genai.desired;
