package dev.platform.genai.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which optional APIs the cluster serves (Prometheus Operator's PrometheusRule today). Our own, injectable check:
 * JOSDK's CRD-present condition caches its answer for the life of the JVM. The production implementation looks
 * the CRD up by name once a minute: one GET a minute, whatever the number of projects.
 */
public interface OptionalApis {
  String PROMETHEUS_RULES_CRD = "prometheusrules.monitoring.coreos.com";

  boolean prometheusRules();

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

    public Polled(KubernetesClient client) {
      this.client = client;
      check();
      timer.scheduleWithFixedDelay(this::check, 60, 60, TimeUnit.SECONDS);
    }

    private void check() {
      try {
        boolean now = client.apiextensions().v1().customResourceDefinitions().withName(PROMETHEUS_RULES_CRD)
            .get() != null;
        if (now != prometheusRules) {
          log.info("{} {}", PROMETHEUS_RULES_CRD, now ? "is installed: budget alerts on" : "is not installed");
        }
        prometheusRules = now;
      } catch (KubernetesClientException e) {
        log.warn("cannot tell whether {} is installed: {}", PROMETHEUS_RULES_CRD, e.getMessage());
      }
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
