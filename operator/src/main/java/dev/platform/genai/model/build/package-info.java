/**
 * The model builder: a GenAIProject and the resolved policy in, one {@link
 * dev.platform.genai.model.ProjectModel} out ({@link
 * dev.platform.genai.model.build.ProjectModels}), endpoints included ({@link
 * dev.platform.genai.model.build.ModelEndpointPlans}), or the problems that make the spec unusable
 * ({@link dev.platform.genai.model.build.InvalidProjectException}). The only part of {@code model}
 * that reads the policy; pure like the rest.
 */
package dev.platform.genai.model.build;
