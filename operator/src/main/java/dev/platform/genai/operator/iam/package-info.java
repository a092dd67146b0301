/**
 * The GoogleIamPolicy controller: one object per Google allow policy, the only writer of Google
 * IAM. It reads what projects ask through {@code intents} and never imports the project controller.
 */
package dev.platform.genai.operator.iam;
