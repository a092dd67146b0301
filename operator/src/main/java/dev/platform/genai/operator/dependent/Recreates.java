package dev.platform.genai.operator.dependent;

/**
 * A dependent that deletes and recreates its object when an immutable field was changed by hand.
 */
public interface Recreates {}
