package dev.platform.genai.operator;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.Samples;
import dev.platform.genai.admission.AdmissionRules;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.api.GenAIProjectApprovalSpec;
import dev.platform.genai.api.ProjectCondition;
import dev.platform.genai.config.Settings;
import dev.platform.genai.controlplane.PodKubelet;
import dev.platform.genai.controlplane.RealCluster;
import dev.platform.genai.model.GovernanceDigest;
import dev.platform.genai.model.Names;
import dev.platform.genai.operator.shared.OptionalApis;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.sandbox.FakeGoogleIam;
import dev.platform.genai.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The operator against the sandbox API server, for one test class — or, built with {@link
 * #onRealCluster}, against the real control plane as the chart's ServiceAccount.
 */
final class OperatorHarness implements AutoCloseable {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  /** The sandbox API server; null on the real control plane. */
  final SandboxApiServer server;

  /** A client with every right (the mock checks none; on the real control plane system:masters). */
  final KubernetesClient client;

  GenAIOperator operator;
  final FakeGoogleIam google;

  /** The real control plane, or null. */
  final RealCluster real;

  /** Plays the kubelet for pods on the real control plane; null in the sandbox. */
  private final PodKubelet kubelet;

  /** The operator as `local` runs it: cloud IAM on, against the fake of Google's IAM APIs. */
  OperatorHarness() {
    this(null);
  }

  /** The operator with these settings (the fake of Google is not started). */
  OperatorHarness(Map<String, String> env) {
    this(env, CLOCK);
  }

  OperatorHarness(Map<String, String> env, Clock clock) {
    this(env, clock, () -> InstalledApis.NONE);
  }

  OperatorHarness(Map<String, String> env, Clock clock, OptionalApis apis) {
    this(env, clock, apis, server -> {});
  }

  /**
   * As above, with something done to the API server before the operator starts (e.g. lagging
   * watches).
   */
  OperatorHarness(
      Map<String, String> env,
      Clock clock,
      OptionalApis apis,
      Consumer<SandboxApiServer> beforeStart) {
    real = null;
    kubelet = null;
    google = env == null ? startGoogle() : null;
    if (env == null) {
      env =
          Map.of(
              "GENAI_GCP_CLUSTER_PROJECT",
              "sandbox-gke",
              "GENAI_GCP_RESOURCEMANAGER_ENDPOINT",
              google.url(),
              "GENAI_GCP_IAM_ENDPOINT",
              google.url(),
              "GENAI_GCP_STORAGE_ENDPOINT",
              google.url(),
              "GENAI_GCP_CREDENTIALS",
              "none");
    }
    server = SandboxApiServer.start();
    client = server.client();
    server.installCrds(client, AdmissionRules.crds());
    beforeStart.accept(server);
    // a sweep by hand: every operator test with the watches late (docs/reliability.md, "Late
    // informers")
    String lagMs = System.getProperty("sandbox.watchLagMs");
    if (lagMs != null) {
      for (String r : System.getProperty("sandbox.watchLagResources", "genaiprojects").split(",")) {
        server.dispatcher().lagWatches(r, Duration.ofMillis(Long.parseLong(lagMs)));
      }
    }
    GenAIOperator.Options options =
        GenAIOperator.Options.production().withClock(clock).fast().withOptionalApis(apis);
    operator = GenAIOperator.create(client, Settings.from(env), options).start();
  }

  private OperatorHarness(
      RealCluster real, Map<String, String> extraEnv, Clock clock, OptionalApis apis) {
    this(real, extraEnv, clock, apis, false);
  }

  private OperatorHarness(
      RealCluster real,
      Map<String, String> extraEnv,
      Clock clock,
      OptionalApis apis,
      boolean serverSideApply) {
    this.real = real;
    this.server = null;
    this.google = startGoogle();
    this.client = real.admin();
    Map<String, String> env = new HashMap<>(real.operatorEnvironment());
    env.putAll(
        Map.of(
            "GENAI_GCP_CLUSTER_PROJECT",
            "sandbox-gke",
            "GENAI_GCP_RESOURCEMANAGER_ENDPOINT",
            google.url(),
            "GENAI_GCP_IAM_ENDPOINT",
            google.url(),
            "GENAI_GCP_STORAGE_ENDPOINT",
            google.url(),
            "GENAI_GCP_CREDENTIALS",
            "none"));
    env.putAll(extraEnv);
    this.realSettings = Settings.from(env);
    this.realOptions =
        GenAIOperator.Options.production()
            .withClock(clock)
            .fast()
            .withOptionalApis(apis)
            .withoutExitOnStopLeading()
            .withServerSideApply(serverSideApply);
    startOperator();
    kubelet = new PodKubelet(client);
  }

  private Settings realSettings;
  private GenAIOperator.Options realOptions;

  /**
   * The operator on the real control plane ({@link RealCluster#shared()}), authenticated as the
   * chart's ServiceAccount with the token the API server issues it, configured from the chart's
   * Deployment (leader election in the release namespace) plus {@code extraEnv}, cloud IAM against
   * the fake of Google's IAM; a {@link PodKubelet} plays the kubelet. Closing it deletes every
   * project, approval and policy and waits until their namespaces are gone.
   */
  static OperatorHarness onRealCluster(Map<String, String> extraEnv, OptionalApis apis) {
    return new OperatorHarness(RealCluster.shared(), extraEnv, CLOCK, apis);
  }

  /**
   * As above, with the children written by server-side apply or by update (the measurement of
   * docs/testing.md).
   */
  static OperatorHarness onRealCluster(OptionalApis apis, boolean serverSideApply) {
    return new OperatorHarness(RealCluster.shared(), Map.of(), CLOCK, apis, serverSideApply);
  }

  /** As above, on a control plane of the test's own, with its clock. */
  static OperatorHarness onRealCluster(
      RealCluster cluster, Map<String, String> extraEnv, Clock clock, OptionalApis apis) {
    return new OperatorHarness(cluster, extraEnv, clock, apis);
  }

  /**
   * On the real control plane: stops the operator (as a pod that goes away; its Lease is released).
   */
  void stopOperator() {
    operator.close();
    client.leases().inNamespace(RealCluster.RELEASE_NAMESPACE).delete();
  }

  /** On the real control plane: starts an operator again, with a new token, as a new pod would. */
  void startOperator() {
    try (KubernetesClient asOperator =
        new KubernetesClientBuilder().withConfig(real.operatorConfig()).build()) {
      operator = GenAIOperator.create(asOperator, realSettings, realOptions).start();
    }
  }

  /**
   * Whom the approvals are created as: on the real control plane the approver itself (the chart's
   * policy).
   */
  private KubernetesClient approver(String approvedBy) {
    return real == null ? client : real.as(approvedBy, RealCluster.COMPLIANCE_GROUP);
  }

  /** Creates an approval as its approver creates it. */
  GenAIProjectApproval approve(GenAIProjectApproval a) {
    KubernetesClient c = approver(a.getSpec().approvedBy);
    try {
      return c.resource(a).createOr(existing -> existing.update());
    } finally {
      if (c != client) {
        c.close();
      }
    }
  }

  /**
   * Creates the sample. A project created as Production also gets compliance's approval of its
   * promotion (the gate's own tests cover it held): what these tests look at is the environment it
   * runs in.
   */
  GenAIProject apply(String sample) {
    return create(Samples.project(sample));
  }

  GenAIProject apply(String sample, String name) {
    GenAIProject p = Samples.project(sample);
    p.getMetadata().setName(name);
    return create(p);
  }

  private GenAIProject create(GenAIProject p) {
    if ("Production".equals(p.getSpec().stage)) {
      approvePromotion(p);
    }
    return client.resource(p).create();
  }

  /** A GenAIProjectApproval of the project's promotion digest, as compliance would create it. */
  void approvePromotion(GenAIProject p) {
    GenAIProjectApproval a = new GenAIProjectApproval();
    a.setMetadata(
        new ObjectMetaBuilder().withName(p.getMetadata().getName() + "-promotion").build());
    a.setSpec(new GenAIProjectApprovalSpec());
    a.getSpec().project = p.getMetadata().getName();
    a.getSpec().digest =
        GovernanceDigest.promotion(
            client.getKubernetesSerialization().convertValue(p.getSpec(), JsonNode.class));
    a.getSpec().approvedBy = "compliance@example.com";
    a.getSpec().reference = "test";
    approve(a);
  }

  List<io.fabric8.kubernetes.api.model.Event> events(String project) {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> project.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  GenAIProject project(String name) {
    return client.resources(GenAIProject.class).withName(name).get();
  }

  /**
   * Changes a project as a person editing it would, and returns it as stored. A write refused
   * because the operator wrote the project in between (409: its status, a finalizer) is redone on
   * the project as it now is, as {@code kubectl apply} (a patch) never conflicts; a bare
   * read-change-update here raced the operator's own status writes (a CI run failed on one).
   */
  GenAIProject editProject(String name, Consumer<GenAIProject> change) {
    return edit(client.resources(GenAIProject.class).withName(name), change);
  }

  /** The platform policy, changed as {@link #editProject} changes a project. */
  GenAIPlatformPolicy editPolicy(Consumer<GenAIPlatformPolicy> change) {
    return edit(client.resources(GenAIPlatformPolicy.class).withName("default"), change);
  }

  /** Read, change, update; redone on a conflict (a few times: the operator settles in ms). */
  <T extends HasMetadata> T edit(Resource<T> resource, Consumer<T> change) {
    for (int attempt = 1; ; attempt++) {
      T current = resource.get();
      change.accept(current);
      try {
        return client.resource(current).update();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  GenAIProject awaitProject(String name, Predicate<GenAIProject> until) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Optional.ofNullable(project(name)).filter(until).isPresent());
    return project(name);
  }

  GenAIProject awaitPhase(String name, String phase) {
    return awaitProject(
        name,
        p ->
            p.getStatus() != null
                && phase.equals(p.getStatus().phase)
                && p.getMetadata().getGeneration().equals(p.getStatus().observedGeneration));
  }

  static Optional<ProjectCondition> condition(GenAIProject p, String type) {
    return p.getStatus().conditions.stream().filter(c -> type.equals(c.type)).findFirst();
  }

  /**
   * Forces a resync of every project (a change to the policy re-reconciles all) and waits until it
   * ran.
   */
  void resyncAll(int projects) {
    long before = operator.reconciler().completedReconciles();
    GenAIPlatformPolicy policy =
        client.resources(GenAIPlatformPolicy.class).withName("default").get();
    if (policy == null) {
      policy = new GenAIPlatformPolicy();
      policy.getMetadata().setName("default");
      policy.setSpec(new dev.platform.genai.api.GenAIPlatformPolicySpec());
      client.resource(policy).create();
    } else {
      policy.getMetadata().getLabels().put("touched", String.valueOf(System.nanoTime()));
      client.resource(policy).update();
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> operator.reconciler().completedReconciles() >= before + projects);
  }

  /**
   * On the real control plane, what this class made goes before the next class's operator starts:
   * projects (their finalizers need this operator), approvals, the policy; then their namespaces,
   * which the namespace controller empties and removes, and the operator's Lease, so the next
   * operator leads at once.
   */
  private void removeEverything() {
    client.resources(GenAIProject.class).delete();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> client.resources(GenAIProject.class).list().getItems().isEmpty());
    client.resources(GenAIProjectApproval.class).delete();
    client.resources(GenAIPlatformPolicy.class).delete();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                client
                    .namespaces()
                    .withLabel(Names.MANAGED_BY, Names.OPERATOR)
                    .list()
                    .getItems()
                    .isEmpty());
    client.leases().inNamespace(RealCluster.RELEASE_NAMESPACE).delete();
  }

  private static FakeGoogleIam startGoogle() {
    try {
      return new FakeGoogleIam().openWorld();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (real != null) {
      removeEverything();
      kubelet.close();
    }
    operator.close();
    client.close();
    if (server != null) {
      server.close();
    }
    if (google != null) {
      google.close();
    }
  }
}
