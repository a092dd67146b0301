package dev.platform.genai.plan.gpu;

import java.util.List;

/**
 * The namespace's GPU workloads, read only when a plan stops or evaluates GPUs (the budget's
 * suspension, the expiry, idle reclaim on, or holds in status), at most once per reconcile.
 */
@FunctionalInterface
public interface WorkloadReader {
  /** The workloads, or null when they could not be listed. */
  List<GpuWorkload> read();

  /** A namespace without GPU workloads (nothing runs yet; {@code render}). */
  WorkloadReader NONE = List::of;

  /** These workloads, as stated ({@code render --observed}, tests). */
  static WorkloadReader of(List<GpuWorkload> workloads) {
    return () -> workloads;
  }
}
