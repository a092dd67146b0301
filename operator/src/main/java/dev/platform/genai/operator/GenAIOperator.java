package dev.platform.genai.operator;

import dev.platform.genai.config.Settings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import dev.platform.genai.cloud.Backoff;
import dev.platform.genai.cloud.CloudAccessSync;
import dev.platform.genai.cloud.GoogleIamPolicies;
import dev.platform.genai.cloud.IamPolicies;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The operator process: JOSDK configured the one way it runs everywhere (production, {@code local}, tests):
 * server-side apply off for dependents and for the status (the mock API server cannot do it, and what is tested
 * is what runs), label-selected informers, leader election when enabled.
 */
public final class GenAIOperator implements AutoCloseable {
  private final Operator operator;
  private final GenAIProjectReconciler reconciler;
  private final OperatorMetrics metrics;

  private GenAIOperator(Operator operator, GenAIProjectReconciler reconciler, OperatorMetrics metrics) {
    this.operator = operator;
    this.reconciler = reconciler;
    this.metrics = metrics;
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  public GenAIProjectReconciler reconciler() {
    return reconciler;
  }

  /** Options that differ between a real deployment and a test; the defaults are production's. */
  public record Options(Clock clock, String identity, Duration leaseDuration, Duration renewDeadline,
      Duration retryPeriod, boolean exitOnStopLeading, Backoff iamBackoff, Duration cleanupRetry,
      OptionalApis optionalApis) {
    public static Options production() {
      String id = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("genai-operator-" + UUID.randomUUID());
      return new Options(Clock.systemUTC(), id, Duration.ofSeconds(15), Duration.ofSeconds(10),
          Duration.ofSeconds(2), true, Backoff.EXPONENTIAL, Duration.ofSeconds(30), null);
    }

    public Options withClock(Clock c) {
      return new Options(c, identity, leaseDuration, renewDeadline, retryPeriod, exitOnStopLeading, iamBackoff,
          cleanupRetry, optionalApis);
    }

    /** For tests: no sleeping between IAM retries, quick re-checks of a blocked deletion. */
    public Options fast() {
      return new Options(clock, identity, leaseDuration, renewDeadline, retryPeriod, exitOnStopLeading,
          attempt -> { }, Duration.ofMillis(200), optionalApis);
    }

    /** For tests: which optional APIs the cluster serves (null: look them up). */
    public Options withOptionalApis(OptionalApis apis) {
      return new Options(clock, identity, leaseDuration, renewDeadline, retryPeriod, exitOnStopLeading, iamBackoff,
          cleanupRetry, apis);
    }
  }

  public static GenAIOperator create(KubernetesClient client, Settings settings, Options options) {
    OperatorMetrics metrics = new OperatorMetrics();
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withMetrics(MicrometerMetrics.newMicrometerMetricsBuilder(metrics.registry())
              .notCollectingMetricsPerResource().build())
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withConcurrentReconciliationThreads(settings.reconcileThreads())
          .withCloseClientOnStop(false);
      if (settings.leaderElection()) {
        o.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder
            .aLeaderElectionConfiguration(settings.leaderElectionLeaseName())
            .withLeaseNamespace(settings.leaderElectionNamespace())
            .withIdentity(options.identity())
            .withLeaseDuration(options.leaseDuration())
            .withRenewDeadline(options.renewDeadline())
            .withRetryPeriod(options.retryPeriod())
            .withExitOnStopLeading(options.exitOnStopLeading())
            .build());
      }
    });
    var statusFactory = new ProjectStatusFactory(options.clock());
    var events = new EventRecorder(client, options.clock(), options.identity());
    var finops = new FinOpsStep(settings.prometheusUrl().map(dev.platform.genai.cost.PrometheusApi::new).orElse(null),
        settings.costEvaluationInterval(), options.clock());
    GenAIProjectReconciler reconciler;
    if (settings.cloudIamEnabled()) {
      IamPolicies iam = googleIam(settings);
      var step = new CloudAccessStep(iam, new CloudAccessSync(iam, options.iamBackoff()),
          settings.gcpClusterProject().orElseThrow());
      reconciler = new CloudAwareReconciler(statusFactory, events, metrics, step, finops, options.clock(),
          options.cleanupRetry());
    } else {
      reconciler = new GenAIProjectReconciler(statusFactory, events, metrics, new CloudAccessStep(null, null, null),
          finops);
    }
    OptionalApis apis = options.optionalApis() != null ? options.optionalApis() : new OptionalApis.Polled(client);
    reconciler.optionalApis(apis);
    operator.register(reconciler);
    return new GenAIOperator(operator, reconciler, metrics);
  }

  private static IamPolicies googleIam(Settings settings) {
    try {
      return GoogleIamPolicies.create(settings);
    } catch (java.io.IOException e) {
      throw new dev.platform.genai.config.SettingsException(Settings.GCP_CREDENTIALS, settings.gcpCredentials(),
          "usable Application Default Credentials (" + e.getMessage() + "); or set GENAI_GCP_CREDENTIALS=none for"
              + " an endpoint that needs none");
    }
  }

  public GenAIOperator start() {
    operator.start();
    return this;
  }

  public Operator josdk() {
    return operator;
  }

  @Override
  public void close() {
    operator.stop();
    if (reconciler.optionalApisHandle() instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // closing a timer cannot fail in a way that matters here
      }
    }
  }
}
