package dev.platform.genai.desired;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.api.external.PodMonitor;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where Prometheus Operator is installed and the project serves self-hosted models: a PodMonitor on
 * the endpoints' pods, /metrics, so vLLM's token counters ({@code vllm:prompt_tokens_total}, {@code
 * vllm:generation_tokens_total}) reach Prometheus with their namespace and pod, for the cost per 1M
 * tokens in status.endpoints. Prometheus' podMonitorSelector must select the policy's
 * alertRuleLabels (the same labels as the PrometheusRule).
 *
 * <p>Our Deployments declare the container port {@code http}: the PodMonitor names it. KServe's
 * predictor pods do not: its runtimes declare no container port (kserve
 * config/runtimes/kserve-huggingfaceserver.yaml) and say where the metrics are in the pod
 * annotation {@code prometheus.kserve.io/port} (8080, KServe's default when absent:
 * pkg/webhook/admission/pod/metrics_aggregate_injector.go). Prometheus makes a port-free target per
 * container without ports, and Prometheus Operator says to scrape an undeclared port by relabelling
 * {@code __address__}; so with KServe the PodMonitor keeps the {@code kserve-container} and points
 * the address at that port. {@code PodMonitorScrapeTest} runs both through a real Prometheus.
 */
public final class DesiredPodMonitor {
  private DesiredPodMonitor() {}

  public static final String NAME = "model-endpoints";

  /** KServe's model server container in a predictor pod. */
  public static final String KSERVE_CONTAINER = "kserve-container";

  /** The pod annotation, from the serving runtime, that names the model server's metrics port. */
  public static final String KSERVE_METRICS_PORT = "prometheus.kserve.io/port";

  /** Whether the project gets one. */
  public static boolean wanted(ProjectModel m) {
    return !m.endpoints().selfHosted().isEmpty();
  }

  /**
   * @param kserve whether the endpoints are KServe InferenceServices (else our Deployments)
   */
  public static PodMonitor of(ProjectModel m, boolean kserve) {
    Map<String, String> labels = new TreeMap<>(m.budget().alertRuleLabels());
    labels.putAll(m.labels());
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode spec = f.objectNode();
    ObjectNode selector = spec.putObject("selector");
    ObjectNode exists = selector.putArray("matchExpressions").addObject();
    exists.put("key", ModelEndpoints.ENDPOINT_LABEL);
    exists.put("operator", "Exists");
    selector.putObject("matchLabels").put(Names.PROJECT, m.name());
    ObjectNode endpoint = spec.putArray("podMetricsEndpoints").addObject();
    if (kserve) {
      ArrayNode relabel = endpoint.putArray("relabelings");
      relabel.add(
          rule("keep", List.of("__meta_kubernetes_pod_container_name"), KSERVE_CONTAINER, null));
      relabel.add(
          rule(
              "replace",
              List.of("__address__"),
              "([^:]+)(?::\\d+)?",
              "$1:8080")); // KServe's default
      relabel.add(
          rule(
              "replace",
              List.of(
                  "__address__",
                  "__meta_kubernetes_pod_annotation_"
                      + KSERVE_METRICS_PORT.replaceAll("[^a-zA-Z0-9_]", "_")),
              "([^:]+)(?::\\d+)?;(\\d+)",
              "$1:$2"));
    } else {
      endpoint.put("port", "http");
    }
    endpoint.put("path", "/metrics");
    endpoint.put("interval", "60s");
    PodMonitor pm = new PodMonitor();
    pm.setMetadata(
        new ObjectMetaBuilder()
            .withName(NAME)
            .withNamespace(m.namespace())
            .withLabels(labels)
            .build());
    pm.setSpec(spec);
    return pm;
  }

  /** A relabelling rule as the PodMonitor CRD spells it; a replace writes {@code __address__}. */
  private static ObjectNode rule(
      String action, List<String> sources, String regex, String replacement) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("action", action);
    sources.forEach(r.putArray("sourceLabels")::add);
    r.put("regex", regex);
    if (replacement != null) {
      r.put("replacement", replacement);
      r.put("targetLabel", "__address__");
    }
    return r;
  }
}
