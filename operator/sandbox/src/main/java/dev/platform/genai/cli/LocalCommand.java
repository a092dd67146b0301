package dev.platform.genai.cli;

import dev.platform.genai.admission.AdmissionRules;
import dev.platform.genai.admission.Violation;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.api.TolerantReading;
import dev.platform.genai.config.Settings;
import dev.platform.genai.config.SettingsException;
import dev.platform.genai.controlplane.Binaries;
import dev.platform.genai.controlplane.ControlPlane;
import dev.platform.genai.controlplane.PodKubelet;
import dev.platform.genai.operator.GenAIOperator;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.sandbox.FakeGoogleIam;
import dev.platform.genai.sandbox.FakeKubelet;
import dev.platform.genai.sandbox.FakeKueue;
import dev.platform.genai.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The main job on an embedded default: an in-process API server, the operator against it, the given
 * resources applied (samples/ by default), and what became of them. A sandbox, not a cluster, and
 * it says so.
 */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description =
        "Run the operator against an in-process sandbox API server, apply resources (default:"
            + " samples/), wait until each project is Ready or Failed, and print what was created.")
final class LocalCommand extends Subcommand {
  static final String SANDBOX_CLUSTER_PROJECT = "sandbox-gke";

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "A GenAIPlatformPolicy to apply first.")
  Path policyFile;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "PT60S",
      description = "How long to wait for the projects (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--serve",
      description = "Keep the sandbox running and write a kubeconfig for kubectl.")
  boolean serve;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      defaultValue = "genai-sandbox.kubeconfig",
      description = "Where --serve writes the kubeconfig (default: ${DEFAULT-VALUE}).")
  Path kubeconfig;

  @Option(
      names = "--installed",
      split = ",",
      paramLabel = "API",
      description =
          "Optional APIs to register in the sandbox: "
              + InstalledApis.KUEUE
              + " (Kueue's CRDs as published,"
              + " v1beta2) or "
              + InstalledApis.KUEUE_V1BETA1
              + "; Kueue's part is played by a fake that fills in"
              + " defaults, adds its finalizer, reports the queues and creates the ResourceFlavors they name.")
  List<String> installed = new ArrayList<>();

  @Option(
      names = "--api-server",
      paramLabel = "KIND",
      defaultValue = "mock",
      description =
          "mock (default): fabric8's CRUD mock in-process; real: etcd, kube-apiserver and"
              + " kube-controller-manager on loopback, the binaries "
              + Binaries.SCRIPT
              + " builds.")
  String apiServer;

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description = "YAML files or folders (default: samples/).")
  List<Path> paths = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    PrintWriter err = err();
    Settings settings;
    List<YamlDocuments.Document> docs;
    List<String> unknown =
        installed.stream()
            .filter(
                n ->
                    !n.isEmpty()
                        && !List.of(InstalledApis.KUEUE, InstalledApis.KUEUE_V1BETA1).contains(n))
            .toList();
    if (!unknown.isEmpty()) {
      err.println(
          "local: --installed takes "
              + InstalledApis.KUEUE
              + " or "
              + InstalledApis.KUEUE_V1BETA1
              + ", not "
              + String.join(", ", unknown));
      return 2;
    }
    String kueue =
        installed.contains(InstalledApis.KUEUE)
            ? "v1beta2"
            : installed.contains(InstalledApis.KUEUE_V1BETA1) ? "v1beta1" : null;
    if (!List.of("mock", "real").contains(apiServer)) {
      err.println("local: --api-server takes mock or real, not " + apiServer);
      return 2;
    }
    if ("real".equals(apiServer) && kueue != null) {
      err.println(
          "local: --installed kueue plays Kueue with a fake on the mock API server; with --api-server real"
              + " it is not available yet");
      return 2;
    }
    try {
      settings = Settings.fromEnvironment();
      docs = documents();
    } catch (SettingsException e) {
      err.println("local: " + e.getMessage());
      return 2;
    } catch (UsageException e) {
      err.println("local: " + e.getMessage());
      return e.exit;
    }
    Logging.configure(settings.logFormat());
    Logging.quiet();
    if ("real".equals(apiServer)) {
      return onRealControlPlane(settings, docs, out, err);
    }
    try (SandboxApiServer server = SandboxApiServer.start();
        KubernetesClient client = server.client();
        FakeGoogleIam fakeGoogle =
            settings.cloudIamEnabled() ? null : new FakeGoogleIam().openWorld()) {
      if (fakeGoogle != null) {
        settings = settings.withCloudIam(SANDBOX_CLUSTER_PROJECT, URI.create(fakeGoogle.url()));
      }
      banner(out, server, settings, fakeGoogle);
      server.installCrds(client, AdmissionRules.crds());
      if (kueue != null) {
        server.installKueue(client, "v1beta1".equals(kueue));
        out.println(
            "Kueue: its CRDs (" + kueue + ") registered; a fake plays its controller and webhook");
      }
      try (GenAIOperator operator =
              GenAIOperator.create(
                      client, settings.withoutLeaderElection(), GenAIOperator.Options.production())
                  .start();
          FakeKubelet kubelet = new FakeKubelet(client);
          FakeKueue fakeKueue =
              kueue == null ? null : new FakeKueue(client, kueue).withFlavorsCreated().start()) {
        List<String> projects = apply(client, docs, out);
        waitForProjects(client, projects);
        int code = report(client, projects, out);
        if (serve) {
          Files.writeString(
              kubeconfig,
              """
              apiVersion: v1
              kind: Config
              clusters:
                - name: genai-sandbox
                  cluster:
                    server: %s
              contexts:
                - name: genai-sandbox
                  context:
                    cluster: genai-sandbox
                    user: genai-sandbox
              current-context: genai-sandbox
              users:
                - name: genai-sandbox
                  user: {}
              """
                  .formatted(server.url()));
          serve(server.url(), out);
        }
        return code;
      }
    }
  }

  /**
   * The same demo on the real control plane: etcd, kube-apiserver and kube-controller-manager on
   * loopback, the CRDs installed, the operator with cluster-admin rights (the chart's
   * least-privilege role is what the tests run), a stand-in kubelet reporting admitted pods
   * running.
   */
  private int onRealControlPlane(
      Settings settings, List<YamlDocuments.Document> docs, PrintWriter out, PrintWriter err)
      throws Exception {
    Binaries.Result found = Binaries.locate(Path.of("").toAbsolutePath());
    if (found.binaries().isEmpty()) {
      err.println("local: " + found.why());
      return 2;
    }
    ControlPlane started;
    try {
      started = ControlPlane.start(found.binaries().get(), ControlPlane.CONTROLLERS);
    } catch (RuntimeException e) {
      // the message carries the last lines of each component's log: what to fix is there, not in a
      // stack trace
      err.println("local: the real control plane did not start: " + e.getMessage());
      return 1;
    }
    try (ControlPlane cp = started;
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(cp.adminConfig())
                .withKubernetesSerialization(TolerantReading.serialization())
                .build();
        FakeGoogleIam fakeGoogle =
            settings.cloudIamEnabled() ? null : new FakeGoogleIam().openWorld()) {
      if (fakeGoogle != null) {
        settings = settings.withCloudIam(SANDBOX_CLUSTER_PROJECT, URI.create(fakeGoogle.url()));
      }
      out.println(
          "REAL CONTROL PLANE: etcd, kube-apiserver and kube-controller-manager ("
              + ControlPlane.CONTROLLERS_IN_WORDS
              + ") at "
              + cp.url()
              + ".");
      out.println(
          "  No kubelet or scheduler: pods are admitted by the API server (Pod Security, quota), then"
              + " reported running by a stand-in kubelet.");
      out.println("  " + cloudLine(settings, fakeGoogle) + ".");
      out.println("  " + costLine(settings) + ".");
      cp.installCrds(client, AdmissionRules.crds());
      try (GenAIOperator operator =
              GenAIOperator.create(
                      client, settings.withoutLeaderElection(), GenAIOperator.Options.production())
                  .start();
          PodKubelet kubelet = new PodKubelet(client)) {
        List<String> projects = apply(client, docs, out);
        waitForProjects(client, projects);
        int code = report(client, projects, out);
        if (serve) {
          cp.writeKubeconfig(kubeconfig, cp.adminConfig().getOauthToken());
          serve(cp.url(), out);
        }
        return code;
      }
    }
  }

  /** Input that cannot be used: the message, and the exit code. */
  private static final class UsageException extends Exception {
    final int exit;

    UsageException(String message, int exit) {
      super(message);
      this.exit = exit;
    }
  }

  /** The documents to apply: the policy first, then the PATHs (samples/ by default). */
  private List<YamlDocuments.Document> documents() throws UsageException {
    List<Path> inputs = new ArrayList<>(paths);
    if (inputs.isEmpty()) {
      Path samples = Path.of("samples");
      if (!Files.isDirectory(samples)) {
        throw new UsageException(
            "no PATH given and no samples/ folder here; run it from the repository root or"
                + " name the files to apply",
            2);
      }
      inputs.add(samples);
    }
    if (policyFile != null) {
      inputs.add(0, policyFile);
    }
    List<YamlDocuments.Document> docs = new ArrayList<>();
    try {
      for (Path f : InputFiles.expand(inputs)) {
        try {
          docs.addAll(YamlDocuments.read(f));
        } catch (YamlDocuments.MalformedYamlException e) {
          throw new UsageException(f + ":" + e.line() + ": " + e.getMessage(), 1);
        }
      }
    } catch (IOException e) {
      throw new UsageException("cannot read " + e.getMessage(), 2);
    }
    return docs;
  }

  /** What this is, said before anything runs: a sandbox, not a cluster. */
  private static void banner(
      PrintWriter out, SandboxApiServer server, Settings settings, FakeGoogleIam fakeGoogle) {
    out.println(
        "SANDBOX: an in-process Kubernetes API server (fabric8 CRUD mock) at "
            + server.url()
            + ".");
    out.println(
        "  Not a cluster: no nodes or scheduler, no garbage collector, no admission webhooks; the CRD's"
            + " rules are checked by this command as the API server would; Deployments are marked available"
            + " as if their pods passed readiness.");
    out.println("  " + cloudLine(settings, fakeGoogle) + ".");
    out.println("  " + costLine(settings) + ".");
  }

  private static String cloudLine(Settings settings, FakeGoogleIam fakeGoogle) {
    return fakeGoogle == null
        ? "Cloud IAM: Google's API at "
            + settings.gcpResourceManagerEndpoint()
            + " (cluster project "
            + settings.gcpClusterProject().orElseThrow()
            + ")"
        : "Cloud IAM: an in-process fake of Google's IAM REST APIs at "
            + fakeGoogle.url()
            + " (cluster project "
            + SANDBOX_CLUSTER_PROJECT
            + "), through Google's real client code";
  }

  private static String costLine(Settings settings) {
    return "Cost tracking: "
        + settings.prometheusUrl().map(Object::toString).orElse("off (GENAI_PROMETHEUS_URL unset)")
        + "; managed-model spend: "
        + settings
            .managedMetricsUrl()
            .map(Object::toString)
            .orElse("off (GENAI_MANAGED_METRICS_URL unset)");
  }

  /**
   * Says how to reach the API server with the kubeconfig written, and keeps it running until
   * stopped.
   */
  private void serve(String url, PrintWriter out) throws IOException, InterruptedException {
    out.println();
    out.println(
        ("real".equals(apiServer)
                ? "REAL CONTROL PLANE serving at " + url
                : "SANDBOX serving at " + url + " (not a cluster)")
            + ". Try:");
    out.println("  kubectl --kubeconfig " + kubeconfig.toAbsolutePath() + " get genaiprojects");
    out.println(
        "  kubectl --kubeconfig "
            + kubeconfig.toAbsolutePath()
            + " get namespaces,resourcequotas -A");
    out.println("Ctrl-C stops it.");
    out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
    stop.await();
  }

  private List<String> apply(
      KubernetesClient client, List<YamlDocuments.Document> docs, PrintWriter out) {
    KubernetesSerialization json = client.getKubernetesSerialization();
    List<String> projects = new ArrayList<>();
    // the policy first, as a platform team installs it before any project; approvals before their
    // projects
    for (String kind :
        List.of("GenAIPlatformPolicy", GenAIProjectApproval.KIND, GenAIProject.KIND)) {
      for (YamlDocuments.Document d : docs) {
        if (!kind.equals(d.kind())) {
          continue;
        }
        List<Violation> rejected = AdmissionRules.forKind(kind).orElseThrow().validate(d.tree());
        String name = d.tree().path("metadata").path("name").asText();
        if (!rejected.isEmpty()) {
          out.println("rejected " + kind + " " + name + " (" + d.file() + "): " + rejected);
          continue;
        }
        Class<? extends HasMetadata> type =
            switch (kind) {
              case GenAIProject.KIND -> GenAIProject.class;
              case GenAIProjectApproval.KIND -> GenAIProjectApproval.class;
              default -> GenAIPlatformPolicy.class;
            };
        client.resource(json.convertValue(d.tree(), type)).create();
        out.println("created " + kind + " " + name);
        if (type == GenAIProject.class) {
          projects.add(name);
        }
      }
    }
    return projects;
  }

  private void waitForProjects(KubernetesClient client, List<String> projects)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      boolean settled =
          projects.stream()
              .map(n -> client.resources(GenAIProject.class).withName(n).get())
              .allMatch(LocalCommand::settled);
      if (settled) {
        return;
      }
      Thread.sleep(100);
    }
  }

  private static boolean settled(GenAIProject p) {
    return p != null
        && p.getStatus() != null
        && p.getMetadata().getGeneration().equals(p.getStatus().observedGeneration)
        && ("Ready".equals(p.getStatus().phase)
            || "Failed".equals(p.getStatus().phase)
            || "PendingApproval".equals(p.getStatus().phase));
  }

  private int report(KubernetesClient client, List<String> projects, PrintWriter out) {
    List<GenAIProject> found =
        projects.stream().map(n -> client.resources(GenAIProject.class).withName(n).get()).toList();
    out.println();
    out.print(SandboxReport.table(found));
    for (GenAIProject p : found) {
      out.println();
      out.print(SandboxReport.objects(client, p));
    }
    out.flush();
    boolean allReady =
        !found.isEmpty()
            && found.stream()
                .allMatch(p -> p.getStatus() != null && "Ready".equals(p.getStatus().phase));
    return allReady ? 0 : 1;
  }
}
