package dev.platform.genai.operator.project;

import dev.platform.genai.model.Residency;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The regions the cluster's nodes are in (their topology.kubernetes.io/region label, which GKE and
 * the other clouds set), counted: for data residency, a project whose regions no node is in cannot
 * run a pinned pod. Read with one list of the nodes at most every ten minutes (no informer: node
 * objects are large and change often), only while a project with residency reconciles. A node
 * without the label counts under "" (unknown region).
 */
final class ClusterRegions {
  static final Duration RECHECK = Duration.ofMinutes(10);
  private final KubernetesClient client;
  private final Clock clock;
  private volatile Map<String, Integer> regions;
  private volatile Instant readAt;

  ClusterRegions(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Node count by region; null when the nodes cannot be listed (the status says so). */
  Map<String, Integer> read() {
    Instant now = clock.instant();
    Instant at = readAt;
    if (at != null && Duration.between(at, now).compareTo(RECHECK) < 0) {
      return regions;
    }
    Map<String, Integer> out;
    try {
      out = new TreeMap<>();
      for (Node n : client.nodes().list().getItems()) {
        Map<String, String> labels = n.getMetadata().getLabels();
        String region = labels == null ? "" : labels.getOrDefault(Residency.REGION_LABEL, "");
        out.merge(region, 1, Integer::sum);
      }
    } catch (KubernetesClientException e) {
      out = null;
    }
    regions = out;
    readAt = now;
    return out;
  }
}
