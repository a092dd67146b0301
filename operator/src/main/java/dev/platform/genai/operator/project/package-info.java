/**
 * The GenAIProject controller: the reconciler and its JOSDK workflow, the {@code Observer} that
 * reads once what the plan depends on, the steps the workflow cannot express (Google IAM through
 * {@code intents}, the AI gateway's objects, queue releases), the status it reports, the record it
 * keeps, and the metrics about projects. It never imports the Google IAM controller ({@code iam}):
 * what it asks of Google goes through {@code intents}.
 */
package dev.platform.genai.operator.project;
