/**
 * The operator's settings: environment variables, one contract for run, local, the chart and the
 * tests.
 */
package dev.platform.genai.config;
