package dev.platform.genai.controlplane;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Kubernetes control plane on loopback: etcd and kube-apiserver, and kube-controller-manager
 * with the controllers asked for — the binaries {@code operator/control-plane/build.sh} builds from
 * their Go modules. No kubelet and no scheduler: a Pod is created and admitted, never run (a test
 * that needs a running pod plays the kubelet and says so).
 *
 * <p>Authentication as a cluster does it: an admin token ({@code system:masters}) from a static
 * token file, and ServiceAccount tokens issued by the API server itself (TokenRequest), so RBAC
 * judges a ServiceAccount exactly as it judges the operator's pod in a cluster. The serving
 * certificate is the one kube-apiserver generates for 127.0.0.1 when given none; clients trust it,
 * not everything.
 */
public final class ControlPlane implements AutoCloseable {
  /**
   * The controllers of kube-controller-manager that what the tests claim depends on, as a cluster
   * runs them: deletion (namespace, garbage collector), identities (ServiceAccount), workloads
   * (Deployment, ReplicaSet, StatefulSet, Job, CronJob), the built-in {@code admin}/{@code
   * edit}/{@code view} ClusterRoles filled from the aggregated ones (without the
   * clusterrole-aggregation controller they grant nothing, so no test of what a team may do would
   * mean anything), and the resourcequota controller (it fills a quota's {@code status.hard}; until
   * then quota admission enforces nothing).
   */
  public static final List<String> CONTROLLERS =
      List.of(
          "namespace-controller",
          "garbage-collector-controller",
          "serviceaccount-controller",
          "deployment-controller",
          "replicaset-controller",
          "statefulset-controller",
          "job-controller",
          "cronjob-controller",
          "clusterrole-aggregation-controller",
          "resourcequota-controller");

  /** {@link #CONTROLLERS} as a person reads them (the {@code local} banner, the docs). */
  public static final String CONTROLLERS_IN_WORDS =
      "namespace, garbage-collector, ServiceAccount, Deployment,"
          + " ReplicaSet, StatefulSet, Job, CronJob, clusterrole-aggregation and resourcequota controllers";

  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final java.util.Map<Process, String> names =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final String adminToken;
  private final int apiPort;
  private final Path caFile;

  /**
   * Stops the processes when the JVM ends without close() (Ctrl-C on `local --serve`, a test JVM
   * ending).
   */
  private final Thread stopOnExit = new Thread(this::stopProcesses, "control-plane-stop");

  private ControlPlane(Path dir, String adminToken, int apiPort) {
    this.dir = dir;
    this.adminToken = adminToken;
    this.apiPort = apiPort;
    this.caFile = dir.resolve("certs/apiserver.crt");
  }

