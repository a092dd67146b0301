package dev.platform.genai.operator.project;

import dev.platform.genai.model.Residency;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pods of a project namespace with data residency that are not pinned to its regions: admission
 * (the chart's residency policy) refuses new ones, but does not re-check pods that ran before the
 * regions were set. Listed at most every ten minutes per namespace, only where residency applies
 * (no informer on pods). The rule is the admission policy's: a nodeSelector
 * topology.kubernetes.io/region on an allowed region, or required node affinity whose every term
 * has that key In allowed regions only.
 */
public final class NamespacePods {
  static final Duration RECHECK = Duration.ofMinutes(10);
  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Read> reads = new ConcurrentHashMap<>();

  private record Read(List<String> unpinned, Instant at) {}

  NamespacePods(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The names of the namespace's unpinned pods, sorted; null when the pods cannot be listed. */
  List<String> unpinned(String namespace, List<String> regions) {
    Instant now = clock.instant();
    Read r = reads.get(namespace);
    if (r != null && Duration.between(r.at(), now).compareTo(RECHECK) < 0) {
      return r.unpinned();
    }
    List<String> out;
    try {
      out = new ArrayList<>();
      for (Pod p : client.pods().inNamespace(namespace).list().getItems()) {
        if (p.getSpec() != null && !pinned(p.getSpec(), regions)) {
          out.add(p.getMetadata().getName());
        }
      }
      out.sort(null);
    } catch (KubernetesClientException e) {
      out = null;
    }
    reads.put(namespace, new Read(out, now));
    return out;
  }

  public static boolean pinned(PodSpec spec, List<String> regions) {
    String selected =
        spec.getNodeSelector() == null ? null : spec.getNodeSelector().get(Residency.REGION_LABEL);
    if (selected != null && regions.contains(selected)) {
      return true;
    }
    if (spec.getAffinity() == null
        || spec.getAffinity().getNodeAffinity() == null
        || spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
            == null) {
      return false;
    }
    List<NodeSelectorTerm> terms =
        spec.getAffinity()
            .getNodeAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .getNodeSelectorTerms();
    return terms != null
        && !terms.isEmpty()
        && terms.stream()
            .allMatch(
                t ->
                    t.getMatchExpressions() != null
                        && t.getMatchExpressions().stream()
                            .anyMatch(
                                (NodeSelectorRequirement e) ->
                                    Residency.REGION_LABEL.equals(e.getKey())
                                        && "In".equals(e.getOperator())
                                        && e.getValues() != null
                                        && !e.getValues().isEmpty()
                                        && regions.containsAll(e.getValues())));
  }
}
