package dev.platform.genai.plan;

import java.util.Collection;

/**
 * Which optional APIs the cluster serves, as observed for one reconcile (or stated for {@code render}).
 *
 * @param prometheusRules Prometheus Operator's PrometheusRule: budget alerts are created
 * @param inferenceServices KServe's InferenceService: self-hosted endpoints are InferenceServices
 */
public record InstalledApis(boolean prometheusRules, boolean inferenceServices) {
  public static final InstalledApis NONE = new InstalledApis(false, false);

  /** The names {@code render --installed} takes. */
  public static InstalledApis of(Collection<String> names) {
    return new InstalledApis(names.contains(PROMETHEUS_OPERATOR), names.contains(KSERVE));
  }

  public static final String PROMETHEUS_OPERATOR = "prometheus-operator";
  public static final String KSERVE = "kserve";
}
