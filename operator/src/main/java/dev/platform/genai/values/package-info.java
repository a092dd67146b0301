/**
 * Value types shared by the policy and the model (stage, classification, Kubernetes quantities):
 * below both, so neither imports the other.
 */
package dev.platform.genai.values;
