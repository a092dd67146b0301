package dev.platform.genai.operator;

import dev.platform.genai.plan.InstalledApis;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which optional APIs the cluster serves (Prometheus Operator's PrometheusRule, KServe's InferenceService): the one
 * mechanism for all of them, injectable. Our own check, because JOSDK's CRD-present condition caches its answer for
 * the life of the JVM. The production implementation looks each CRD up by name once a minute: one GET per optional
 * API a minute, whatever the number of projects.
 */
@FunctionalInterface
public interface OptionalApis {
  String PROMETHEUS_RULES_CRD = "prometheusrules.monitoring.coreos.com";
  String INFERENCE_SERVICES_CRD = "inferenceservices.serving.kserve.io";

  /** What is installed now. */
  InstalledApis installed();

  /** Polls the API server; close it with the operator. */
  final class Polled implements OptionalApis, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Polled.class);
    /** Each optional CRD, and what its presence means (logged when it changes). */
    private static final Map<String, String> CRDS = Map.of(
        PROMETHEUS_RULES_CRD, "budget alerts on",
        INFERENCE_SERVICES_CRD, "self-hosted endpoints are KServe InferenceServices");

    private final KubernetesClient client;
    private final Map<String, Boolean> present = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
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
      installed = new InstalledApis(present.getOrDefault(PROMETHEUS_RULES_CRD, false),
          present.getOrDefault(INFERENCE_SERVICES_CRD, false));
    }

    /** One GET; on an error the last answer stands. */
    private void check(String crd, String consequence) {
      boolean before = present.getOrDefault(crd, false);
      try {
        boolean now = client.apiextensions().v1().customResourceDefinitions().withName(crd).get() != null;
        if (now != before) {
          log.info("{} {}", crd, now ? "is installed: " + consequence : "is not installed");
        }
        present.put(crd, now);
      } catch (KubernetesClientException e) {
        log.warn("cannot tell whether {} is installed: {}", crd, e.getMessage());
      }
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
