/**
 * The running operator: the GenAIProject reconciler and its workflow of dependents, the status
 * (conditions, phase) it reports, the Events it emits, and the wiring of JOSDK (SSA off,
 * label-selected informers).
 */
package dev.platform.genai.operator;