  /**
   * Starts etcd, kube-apiserver and (when {@code controllers} is not empty) kube-controller-manager
   * running those controllers; returns once the API server is ready and, with controllers, the
   * default ServiceAccount of the {@code default} namespace exists.
   */
  public static ControlPlane start(Binaries bin, List<String> controllers) {
    Path dir;
    try {
      dir = Files.createTempDirectory("genai-control-plane-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String adminToken = Loopback.randomToken();
    int apiPort = Loopback.freePort();
    ControlPlane cp = new ControlPlane(dir, adminToken, apiPort);
    Runtime.getRuntime().addShutdownHook(cp.stopOnExit);
    try {
      cp.startAll(bin, controllers);
      return cp;
    } catch (RuntimeException e) {
      String logs = cp.logTails();
      cp.close();
      throw new IllegalStateException(e.getMessage() + "\n" + logs, e);
    }
  }

  private void startAll(Binaries bin, List<String> controllers) {
    try {
      Files.createDirectories(dir.resolve("certs"));
      Files.createDirectories(dir.resolve("etcd"));
      Files.writeString(
          dir.resolve("tokens.csv"), adminToken + ",admin,admin-uid,\"system:masters\"\n");
      // every request's metadata (who, verb, resource, answer): what the operator's identity was
      // allowed and refused
      Files.writeString(
          dir.resolve("audit-policy.yaml"),
          """
          apiVersion: audit.k8s.io/v1
          kind: Policy
          omitStages: ["RequestReceived", "ResponseStarted"]
          rules:
            - level: Metadata
          """);
      writeServiceAccountKeys();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int etcdPort = Loopback.freePort();
    int peerPort = Loopback.freePort();
    String etcdUrl = "http://127.0.0.1:" + etcdPort;
    launch(
        "etcd",
        List.of(
            bin.etcd().toString(),
            "--data-dir",
            dir.resolve("etcd").toString(),
            "--listen-client-urls",
            etcdUrl,
            "--advertise-client-urls",
            etcdUrl,
            "--listen-peer-urls",
            "http://127.0.0.1:" + peerPort,
            "--initial-advertise-peer-urls",
            "http://127.0.0.1:" + peerPort,
            "--initial-cluster",
            "default=http://127.0.0.1:" + peerPort,
            "--unsafe-no-fsync",
            "--log-level",
            "warn"));
    launch(
        "kube-apiserver",
        List.of(
            bin.kubeApiServer().toString(),
            "--etcd-servers",
            etcdUrl,
            "--bind-address",
            "127.0.0.1",
            "--advertise-address",
            "127.0.0.1",
            "--secure-port",
            String.valueOf(apiPort),
            "--cert-dir",
            dir.resolve("certs").toString(),
            "--service-cluster-ip-range",
            "10.96.0.0/24",
            "--service-account-issuer",
            "https://kubernetes.default.svc.cluster.local",
            "--service-account-key-file",
            dir.resolve("sa.pub").toString(),
            "--service-account-signing-key-file",
            dir.resolve("sa.key").toString(),
            "--token-auth-file",
            dir.resolve("tokens.csv").toString(),
            "--authorization-mode",
            "RBAC",
            "--endpoint-reconciler-type",
            "none",
            "--audit-policy-file",
            dir.resolve("audit-policy.yaml").toString(),
            "--audit-log-path",
            audit().file().toString(),
            "--audit-log-format",
            "json",
            "--v",
            "1"));
    awaitReady(Duration.ofSeconds(90));
    if (!controllers.isEmpty()) {
      Path kubeconfig = writeKubeconfig(dir.resolve("admin.kubeconfig"), adminToken);
      launch(
          "kube-controller-manager",
          List.of(
              bin.kubeControllerManager().toString(),
              "--kubeconfig",
              kubeconfig.toString(),
              "--controllers",
              String.join(",", controllers),
              "--leader-elect=false",
              "--secure-port=0",
              "--concurrent-gc-syncs",
              "4",
              "--concurrent-namespace-syncs",
              "4",
              "--v",
              "1"));
      if (controllers.contains("serviceaccount-controller")) {
        try (KubernetesClient admin = adminClient()) {
          awaitUntil(
              Duration.ofSeconds(60),
              "the default ServiceAccount of the default namespace",
              () ->
                  admin.serviceAccounts().inNamespace("default").withName("default").get() != null);
        }
      }
    }
  }

  /** The API server's URL. */
  public String url() {
    return "https://127.0.0.1:" + apiPort;
  }

  /** A client with cluster-admin rights (system:masters). */
  public KubernetesClient adminClient() {
    return new KubernetesClientBuilder().withConfig(adminConfig()).build();
  }

  /** The configuration of {@link #adminClient()} (a new one each time: callers may change it). */
  public Config adminConfig() {
    return config(adminToken);
  }

  /** The client configuration for a bearer token, trusting the API server's own certificate. */
  public Config config(String token) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withOauthToken(token)
        .withCaCertFile(caFile.toString())
        .withNamespace("default")
        .withRequestTimeout(30_000)
        .withConnectionTimeout(10_000)
        .build();
  }

  /**
   * A token for a ServiceAccount, issued by the API server (TokenRequest), as the kubelet mounts
   * one into a pod; the namespace and the ServiceAccount are created when missing.
   */
  public String serviceAccountToken(String namespace, String name) {
    try (KubernetesClient admin = adminClient()) {
      if (admin.namespaces().withName(namespace).get() == null) {
        admin
            .namespaces()
            .resource(
                new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
            .create();
      }
      if (admin.serviceAccounts().inNamespace(namespace).withName(name).get() == null) {
        admin
            .serviceAccounts()
            .inNamespace(namespace)
            .resource(
                new ServiceAccountBuilder().withNewMetadata().withName(name).endMetadata().build())
            .create();
      }
      TokenRequest request =
          new TokenRequestBuilder()
              .withNewSpec()
              .withExpirationSeconds(24 * 3600L)
              .endSpec()
              .build();
      return admin
          .serviceAccounts()
          .inNamespace(namespace)
          .withName(name)
          .tokenRequest(request)
          .getStatus()
          .getToken();
    }
  }

  /** A kubeconfig for kubectl, authenticated with this token. */
  public Path writeKubeconfig(Path file, String token) {
    try {
      Files.writeString(
          file,
          """
          apiVersion: v1
          kind: Config
          clusters:
            - name: genai-control-plane
              cluster:
                server: %s
                certificate-authority: %s
          contexts:
            - name: genai-control-plane
              context:
                cluster: genai-control-plane
                user: genai-control-plane
          current-context: genai-control-plane
          users:
            - name: genai-control-plane
              user:
                token: %s
          """
              .formatted(url(), caFile, token));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The admin kubeconfig (written on first use). */
  public Path adminKubeconfig() {
    return writeKubeconfig(dir.resolve("admin.kubeconfig"), adminToken);
  }

  /**
   * Creates CRDs from class-path YAML resources (the generated ones, e.g.
   * META-INF/fabric8/...-v1.yml) and waits until the server serves them.
   */
  public void installCrds(KubernetesClient admin, List<String> resources) {
    List<String> names = new ArrayList<>();
    for (String r : resources) {
      try (var in = ControlPlane.class.getClassLoader().getResourceAsStream(r)) {
        if (in == null) {
          throw new IllegalStateException("no CRD resource " + r + " on the class path");
        }
        var crd =
            admin
                .getKubernetesSerialization()
                .unmarshal(
                    in,
                    io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition
                        .class);
        admin.resource(crd).create();
        names.add(crd.getMetadata().getName());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (String name : names) {
      awaitUntil(
          Duration.ofSeconds(30),
          "CRD " + name + " Established",
          () -> KueueManager.established(admin, name));
    }
  }

  /** The API server's audit log: every request's user, verb, resource and answer. */
  public AuditLog audit() {
    return new AuditLog(dir.resolve("audit.log"));
  }

  /** The log of one component (etcd, kube-apiserver, kube-controller-manager, ...). */
  public Path log(String component) {
    return dir.resolve(component + ".log");
  }

  /** Starts another process beside the control plane (e.g. Kueue's manager), stopped with it. */
  public synchronized Process launch(String name, List<String> command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log(name).toFile())
              .start();
      processes.add(p);
      names.put(p, name);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
    }
  }

  /** The working directory (certificates, logs, etcd's data); removed by {@link #close()}. */
  public Path dir() {
    return dir;
  }

  private void awaitReady(Duration timeout) {
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(Loopback.trustAll())
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    awaitUntil(
        timeout,
        "kube-apiserver /readyz",
        () -> {
          try {
            HttpResponse<String> r =
                http.send(
                    HttpRequest.newBuilder(URI.create(url() + "/readyz"))
                        .header("Authorization", "Bearer " + adminToken)
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
          } catch (IOException e) {
            return false;
          }
        });
  }

  private void awaitUntil(Duration timeout, String what, CheckedCondition condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              names.getOrDefault(p, "a component")
                  + " exited with "
                  + p.exitValue()
                  + " while waiting for "
                  + what);
        }
      }
      try {
        if (condition.holds()) {
          return;
        }
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
    throw new IllegalStateException(
        "timed out after " + timeout.toSeconds() + " s waiting for " + what);
  }

  @FunctionalInterface
  private interface CheckedCondition {
    boolean holds() throws InterruptedException;
  }

  private void writeServiceAccountKeys() throws IOException {
    KeyPair pair;
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      pair = gen.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Files.writeString(
        dir.resolve("sa.key"), Loopback.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(
        dir.resolve("sa.pub"), Loopback.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
  }

  /** The last lines of every component's log, for a failure message. */
  public String logTails() {
    StringBuilder out = new StringBuilder();
    for (String c : List.of("etcd", "kube-apiserver", "kube-controller-manager", "kueue")) {
      Path f = log(c);
      if (Files.exists(f)) {
        try {
          List<String> lines = Files.readAllLines(f);
          out.append("--- ").append(c).append(" (last lines of ").append(f).append(")\n");
          lines
              .subList(Math.max(0, lines.size() - 15), lines.size())
              .forEach(l -> out.append(l).append('\n'));
        } catch (IOException e) {
          out.append("--- ").append(c).append(": ").append(e.getMessage()).append('\n');
        }
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running or has run
    }
    stopProcesses();
    if (!Boolean.getBoolean("controlplane.keep")) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // a temp directory left behind is harmless
      }
    }
  }

  private synchronized void stopProcesses() {
    // the reverse order of starting: the controller manager and the API server before etcd
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      p.destroy();
      try {
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }
}
