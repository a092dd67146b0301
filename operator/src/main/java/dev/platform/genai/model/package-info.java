/**
 * One immutable {@link dev.platform.genai.model.ProjectModel} computed from (GenAIProject, resolved
 * policy): names, labels, quota, access and guardrail decisions. Pure: no Kubernetes client, no
 * clock, no framework.
 */
package dev.platform.genai.model;
