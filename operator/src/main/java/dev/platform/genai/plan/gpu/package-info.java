/**
 * Stopping GPUs: one hold mechanism with reasons (the budget's suspension, the pilot's expiry,
 * idleness), the idle decision from DCGM exporter's and vLLM's series, and the GPU-hours idleness
 * handed back. Pure: the workloads and the signals are read by the operator, the holds applied by
 * it.
 */
package dev.platform.genai.plan.gpu;
