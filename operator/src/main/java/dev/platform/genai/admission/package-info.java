/**
 * The CRD's admission rules, evaluated offline as a Kubernetes API server would: the
 * openAPIV3Schema (with strict unknown-field checks) and the {@code x-kubernetes-validations} CEL
 * rules, read from the generated CRD. Product code: {@code validate} and the reconciler use it, not
 * only the tests.
 */
package dev.platform.genai.admission;
