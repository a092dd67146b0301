/**
 * The status vocabulary, in one place and typed: condition types with their role ({@link
 * dev.platform.genai.vocabulary.ConditionType}), condition statuses ({@link
 * dev.platform.genai.vocabulary.ConditionStatus}), every condition and Event reason with what it
 * asks of a person and whether a retry fixes it ({@link dev.platform.genai.vocabulary.Reason}), and
 * the phase ({@link dev.platform.genai.vocabulary.Phase}). Depends on nothing; the plan, the
 * operator, the CLI and the tests speak it.
 */
package dev.platform.genai.vocabulary;
