/**
 * FinOps, decided: the spend read for a project ({@link
 * dev.platform.genai.plan.finops.CostReading}, from {@code cost.CostEvaluator}) against its cap —
 * in-cluster and managed spend added without reading unknown as zero ({@link
 * dev.platform.genai.plan.finops.SpendSplit}), whether managed spend can be attributed ({@link
 * dev.platform.genai.plan.finops.GoogleProjectSharing}), the thresholds, forecast,
 * Throttle/Suspend/Expired, the monthly history and the KPIs ({@link
 * dev.platform.genai.plan.finops.BudgetDecision}), and the month's token budget Envoy AI Gateway
 * enforces per request ({@link dev.platform.genai.plan.finops.TokenBudgets}). Pure: the reading
 * comes in, a decision goes out. Where the spend is read: package {@code cost}; where the alerts
 * are rendered: {@code desired.DesiredPrometheusRule}; the showback metrics: {@code
 * operator.ShowbackMetrics}.
 */
package dev.platform.genai.plan.finops;
