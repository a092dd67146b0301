/**
 * Google Cloud IAM: project and service-account IAM policies, read-modify-written with their etag through
 * Google's own Java clients (REST), behind the small {@link dev.platform.genai.cloud.IamPolicies} interface so
 * the reconcile logic ({@link dev.platform.genai.cloud.CloudAccessSync}) is tested against a fake of the wire
 * protocol. Only unconditional bindings are ever edited, and only for members this operator added.
 */
package dev.platform.genai.cloud;
