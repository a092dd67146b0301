package dev.platform.genai.operator.shared;

import dev.platform.genai.desired.DesiredAiGateway;
import dev.platform.genai.model.GpuQueue;
import dev.platform.genai.plan.InstalledApis;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which optional APIs the cluster serves (Prometheus Operator's PrometheusRule, KServe's
 * InferenceService, Kueue's ClusterQueue and the version it serves): the one mechanism for all of
 * them, injectable. Our own check, because JOSDK's CRD-present condition caches its answer for the
 * life of the JVM. The production implementation looks each CRD up by name once a minute: one GET
 * per optional API a minute, whatever the number of projects.
 */
@FunctionalInterface
public interface OptionalApis {
  String PROMETHEUS_RULES_CRD = "prometheusrules.monitoring.coreos.com";
  String INFERENCE_SERVICES_CRD = "inferenceservices.serving.kserve.io";
  String CLUSTER_QUEUES_CRD = "clusterqueues.kueue.x-k8s.io";

  /**
   * Envoy AI Gateway's and Envoy Gateway's kinds the operator writes: the gateway is used only when
   * all are served.
   */
  List<String> GATEWAY_CRDS =
      DesiredAiGateway.KINDS.stream().map(DesiredAiGateway.GatewayKind::crd).toList();

  /** sig-network's ClusterNetworkPolicy (network-policy-api v0.3): used where v1beta1 is served. */
  String CLUSTER_NETWORK_POLICIES_CRD = "clusternetworkpolicies.policy.networking.k8s.io";

  /** What is installed now. */
  InstalledApis installed();

  /** Polls the API server; close it with the operator. */
  final class Polled implements OptionalApis, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Polled.class);

    /** Each optional CRD, and what its presence means (logged when it changes). */
    private static final Map<String, String> CRDS = crds();

    private static Map<String, String> crds() {
      Map<String, String> out =
          new java.util.LinkedHashMap<>(
              Map.of(
                  PROMETHEUS_RULES_CRD, "budget alerts on",
                  INFERENCE_SERVICES_CRD, "self-hosted endpoints are KServe InferenceServices",
                  CLUSTER_QUEUES_CRD, "GPU admission through a Kueue ClusterQueue per project"));
      out.put(
          CLUSTER_NETWORK_POLICIES_CRD,
          "the egress guardrail of Confidential and Restricted projects is written in its Admin tier too");
      GATEWAY_CRDS.forEach(
          crd ->
              out.put(
                  crd,
                  "one of Envoy AI Gateway's kinds (with all of them and"
                      + " spec.aiGateway in the policy, endpoints go behind the gateway with a token budget)"));
      return Map.copyOf(out);
    }

    private final KubernetesClient client;
    private final Map<String, Boolean> present = new ConcurrentHashMap<>();
    private volatile String kueueVersion;
    private final ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "optional-apis");
              t.setDaemon(true);
              return t;
            });
    private volatile InstalledApis installed = InstalledApis.NONE;

    public Polled(KubernetesClient client) {
      this.client = client;
      check();
      timer.scheduleWithFixedDelay(this::check, 60, 60, TimeUnit.SECONDS);
    }

    private void check() {
      CRDS.forEach(this::check);
      installed =
          new InstalledApis(
              present.getOrDefault(PROMETHEUS_RULES_CRD, false),
              present.getOrDefault(INFERENCE_SERVICES_CRD, false),
              present.getOrDefault(CLUSTER_QUEUES_CRD, false) ? kueueVersion : null,
              GATEWAY_CRDS.stream().allMatch(crd -> present.getOrDefault(crd, false)),
              present.getOrDefault(CLUSTER_NETWORK_POLICIES_CRD, false));
    }

    /** One GET; on an error the last answer stands. */
    private void check(String crd, String consequence) {
      boolean before = present.getOrDefault(crd, false);
      try {
        CustomResourceDefinition found =
            client.apiextensions().v1().customResourceDefinitions().withName(crd).get();
        boolean now = found != null;
        if (CLUSTER_QUEUES_CRD.equals(crd)) {
          String version = now ? kueueVersion(found) : null;
          if (now && version == null) {
            log.warn("{} serves neither v1beta2 nor v1beta1: Kueue is not used", crd);
            now = false;
          } else if (now && !version.equals(kueueVersion)) {
            log.info("{} serves {}", crd, version);
          }
          kueueVersion = version;
        }
        if (CLUSTER_NETWORK_POLICIES_CRD.equals(crd)
            && now
            && found.getSpec().getVersions().stream()
                .noneMatch(
                    v -> "v1beta1".equals(v.getName()) && Boolean.TRUE.equals(v.getServed()))) {
          if (!Boolean.TRUE.equals(present.put(crd + " unserved", true))) {
            log.warn("{} does not serve v1beta1 (network-policy-api v0.3): not used", crd);
          }
          now = false;
        }
        if (now != before) {
          log.info("{} {}", crd, now ? "is installed: " + consequence : "is not installed");
        }
        present.put(crd, now);
      } catch (KubernetesClientException e) {
        log.warn("cannot tell whether {} is installed: {}", crd, e.getMessage());
      }
    }

    /** kueue.x-k8s.io/v1beta2 where served (Kueue 0.15+), else v1beta1, else null. */
    public static String kueueVersion(CustomResourceDefinition crd) {
      List<String> served =
          crd.getSpec().getVersions().stream()
              .filter(v -> Boolean.TRUE.equals(v.getServed()))
              .map(v -> v.getName())
              .toList();
      return served.contains("v1beta2")
          ? GpuQueue.V1BETA2
          : served.contains("v1beta1") ? GpuQueue.V1BETA1 : null;
    }

    @Override
    public InstalledApis installed() {
      return installed;
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
