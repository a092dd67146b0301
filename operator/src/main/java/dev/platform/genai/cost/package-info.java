/**
 * Spend and KPIs from Prometheus (OpenCost metrics), behind a small HTTP client of Prometheus'
 * query API. The operator computes month-to-date cost itself, at each evaluation, because a static
 * alert rule cannot sum "since the first of the month".
 */
package dev.platform.genai.cost;
