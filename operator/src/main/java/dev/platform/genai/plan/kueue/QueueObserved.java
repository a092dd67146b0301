package dev.platform.genai.plan.kueue;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The project's Kueue ClusterQueue as observed.
 *
 * @param taken a ClusterQueue of that name exists and is not this project's: never adopted
 * @param status its status as Kueue keeps it (admitted and pending workloads, usage per flavor,
 *     Active), or null
 * @param terminating it is being deleted (Kueue's finalizer holds it while workloads remain)
 */
public record QueueObserved(boolean taken, JsonNode status, boolean terminating) {
  public static final QueueObserved NONE = new QueueObserved(false, null, false);
}
