package dev.platform.genai.cost;

/**
 * PromQL over OpenCost's metrics: allocations per container times hourly prices per node, per namespace.
 * Month to date integrates the hourly cost at one-hour resolution since the first of the month; the range is set
 * at each evaluation.
 */
public final class CostQueries {
  private CostQueries() {}

  /** The namespace's cost per hour, now. */
  public static String hourly(String namespace) {
    String ns = "namespace=\"" + namespace + "\"";
    return "sum(sum by (node) (container_gpu_allocation{" + ns + "}) * on (node) group_left() "
        + "max by (node) (node_gpu_hourly_cost))"
        + " + sum(sum by (node) (container_cpu_allocation{" + ns + "}) * on (node) group_left() "
        + "max by (node) (node_cpu_hourly_cost))"
        + " + sum(sum by (node) (container_memory_allocation_bytes{" + ns + "}) / 1073741824 * on (node) "
        + "group_left() max by (node) (node_ram_hourly_cost))";
  }

  /** Cost since the first of the month: hourly cost summed over {@code hours} one-hour steps. */
  public static String monthToDate(String namespace, long hours) {
    return "sum_over_time((" + hourly(namespace) + ")[" + Math.max(1, hours) + "h:1h])";
  }
}
