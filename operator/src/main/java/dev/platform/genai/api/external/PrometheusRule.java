package dev.platform.genai.api.external;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Prometheus Operator's PrometheusRule, as much of it as the operator writes. Typed, so the client
 * needs no API discovery for it: the CRD may be absent (then the operator does not manage one). Not
 * a CRD of ours: the build's CRD generator lists our own kinds explicitly.
 */
@Group("monitoring.coreos.com")
@Version("v1")
@Kind("PrometheusRule")
@Plural("prometheusrules")
public class PrometheusRule extends CustomResource<PrometheusRuleSpec, Void>
    implements Namespaced {}
