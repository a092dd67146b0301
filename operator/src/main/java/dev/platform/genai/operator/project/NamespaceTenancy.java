package dev.platform.genai.operator.project;

import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.plan.TenancyFindings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What in a project namespace breaks the tenant boundary although admission would refuse it now
 * ({@link TenancyFindings}): the chart's policy does not re-check what was stored before it, nor
 * what exempt identities and break-glass wrote. NetworkPolicies, RoleBindings, Services and
 * Ingresses are listed at most every ten minutes per namespace (no informer on them beyond the
 * operator's own).
 */
final class NamespaceTenancy {
  static final Duration RECHECK = Duration.ofMinutes(10);
  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Read> reads = new ConcurrentHashMap<>();

  private record Read(List<String> findings, Instant at, ProjectModel model) {}

  NamespaceTenancy(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * The findings for the project's namespace; null when its objects cannot be listed. Read again
   * when ten minutes passed or the project's team or classification changed.
   */
  List<String> findings(ProjectModel m) {
    Instant now = clock.instant();
    Read r = reads.get(m.namespace());
    if (r != null
        && Duration.between(r.at(), now).compareTo(RECHECK) < 0
        && r.model().team().equals(m.team())
        && r.model().classification() == m.classification()) {
      return r.findings();
    }
    List<String> out;
    try {
      String ns = m.namespace();
      out =
          TenancyFindings.of(
              m,
              client.network().networkPolicies().inNamespace(ns).list().getItems(),
              client.rbac().roleBindings().inNamespace(ns).list().getItems(),
              client.services().inNamespace(ns).list().getItems(),
              client.network().v1().ingresses().inNamespace(ns).list().getItems());
    } catch (KubernetesClientException e) {
      out = null;
    }
    reads.put(m.namespace(), new Read(out, now, m));
    return out;
  }
}
