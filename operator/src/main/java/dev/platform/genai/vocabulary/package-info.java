/**
 * The status vocabulary, in one place: condition types ({@link dev.platform.genai.vocabulary.Conditions}), their
 * reasons and the Event reasons with what each asks of a person and whether a retry fixes it
 * ({@link dev.platform.genai.vocabulary.Reasons}), and the phase ({@link dev.platform.genai.vocabulary.Phase}).
 * Depends on nothing; the plan, the operator, the CLI and the tests speak it.
 */
package dev.platform.genai.vocabulary;
