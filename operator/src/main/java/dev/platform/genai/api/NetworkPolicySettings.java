package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Network guardrails. NetworkPolicy cannot name hosts, so egress is allowed by CIDR. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkPolicySettings {
  @JsonPropertyDescription(
      "Namespace of the cluster's monitoring (allowed to scrape projects). Default"
          + " monitoring.")
  @Size(max = 63)
  @ValidationRule(
      value = Formats.DNS_LABEL_RULE,
      message = "monitoringNamespace must be a DNS label")
  public String monitoringNamespace;

  @JsonPropertyDescription(
      "Other namespaces allowed to reach every project, e.g. serving gateways.")
  @Size(max = 20)
  @ValidationRule(
      value = "self.all(n, n.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'))",
      message = "each ingress namespace must be a DNS label")
  public List<@Size(max = 63) String> ingressNamespaces;

  @JsonPropertyDescription(
      "CIDRs Confidential and Restricted projects may reach besides DNS and the GKE metadata"
          + " server, e.g. the restricted.googleapis.com range 199.36.153.4/30.")
  @Size(max = 50)
  @ValidationRule(
      value = "self.all(c, c.matches('^([0-9]{1,3}\\\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$'))",
      message = "each egress CIDR must be an IPv4 CIDR such as 199.36.153.4/30")
  public List<@Size(max = 18) String> egressCidrs;
}
