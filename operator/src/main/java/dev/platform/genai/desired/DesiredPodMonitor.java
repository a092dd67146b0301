package dev.platform.genai.desired;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.api.external.PodMonitor;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where Prometheus Operator is installed and the project serves self-hosted models: a PodMonitor on the endpoints'
 * pods (port http, /metrics), so vLLM's token counters ({@code vllm:prompt_tokens_total},
 * {@code vllm:generation_tokens_total}) reach Prometheus with their namespace and pod, for the cost per 1M tokens
 * in status.endpoints. Prometheus' podMonitorSelector must select the policy's alertRuleLabels (the same labels as
 * the PrometheusRule).
 */
public final class DesiredPodMonitor {
  private DesiredPodMonitor() {}

  public static final String NAME = "model-endpoints";

  /** Whether the project gets one. */
  public static boolean wanted(ProjectModel m) {
    return !m.endpoints().selfHosted().isEmpty();
  }

  public static PodMonitor of(ProjectModel m) {
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
    endpoint.put("port", "http");
    endpoint.put("path", "/metrics");
    endpoint.put("interval", "60s");
    PodMonitor pm = new PodMonitor();
    pm.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(m.namespace()).withLabels(labels).build());
    pm.setSpec(spec);
    return pm;
  }
}
