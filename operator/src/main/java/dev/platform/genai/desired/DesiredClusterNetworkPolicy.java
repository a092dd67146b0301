package dev.platform.genai.desired;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.api.external.ClusterNetworkPolicy;
import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The egress guardrail of a Confidential or Restricted project once more, in the Admin tier of
 * sig-network's ClusterNetworkPolicy where the cluster serves it: what the namespace's own egress
 * NetworkPolicy allows is passed on to the NetworkPolicy tier (which can then only narrow it), and
 * everything else is denied before any NetworkPolicy is looked at — so nothing written in the
 * namespace, by anyone, can widen it. The same destinations as {@link DesiredNetworkPolicy#egress}:
 * DNS in kube-system, the metadata server, the namespace itself, the CIDRs policy allows on 443.
 */
public final class DesiredClusterNetworkPolicy {
  private DesiredClusterNetworkPolicy() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The Admin tier's priority (0-1000, lower first): the middle, leaving room either side. */
  public static final int PRIORITY = 500;

  /** At most this many CIDRs in one peer (the CRD's maxItems). */
  static final int CIDRS_PER_PEER = 25;

  /** Its name, one per project (cluster-scoped). */
  public static String name(ProjectModel m) {
    return Names.EGRESS_POLICY + "-" + m.name();
  }

  public static ClusterNetworkPolicy of(ProjectModel m) {
    ClusterNetworkPolicy p = new ClusterNetworkPolicy();
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name(m));
    meta.setLabels(new LinkedHashMap<>(m.labels()));
    p.setMetadata(meta);
    ObjectNode spec = JSON.createObjectNode();
    spec.put("tier", "Admin");
    spec.put("priority", PRIORITY);
    spec.putObject("subject")
        .putObject("namespaces")
        .putObject("matchLabels")
        .put(Names.NAMESPACE_NAME_LABEL, m.namespace());
    ArrayNode egress = spec.putArray("egress");
    ObjectNode dns = rule(egress, "dns", "Pass");
    namespace(dns.putArray("to").addObject(), "kube-system");
    ArrayNode dnsPorts = dns.putArray("protocols");
    port(dnsPorts, "udp", 53);
    port(dnsPorts, "tcp", 53);
    ObjectNode metadata = rule(egress, "metadata-server", "Pass");
    networks(metadata.putArray("to"), m.network().metadataServerCidrs());
    ArrayNode metadataPorts = metadata.putArray("protocols");
    port(metadataPorts, "tcp", 80);
    port(metadataPorts, "tcp", 988);
    namespace(rule(egress, "own-namespace", "Pass").putArray("to").addObject(), m.namespace());
    if (!m.network().egressCidrs().isEmpty()) {
      ObjectNode allowed = rule(egress, "allowed-cidrs", "Pass");
      networks(allowed.putArray("to"), new ArrayList<>(m.network().egressCidrs()));
      port(allowed.putArray("protocols"), "tcp", 443);
    }
    ObjectNode rest = rule(egress, "everything-else", "Deny");
    ArrayNode to = rest.putArray("to");
    // networks match pod addresses too (the API's own words): 0.0.0.0/0 and ::/0 deny every
    // destination, inside the cluster or out; every namespace's pods once more, by name
    networks(to, List.of("0.0.0.0/0", "::/0"));
    to.addObject().putObject("namespaces");
    p.setSpec(spec);
    return p;
  }

  private static ObjectNode rule(ArrayNode egress, String name, String action) {
    ObjectNode r = egress.addObject();
    r.put("name", name);
    r.put("action", action);
    return r;
  }

  private static void namespace(ObjectNode peer, String namespace) {
    peer.putObject("namespaces")
        .putObject("matchLabels")
        .put(Names.NAMESPACE_NAME_LABEL, namespace);
  }

  /** CIDRs as peers of at most 25 each. */
  private static void networks(ArrayNode to, List<String> cidrs) {
    for (int i = 0; i < cidrs.size(); i += CIDRS_PER_PEER) {
      ArrayNode n = to.addObject().putArray("networks");
      cidrs.subList(i, Math.min(cidrs.size(), i + CIDRS_PER_PEER)).forEach(n::add);
    }
  }

  private static void port(ArrayNode protocols, String protocol, int port) {
    protocols.addObject().putObject(protocol).putObject("destinationPort").put("number", port);
  }
}
