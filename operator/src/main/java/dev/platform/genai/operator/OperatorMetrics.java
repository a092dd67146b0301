package dev.platform.genai.operator;

import dev.platform.genai.api.GenAIProject;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The operator's own metrics, beside JOSDK's: reconciles by outcome, Events emitted, and projects per phase
 * (read from the informer cache when Prometheus scrapes, so nothing is kept per project).
 */
public final class OperatorMetrics {
  static final List<String> PHASES = List.of("Provisioning", "Ready", "PendingApproval", "Throttled",
      "Suspended", "Expired", "Failed", "Terminating");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<IndexedResourceCache<GenAIProject>> projects = new AtomicReference<>();
  private final Counter reconcileOk;
  private final Counter reconcileBlocked;
  private final Counter reconcileError;

  public OperatorMetrics() {
    reconcileOk = counter("ok");
    reconcileBlocked = counter("blocked");
    reconcileError = counter("error");
    for (String phase : PHASES) {
      Gauge.builder("genai_projects", this, m -> m.count(phase))
          .description("GenAIProjects by phase").tag("phase", phase).register(registry);
    }
    Gauge.builder("genai_projects_unobserved", this, m -> m.count(null))
        .description("GenAIProjects with no status yet").register(registry);
  }

  private Counter counter(String result) {
    return Counter.builder("genai_reconciles").description("GenAIProject reconciles by result")
        .tag("result", result).register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  void watch(IndexedResourceCache<GenAIProject> cache) {
    projects.set(cache);
  }

  void reconciled(boolean blocked) {
    (blocked ? reconcileBlocked : reconcileOk).increment();
  }

  void failed() {
    reconcileError.increment();
  }

  private double count(String phase) {
    IndexedResourceCache<GenAIProject> cache = projects.get();
    if (cache == null) {
      return 0;
    }
    return cache.list().filter(p -> Objects.equals(phase, p.getStatus() == null ? null : p.getStatus().phase))
        .count();
  }

  /** Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
