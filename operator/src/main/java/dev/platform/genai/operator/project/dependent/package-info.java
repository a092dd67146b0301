/**
 * One JOSDK dependent resource per child kind. Each reads the {@link
 * dev.platform.genai.model.ProjectModel} the reconciler put in the context, builds its object with
 * the matching {@code desired} builder, and compares exactly: without server-side apply, JOSDK's
 * generic matcher would accept additions (an extra subject in an admin binding, an extra allow
 * rule) as a match.
 */
package dev.platform.genai.operator.project.dependent;
