/**
 * The running operator's wiring: {@link dev.platform.genai.operator.GenAIOperator} builds the two
 * controllers (each in a room of its own) and joins them through {@code intents}, the health and
 * metrics server, and the permissions the chart must grant ({@link
 * dev.platform.genai.operator.RbacRequirements}). Nothing below imports this package.
 *
 * <ul>
 *   <li>{@code project}: the GenAIProject controller: observation, steps, status, records, metrics
 *       and ({@code project.dependent}) one dependent per child kind;
 *   <li>{@code iam}: the GoogleIamPolicy controller, the only one that writes Google IAM;
 *   <li>{@code intents}: the protocol between them: what projects ask of Google IAM, and what the
 *       policy controller did with it;
 *   <li>{@code shared}: what both use (Events, the optional APIs installed).
 * </ul>
 */
package dev.platform.genai.operator;
