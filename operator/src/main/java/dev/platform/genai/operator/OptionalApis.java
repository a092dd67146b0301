package dev.platform.genai.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which optional APIs the cluster serves (Prometheus Operator's PrometheusRule, KServe's InferenceService). Our
 * own, injectable check: JOSDK's CRD-present condition caches its answer for the life of the JVM. The production
 * implementation looks each CRD up by name once a minute: two GETs a minute, whatever the number of projects.
 */
public interface OptionalApis {
  String PROMETHEUS_RULES_CRD = "prometheusrules.monitoring.coreos.com";
  String INFERENCE_SERVICES_CRD = "inferenceservices.serving.kserve.io";

  boolean prometheusRules();

  /** Whether KServe's InferenceService CRD is installed (self-hosted endpoints are then InferenceServices). */
  default boolean inferenceServices() {
    return false;
  }

  /** Polls the API server; close it with the operator. */
  final class Polled implements OptionalApis, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Polled.class);
    private final KubernetesClient client;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "optional-apis");
      t.setDaemon(true);
      return t;
    });
    private volatile boolean prometheusRules;
    private volatile boolean inferenceServices;

    public Polled(KubernetesClient client) {
      this.client = client;
      check();
      timer.scheduleWithFixedDelay(this::check, 60, 60, TimeUnit.SECONDS);
    }

    private void check() {
      prometheusRules = present(PROMETHEUS_RULES_CRD, prometheusRules, "budget alerts on");
      inferenceServices = present(INFERENCE_SERVICES_CRD, inferenceServices,
          "self-hosted endpoints are KServe InferenceServices");
    }

    /** One GET; on an error the last answer stands. */
    private boolean present(String crd, boolean before, String consequence) {
      try {
        boolean now = client.apiextensions().v1().customResourceDefinitions().withName(crd).get() != null;
        if (now != before) {
          log.info("{} {}", crd, now ? "is installed: " + consequence : "is not installed");
        }
        return now;
      } catch (KubernetesClientException e) {
        log.warn("cannot tell whether {} is installed: {}", crd, e.getMessage());
        return before;
      }
    }

    @Override
    public boolean inferenceServices() {
      return inferenceServices;
    }

    @Override
    public boolean prometheusRules() {
      return prometheusRules;
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
