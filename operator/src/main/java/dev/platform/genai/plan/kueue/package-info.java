/**
 * Kueue, decided: the project's ClusterQueue and LocalQueue (flavors, GPU quotas, the budget's hold
 * or drain: {@link dev.platform.genai.plan.kueue.GpuQueues}), what Kueue reported back ({@link
 * dev.platform.genai.plan.kueue.QueueObserved}) and the QueueReady condition ({@link
 * dev.platform.genai.plan.kueue.QueueReport}). Pure. The objects are built by {@code
 * desired.DesiredQueues} and applied by the queue dependents in {@code operator.dependent}; a
 * deleted project's queue is let go by {@code operator.QueueRelease}.
 */
package dev.platform.genai.plan.kueue;
