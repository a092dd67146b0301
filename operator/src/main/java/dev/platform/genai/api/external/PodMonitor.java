package dev.platform.genai.api.external;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Prometheus Operator's PodMonitor, spec as JSON (the operator writes selector and
 * podMetricsEndpoints only): how Prometheus scrapes the self-hosted endpoints' token counters. Not
 * a CRD of ours.
 */
@Group("monitoring.coreos.com")
@Version("v1")
@Kind("PodMonitor")
@Plural("podmonitors")
public class PodMonitor extends CustomResource<JsonNode, Void> implements Namespaced {}
