package dev.platform.genai.operator.project.dependent;

/**
 * A dependent that deletes and recreates its object when an immutable field was changed by hand.
 */
public interface Recreates {}
