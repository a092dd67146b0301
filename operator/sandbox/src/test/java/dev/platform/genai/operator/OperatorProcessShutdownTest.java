package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.TestFiles;
import dev.platform.genai.controlplane.RealCluster;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator as its pods run it — {@code java -jar genai-operator.jar run}, a process of its own,
 * the chart's environment and ServiceAccount, two replicas on one Lease — stopped as Kubernetes
 * stops a pod: SIGTERM, then SIGKILL when the grace period ends. The leader must exit within the
 * grace period and hand the Lease on, so the standby leads at once rather than when the Lease
 * expires (15 s); a standby must exit as promptly.
 */
class OperatorProcessShutdownTest {
  /** Its own Lease: the other tests' operators on the shared cluster compete for the chart's. */
  static final String LEASE = "genai-shutdown-test";

  /**
   * The jar the image runs; another build may be named with -Dgenai.operator.jar (to see a fix fail
   * without it).
   */
  static final Path JAR =
      Path.of(
          System.getProperty(
              "genai.operator.jar",
              TestFiles.repoRoot().resolve("operator/target/genai-operator.jar").toString()));

  static RealCluster cluster;
  static Duration grace;
  final List<Replica> replicas = new ArrayList<>();
  @TempDir Path dir;

  record Replica(String id, Process process, Path log) {}

  @BeforeAll
  static void cluster() {
    cluster = RealCluster.shared();
    assertThat(JAR)
        .as("the operator jar (mvn package builds it before the sandbox's tests)")
        .exists();
    Deployment d =
        cluster.chart.stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .findFirst()
            .orElseThrow();
    Long seconds = d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    grace =
        Duration.ofSeconds(
            seconds == null ? 30 : seconds); // 30: the pod's default when the chart sets none
  }

  @AfterEach
  void stopAll() {
    for (Replica r : replicas) {
      r.process().destroyForcibly();
    }
  }

  @Test
  void aStandbyAndThenTheLeaderExitOnSigtermAndTheLeaseIsHandedOnAtOnce() throws Exception {
    Replica a = start("replica-a");
    Replica b = start("replica-b");
    String first;
    try (KubernetesClient admin = cluster.admin()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> holder(admin).isPresent());
      first = holder(admin).orElseThrow();
      Replica leader = first.equals(a.id()) ? a : b;
      Replica standby = leader == a ? b : a;

      // a standby stopped: it exits, the leader keeps leading
      assertExitsWithinGrace(standby);
      assertThat(holder(admin)).contains(leader.id());

      // a new standby, then the leader stopped: it exits and the standby leads before the Lease
      // could have expired
      Replica next = start("replica-c");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(next.log()).contains("starting against"));
      Instant stopped = assertExitsWithinGrace(leader);
      assertThat(Files.readString(leader.log())).contains("released Lease");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> holder(admin).filter(next.id()::equals).isPresent());
      Duration takeover = Duration.between(stopped, Instant.now());
      assertThat(takeover)
          .as("the standby leads without waiting for the Lease (15 s) to expire")
          .isLessThan(Duration.ofSeconds(10));

      // the last replica, leading alone, exits too
      assertExitsWithinGrace(next);
    }
  }

  private Instant assertExitsWithinGrace(Replica r) throws InterruptedException, IOException {
    Instant sent = Instant.now();
    r.process().destroy(); // SIGTERM, as the kubelet sends it
    boolean exited = r.process().waitFor(grace.toSeconds(), TimeUnit.SECONDS);
    assertThat(exited)
        .as(
            r.id()
                + " exits within the grace period of "
                + grace.toSeconds()
                + " s after SIGTERM;"
                + " its log:\n"
                + tail(r.log()))
        .isTrue();
    System.out.printf(
        "%s exited %d ms after SIGTERM (code %d)%n",
        r.id(), Duration.between(sent, Instant.now()).toMillis(), r.process().exitValue());
    return Instant.now();
  }

  private Replica start(String id) throws IOException {
    Path kubeconfig =
        cluster.controlPlane.writeKubeconfig(
            dir.resolve(id + ".kubeconfig"),
            cluster.controlPlane.serviceAccountToken(
                RealCluster.RELEASE_NAMESPACE, RealCluster.OPERATOR_SERVICE_ACCOUNT));
    Map<String, String> env = new HashMap<>(cluster.operatorEnvironment());
    env.remove("GENAI_GCP_CLUSTER_PROJECT"); // no Google here: leadership is what is tested
    env.put("GENAI_LEADER_ELECTION_LEASE_NAME", LEASE);
    env.put("GENAI_HEALTH_PORT", String.valueOf(freePort()));
    env.put("GENAI_METRICS_PORT", String.valueOf(freePort()));
    env.put("HOSTNAME", id); // the pod's name: the replica's identity in the Lease
    env.put("KUBECONFIG", kubeconfig.toString());
    Path log = dir.resolve(id + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "run")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("GENAI_") || k.equals("KUBECONFIG"));
    pb.environment().putAll(env);
    Replica r = new Replica(id, pb.start(), log);
    replicas.add(r);
    return r;
  }

  private static Optional<String> holder(KubernetesClient c) {
    Lease lease = c.leases().inNamespace(RealCluster.RELEASE_NAMESPACE).withName(LEASE).get();
    return Optional.ofNullable(lease)
        .map(l -> l.getSpec().getHolderIdentity())
        .filter(h -> !h.isEmpty());
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
