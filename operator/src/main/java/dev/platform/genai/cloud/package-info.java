/**
 * Google Cloud IAM: project and service-account IAM policies, read-modify-written with their etag
 * through Google's own Java clients (REST), behind the small {@link
 * dev.platform.genai.cloud.IamPolicies} interface. What a policy must become is decided, purely, by
 * {@link dev.platform.genai.cloud.PolicyRecord}; one write carries it ({@link
 * dev.platform.genai.cloud.PolicyBatch}). Only unconditional bindings are ever edited, and only for
 * members this operator added.
 */
package dev.platform.genai.cloud;
