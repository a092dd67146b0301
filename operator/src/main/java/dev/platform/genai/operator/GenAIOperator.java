package dev.platform.genai.operator;

import dev.platform.genai.api.StoredDocument;
import dev.platform.genai.api.TolerantReading;
import dev.platform.genai.cloud.BucketLocations;
import dev.platform.genai.cloud.GoogleIamPolicies;
import dev.platform.genai.cloud.IamPolicies;
import dev.platform.genai.cloud.IamQuota;
import dev.platform.genai.config.Settings;
import dev.platform.genai.config.SettingsException;
import dev.platform.genai.cost.CostEvaluator;
import dev.platform.genai.cost.CostScheduler;
import dev.platform.genai.cost.GoogleMonitoringAuth;
import dev.platform.genai.cost.PrometheusApi;
import dev.platform.genai.operator.iam.GoogleIamPolicyReconciler;
import dev.platform.genai.operator.intents.CloudIntents;
import dev.platform.genai.operator.project.CloudAccessStep;
import dev.platform.genai.operator.project.ClusterProjectNumber;
import dev.platform.genai.operator.project.GenAIProjectReconciler;
import dev.platform.genai.operator.project.Observer;
import dev.platform.genai.operator.project.OperatorMetrics;
import dev.platform.genai.operator.project.ProjectRecords;
import dev.platform.genai.operator.project.ProjectStatusFactory;
import dev.platform.genai.operator.shared.EventRecorder;
import dev.platform.genai.operator.shared.OptionalApis;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.Cloner;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The operator process: JOSDK configured the one way it runs everywhere (production, {@code local},
 * tests): children created and updated, not applied (measured on the real API server: an update
 * keeps a child exactly as governance decided it, see {@link Options#withServerSideApply}), the
 * status updated with optimistic locking, label-selected informers, leader election when enabled.
 */
public final class GenAIOperator implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(GenAIOperator.class);
  private final Operator operator;
  private Operator iam;
  private boolean iamWithLeader;
  private ClusterProjectNumber clusterProjectNumber;
  private boolean iamStarted;
  private final GenAIProjectReconciler reconciler;
  private final OperatorMetrics metrics;
  private KubernetesClient client;
  private OptionalApis apis;
  private CostScheduler cost;
  private boolean exitOnStopLeading;

  /** The Lease this replica competes for (null without leader election). */
  private LeaseLock lease;

  /**
   * Set when {@link #close()} begins: leadership then ends because we stop, not because it was
   * lost.
   */
  private volatile boolean closing;

  private GenAIOperator(
      Operator operator, GenAIProjectReconciler reconciler, OperatorMetrics metrics) {
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
  public record Options(
      Clock clock,
      String identity,
      Duration leaseDuration,
      Duration renewDeadline,
      Duration retryPeriod,
      boolean exitOnStopLeading,
      Duration cleanupRetry,
      OptionalApis optionalApis,
      boolean serverSideApply) {
    public static Options production() {
      String id =
          Optional.ofNullable(System.getenv("HOSTNAME"))
              .orElse("genai-operator-" + UUID.randomUUID());
      return new Options(
          Clock.systemUTC(),
          id,
          Duration.ofSeconds(15),
          Duration.ofSeconds(10),
          Duration.ofSeconds(2),
          true,
          Duration.ofSeconds(30),
          null,
          false);
    }

    /**
     * Children written by server-side apply instead of create and update: only for its measurement
     * on the real API server. Production updates, on purpose: an update replaces the whole spec the
     * operator decides, so what someone else added (a quota key, a container, a port) goes; an
     * apply leaves other managers' fields for ever (docs/testing.md, "Server-side apply",
     * ServerSideApplyOnRealServerTest).
     */
    public Options withServerSideApply(boolean ssa) {
      return new Options(
          clock,
          identity,
          leaseDuration,
          renewDeadline,
          retryPeriod,
          exitOnStopLeading,
          cleanupRetry,
          optionalApis,
          ssa);
    }

    public Options withClock(Clock c) {
      return new Options(
          c,
          identity,
          leaseDuration,
          renewDeadline,
          retryPeriod,
          exitOnStopLeading,
          cleanupRetry,
          optionalApis,
          serverSideApply);
    }

    /** For tests: quick re-checks of a blocked deletion. */
    public Options fast() {
      return new Options(
          clock,
          identity,
          leaseDuration,
          renewDeadline,
          retryPeriod,
          exitOnStopLeading,
          Duration.ofMillis(200),
          optionalApis,
          serverSideApply);
    }

    /** For tests: stay up when leadership is lost (a JVM running tests must not exit). */
    public Options withoutExitOnStopLeading() {
      return new Options(
          clock,
          identity,
          leaseDuration,
          renewDeadline,
          retryPeriod,
          false,
          cleanupRetry,
          optionalApis,
          serverSideApply);
    }

    /** For tests: which optional APIs the cluster serves (null: look them up). */
    public Options withOptionalApis(OptionalApis apis) {
      return new Options(
          clock,
          identity,
          leaseDuration,
          renewDeadline,
          retryPeriod,
          exitOnStopLeading,
          cleanupRetry,
          apis,
          serverSideApply);
    }
  }

  /**
   * @param given the cluster to run against; the operator reads it through a client of its own,
   *     configured the same but with tolerant reading of its resources (one malformed object must
   *     not stop the informer for all)
   */
  public static GenAIOperator create(KubernetesClient given, Settings settings, Options options) {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(given.getConfiguration())
            .withKubernetesSerialization(TolerantReading.serialization())
            .build();
    OperatorMetrics metrics = new OperatorMetrics();
    AtomicReference<Runnable> leading = new AtomicReference<>(() -> {});
    AtomicReference<Runnable> following = new AtomicReference<>(() -> {});
    Operator operator = projectOperator(client, settings, options, metrics, leading, following);
    var events = new EventRecorder(client, options.clock(), options.identity());
    CostScheduler cost = costScheduler(settings, metrics);
    OptionalApis apis =
        options.optionalApis() != null ? options.optionalApis() : new OptionalApis.Polled(client);
    Cloud cloud = cloud(client, settings, options, metrics, events);
    GenAIProjectReconciler reconciler =
        new GenAIProjectReconciler(
            new ProjectStatusFactory(options.clock()),
            events,
            metrics,
            new CloudAccessStep(cloud.intents(), cloud.enabled(), cloud.records()),
            approvals ->
                new Observer(
                    options.clock(),
                    apis,
                    cost,
                    cloud.clusterNumber(),
                    approvals::forProject,
                    cloud.buckets()),
            options.cleanupRetry(),
            new ProjectRecords(served(client, ProjectRecords.CRD)));
    operator.register(reconciler);
    GenAIOperator created = new GenAIOperator(operator, reconciler, metrics);
    created.iam = cloud.policies() == null ? null : iamOperator(client, settings, cloud.policies());
    created.clusterProjectNumber = cloud.clusterNumber();
    created.iamWithLeader = settings.leaderElection();
    leading.set(created::startIam);
    following.set(created::stoppedLeading);
    created.exitOnStopLeading = options.exitOnStopLeading();
    if (settings.leaderElection()) {
      created.lease =
          new LeaseLock(
              settings.leaderElectionNamespace(),
              settings.leaderElectionLeaseName(),
              options.identity());
    }
    created.client = client;
    created.apis = apis;
    created.cost = cost;
    return created;
  }

  /** The JOSDK operator of the project controller, with leader election when configured. */
  private static Operator projectOperator(
      KubernetesClient client,
      Settings settings,
      Options options,
      OperatorMetrics metrics,
      AtomicReference<Runnable> leading,
      AtomicReference<Runnable> following) {
    return new Operator(
        o -> {
          o.withKubernetesClient(client)
              .withMetrics(
                  MicrometerMetrics.newMicrometerMetricsBuilder(metrics.registry())
                      .notCollectingMetricsPerResource()
                      .build())
              .withSSABasedCreateUpdateMatchForDependentResources(options.serverSideApply())
              .withUseSSAToPatchPrimaryResource(false)
              .withConcurrentReconciliationThreads(settings.reconcileThreads())
              .withCloseClientOnStop(false)
              // JOSDK reconciles a clone; the clone keeps what could not be read, so it is
              // reported
              .withResourceCloner(
                  new Cloner() {
                    @Override
                    public <R extends HasMetadata> R clone(R object) {
                      return StoredDocument.carry(
                          object, client.getKubernetesSerialization().clone(object));
                    }
                  });
          if (settings.leaderElection()) {
            o.withLeaderElectionConfiguration(
                LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                        settings.leaderElectionLeaseName())
                    .withLeaseNamespace(settings.leaderElectionNamespace())
                    .withIdentity(options.identity())
                    .withLeaseDuration(options.leaseDuration())
                    .withRenewDeadline(options.renewDeadline())
                    .withRetryPeriod(options.retryPeriod())
                    // never JOSDK's exit: it calls System.exit from the callback, which on
                    // SIGTERM runs inside our shutdown hook and blocks there for ever (the
                    // leader pod then sits Terminating until killed); see stoppedLeading
                    .withExitOnStopLeading(false)
                    .withLeaderCallbacks(
                        new io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks(
                            () -> leading.get().run(), () -> following.get().run(), leader -> {}))
                    .build());
          }
        });
  }

  private static CostScheduler costScheduler(Settings settings, OperatorMetrics metrics) {
    return new CostScheduler(
        new CostEvaluator(
            settings.prometheusUrl().map(PrometheusApi::new).orElse(null),
            settings
                .managedMetricsUrl()
                .map(u -> new PrometheusApi(u, monitoringAuth(settings)))
                .orElse(null),
            settings.costEvaluationInterval()),
        settings.costThreads(),
        metrics::costEvaluated);
  }

  /**
   * What the project controller needs of Google Cloud, and the policy controller.
   *
   * @param enabled whether Google Cloud access is on (GENAI_GCP_CLUSTER_PROJECT)
   * @param records whether the GoogleIamPolicy CRD is served
   * @param policies the policy controller, or null (access off, or the CRD missing)
   * @param clusterNumber the cluster project's number, or null when access is off
   * @param buckets Cloud Storage's bucket locations, or null when access is off
   */
  private record Cloud(
      boolean enabled,
      boolean records,
      CloudIntents intents,
      GoogleIamPolicyReconciler policies,
      ClusterProjectNumber clusterNumber,
      BucketLocations buckets) {}

  private static Cloud cloud(
      KubernetesClient client,
      Settings settings,
      Options options,
      OperatorMetrics metrics,
      EventRecorder events) {
    CloudIntents intents = new CloudIntents();
    if (!settings.cloudIamEnabled()) {
      return new Cloud(false, false, intents, null, null, null);
    }
    IamPolicies iam = googleIam(settings);
    metrics.watchIam(iam);
    boolean records = recordsInstalled(client);
    GoogleIamPolicyReconciler policies = null;
    if (records) {
      policies =
          new GoogleIamPolicyReconciler(
              iam,
              new IamQuota(options.clock()),
              intents,
              options.clock(),
              settings.cloudIamRecheckInterval(),
              events);
    } else {
      org.slf4j.LoggerFactory.getLogger(GenAIOperator.class)
          .warn(
              "the GoogleIamPolicy CRD is not installed: no"
                  + " Google IAM is managed (projects with spec.gcp say so in CloudAccessReady); apply the chart's CRDs"
                  + " and restart");
    }
    return new Cloud(
        true,
        records,
        intents,
        policies,
        new ClusterProjectNumber(
            iam, settings.gcpClusterProject().orElseThrow(), intents::wakeAllProjects),
        bucketLocations(settings, options.clock()));
  }

  /**
   * The policy controller on a JOSDK operator of its own, so Google runs on threads of its own (as
   * many as the projects': GENAI_RECONCILE_THREADS): a hung or slow Google holds the policy
   * controllers' threads, never the projects' reconciles (JOSDK shares one reconcile pool among the
   * controllers of an Operator).
   */
  private static Operator iamOperator(
      KubernetesClient client, Settings settings, GoogleIamPolicyReconciler policies) {
    Operator iamOperator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withConcurrentReconciliationThreads(settings.reconcileThreads())
                    .withUseSSAToPatchPrimaryResource(false));
    iamOperator.register(policies);
    return iamOperator;
  }

  /**
   * Whether the GoogleIamPolicy CRD is served (our own check, once at start: JOSDK's CRD-present
   * condition caches its first answer JVM-wide). Without it the operator manages no IAM and says
   * so.
   */
  private static boolean recordsInstalled(KubernetesClient client) {
    return served(
        client, HasMetadata.getFullResourceName(dev.platform.genai.api.GoogleIamPolicy.class));
  }

  /**
   * Whether a CRD of ours is installed (projects' records: without it they stay in status only, and
   * it says so).
   */
  private static boolean served(KubernetesClient client, String crd) {
    boolean served =
        client.apiextensions().v1().customResourceDefinitions().withName(crd).get() != null;
    if (!served) {
      org.slf4j.LoggerFactory.getLogger(GenAIOperator.class)
          .warn("the CRD {} is not installed: apply the chart's" + " CRDs and restart", crd);
    }
    return served;
  }

  private static java.util.function.Supplier<String> monitoringAuth(Settings settings) {
    try {
      return GoogleMonitoringAuth.bearer(settings.gcpCredentials());
    } catch (IOException e) {
      throw new SettingsException(
          Settings.GCP_CREDENTIALS,
          settings.gcpCredentials(),
          "usable Application Default Credentials for GENAI_MANAGED_METRICS_URL ("
              + e.getMessage()
              + "); or set"
              + " GENAI_GCP_CREDENTIALS=none for an endpoint that needs none");
    }
  }

  private static BucketLocations bucketLocations(Settings settings, java.time.Clock clock) {
    try {
      return BucketLocations.create(
          settings.gcpStorageEndpoint(), settings.gcpCredentials(), clock);
    } catch (IOException e) {
      throw new SettingsException(
          Settings.GCP_CREDENTIALS,
          settings.gcpCredentials(),
          "usable Application Default Credentials ("
              + e.getMessage()
              + "); or set GENAI_GCP_CREDENTIALS=none for"
              + " an endpoint that needs none");
    }
  }

  private static IamPolicies googleIam(Settings settings) {
    try {
      return GoogleIamPolicies.create(settings);
    } catch (IOException e) {
      throw new SettingsException(
          Settings.GCP_CREDENTIALS,
          settings.gcpCredentials(),
          "usable Application Default Credentials ("
              + e.getMessage()
              + "); or set GENAI_GCP_CREDENTIALS=none for"
              + " an endpoint that needs none");
    }
  }

  public GenAIOperator start() {
    operator.start();
    if (!iamWithLeader) {
      startIam();
    }
    return this;
  }

  /**
   * The policy controllers run where the project controller runs (they share the projects' wishes
   * in memory): at once without leader election, else when this replica starts leading.
   */
  private synchronized void startIam() {
    if (iam != null && !iamStarted) {
      iamStarted = true;
      iam.start();
    }
  }

  /**
   * Leadership ended. When {@link #close()} ended it (SIGTERM, a rollout), nothing more: close()
   * releases the Lease. Lost otherwise (the Lease not renewed in time), this replica exits so that
   * never two reconcile at once — from a thread of its own, so that the elector's thread returns
   * and the shutdown hooks run as on any exit.
   */
  private void stoppedLeading() {
    stopIam();
    if (closing || !exitOnStopLeading) {
      return;
    }
    LOG.error(
        "lost the leadership of Lease {} without being stopped: exiting so that only one replica reconciles",
        lease == null ? "" : lease.describe());
    Thread exit = new Thread(() -> System.exit(1), "genai-operator-exit");
    exit.start();
  }

  /**
   * Hands the Lease on at once, as client-go's ReleaseOnCancel does: no holder, a duration of one
   * second, so the standby (which retries every few seconds) leads without waiting for the Lease to
   * expire. Only while this replica still holds it; the update carries the resourceVersion read, so
   * a Lease taken meanwhile is never overwritten.
   */
  private void releaseLease() {
    if (lease == null || client == null) {
      return;
    }
    try {
      LeaderElectionRecord held = lease.get(client);
      if (held == null || !lease.identity().equals(held.getHolderIdentity())) {
        return;
      }
      java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
      lease.update(
          client,
          new LeaderElectionRecord(
              null, Duration.ofSeconds(1), now, now, held.getLeaderTransitions()));
      LOG.info("released Lease {}", lease.describe());
    } catch (
        RuntimeException
            e) { // a conflict (taken meanwhile) or the API server gone: it expires by itself
      LOG.warn(
          "could not release Lease {} ({}); the standby takes over when it expires",
          lease.describe(),
          e.getMessage());
    }
  }

  private synchronized void stopIam() {
    if (iam != null && iamStarted) {
      iamStarted = false;
      iam.stop();
    }
  }

  public Operator josdk() {
    return operator;
  }

  @Override
  public void close() {
    closing = true;
    stopIam();
    if (clusterProjectNumber != null) {
      clusterProjectNumber.close();
    }
    operator.stop();
    releaseLease();
    if (client != null) {
      client.close();
    }
    if (cost != null) {
      cost.close();
    }
    if (apis instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // closing a timer cannot fail in a way that matters here
      }
    }
  }
}
