/**
 * The custom resources of genai-operator: spec and status types only. They are the source of the
 * CRDs in {@code crds/}. Types stay tolerant on purpose (enumerations, quantities and dates are
 * strings that the model parses), so that one object the CRD would have rejected can never break
 * the informer for every other project.
 */
package dev.platform.genai.api;
