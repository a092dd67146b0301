/**
 * The protocol between the project controller and the Google IAM controller: what each project's
 * last plan asks of Google IAM, and what the policy controller acted on. In memory; both sides
 * import it, it imports neither.
 */
package dev.platform.genai.operator.intents;
