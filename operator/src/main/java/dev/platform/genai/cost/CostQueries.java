package dev.platform.genai.cost;

import java.time.Duration;

/**
 * PromQL over OpenCost's metrics: allocations per container times hourly prices per node, per
 * namespace.
 *
 * <p>OpenCost emits {@code container_gpu_allocation} only for containers that request GPUs, and in
 * PromQL {@code a + b} is empty when either side is: each term is {@code or vector(0)}, so a
 * CPU-only namespace costs its CPU and memory, and a namespace with no allocation series at all
 * costs 0 (nothing ran). That 0 is true only when the prices exist: {@link #unpriced} finds
 * allocations on nodes without a price, and OpenCost's absence is checked before (see {@link
 * #OPENCOST}).
 *
 * <p>Month to date samples the hourly cost at each hour mark since the first of the month (a
 * subquery with a one-hour step), each mark standing for the hour that starts there: the precision
 * is an hour — a pod that ran less than an hour between two marks is not counted, one present at a
 * mark counts for that whole hour.
 */
public final class CostQueries {
  private CostQueries() {}

  /** Whether OpenCost's metrics reach this Prometheus at all. */
  public static final String OPENCOST = "count(node_cpu_hourly_cost)";

  /** The namespace's cost per hour, now. */
  /**
   * OpenCost's allocation series of a namespace as Prometheus stores them when it scrapes OpenCost
   * without {@code honor_labels: true}: the target's own namespace label wins and the allocation's
   * moves to {@code exported_namespace} (Prometheus' documented handling of label conflicts).
   */
  public static String relabelled(String namespace) {
    String m = "{exported_namespace=\"" + namespace + "\"}";
    return "count(container_cpu_allocation"
        + m
        + ") or count(container_memory_allocation_bytes"
        + m
        + ")"
        + " or count(container_gpu_allocation"
        + m
        + ")";
  }

  public static String hourly(String namespace) {
    return hourlyOf("namespace=\"" + namespace + "\"");
  }

  /**
   * The cost per hour, now, of the containers the label matchers select (e.g. one endpoint's pods).
   */
  public static String hourlyOf(String ns) {
    return "(sum(sum by (node) (container_gpu_allocation{"
        + ns
        + "}) * on (node) group_left() "
        + "max by (node) (node_gpu_hourly_cost)) or vector(0))"
        + " + (sum(sum by (node) (container_cpu_allocation{"
        + ns
        + "}) * on (node) group_left() "
        + "max by (node) (node_cpu_hourly_cost)) or vector(0))"
        + " + (sum(sum by (node) (container_memory_allocation_bytes{"
        + ns
        + "}) / 1073741824 * on (node) "
        + "group_left() max by (node) (node_ram_hourly_cost)) or vector(0))";
  }

  /**
   * Cost of the hour marks in a range: evaluated at (now − 1 s) with the range since the first of
   * the month, it covers the marks from the month's first to the last one before now, on Prometheus
   * 2 (ranges closed on the left) and 3 (open on the left) alike.
   */
  public static String monthToDate(String namespace, Duration sinceMonthStart) {
    return "sum_over_time(("
        + hourly(namespace)
        + ")["
        + Math.max(1, sinceMonthStart.toSeconds())
        + "s:1h])";
  }

  /**
   * The pods of one self-hosted endpoint: a Deployment's ({@code model-<name>-<hash>-<id>}) or a
   * KServe predictor's ({@code model-<name>-predictor-...}). PromQL regexes are anchored, so {@code
   * chat} does not take {@code chat-large}'s pods.
   */
  public static String endpointPods(String namespace, String endpoint) {
    return "namespace=\""
        + namespace
        + "\",pod=~\"model-"
        + endpoint
        + "-(predictor-.+|[a-z0-9]+-[a-z0-9]{5})\"";
  }

  /** What an endpoint's pods cost this month, evaluated like {@link #monthToDate}. */
  public static String endpointMonthToDate(
      String namespace, String endpoint, Duration sinceMonthStart) {
    return "sum_over_time(("
        + hourlyOf(endpointPods(namespace, endpoint))
        + ")["
        + Math.max(1, sinceMonthStart.toSeconds())
        + "s:1h])";
  }

  /**
   * Tokens an endpoint served this month, from vLLM's own counters ({@code
   * vllm:prompt_tokens_total}, {@code vllm:generation_tokens_total}, scraped through the endpoint's
   * PodMonitor). Not one selector over both names: increase() drops the name, and the two series of
   * a pod then share a label set, which Prometheus refuses ("vector cannot contain metrics with the
   * same labelset"). Empty (unknown) when the server exports no prompt counter; the generated ones
   * count 0 while none exist.
   */
  public static String endpointTokens(String namespace, String endpoint, Duration sinceMonthStart) {
    String sel =
        "{"
            + endpointPods(namespace, endpoint)
            + "}["
            + Math.max(1, sinceMonthStart.toSeconds())
            + "s]";
    return "sum(increase(vllm:prompt_tokens_total"
        + sel
        + ")) + (sum(increase(vllm:generation_tokens_total"
        + sel
        + ")) or vector(0))";
  }

  /**
   * A provider's usage query for one model and token type over a range: the policy's template with
   * {project}, {model}, {type} (input or output) and {range} replaced.
   */
  public static String managedTokens(
      String template, String project, String model, String location, String type, Duration range) {
    return template
        .replace("{project}", project)
        .replace("{model}", model)
        .replace("{location}", location)
        .replace("{type}", type)
        .replace("{range}", Math.max(1, range.toSeconds()) + "s");
  }

  /**
   * Whether a usage query tells one location of a model from another ({location} in its template).
   */
  public static boolean byLocation(String template) {
    return template != null && template.contains("{location}");
  }

  /**
   * How many hour marks of the range have OpenCost data at all (a mark without it is a gap, or
   * older than the retention): evaluated like {@link #monthToDate}, it counts the month's marks
   * that the figures rest on.
   */
  public static String coveredHours(Duration sinceMonthStart) {
    return "sum_over_time((count(node_cpu_hourly_cost) > bool 0)["
        + Math.max(1, sinceMonthStart.toSeconds())
        + "s:1h])";
  }

  /**
   * Allocations of the namespace on nodes that have no price: non-empty means the figures would be
   * too low.
   */
  public static String unpriced(String namespace) {
    String ns = "namespace=\"" + namespace + "\"";
    return "count(container_cpu_allocation{"
        + ns
        + "} unless on (node) node_cpu_hourly_cost)"
        + " or count(container_memory_allocation_bytes{"
        + ns
        + "} unless on (node) node_ram_hourly_cost)"
        + " or count(container_gpu_allocation{"
        + ns
        + "} unless on (node) node_gpu_hourly_cost)";
  }
}
