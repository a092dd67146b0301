package dev.platform.genai.bench;

import static org.awaitility.Awaitility.await;

import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIPlatformPolicySpec;
import dev.platform.genai.api.TolerantReading;
import dev.platform.genai.config.Settings;
import dev.platform.genai.controlplane.AuditLog;
import dev.platform.genai.controlplane.RealCluster;
import dev.platform.genai.operator.GenAIOperator;
import dev.platform.genai.plan.InstalledApis;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the operator costs per project on the real control plane: a control plane of its own per
 * size (etcd, kube-apiserver, kube-controller-manager, in processes of their own), the chart
 * installed, the operator in this JVM as the chart's ServiceAccount, cloud IAM and cost tracking
 * off; requests and writes counted by the API server's audit log. {@code mvn -B -Pbench test -pl
 * operator/sandbox -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest=RealServerBenchmark}; sizes
 * {@code -Dbench.realSizes=100,250,500}.
 */
@Tag("bench")
class RealServerBenchmark {
  static final String OPERATOR =
      "system:serviceaccount:"
          + RealCluster.RELEASE_NAMESPACE
          + ":"
          + RealCluster.OPERATOR_SERVICE_ACCOUNT;

  @Test
  void costPerProjectOnTheRealServer() throws Exception {
    List<Integer> sizes =
        Arrays.stream(System.getProperty("bench.realSizes", "100,250,500").split(","))
            .map(String::trim)
            .map(Integer::parseInt)
            .toList();
    OperatorBenchmark.warmUp(
        Integer.getInteger("bench.warmup", 300), false); // the JIT, on the mock
    StringBuilder table =
        new StringBuilder(
            String.format(
                "%6s | %9s | %8s | %10s | %10s | %8s | %8s | %9s | %9s" + " | %5s%n",
                "N",
                "all Ready",
                "CPU ms/p",
                "create p50",
                "create p95",
                "writes/p",
                "req/p",
                "resync w",
                "resync rq",
                "heap"));
    for (int n : sizes) {
      RealCluster cluster = RealCluster.start();
      try (KubernetesClient admin =
              new KubernetesClientBuilder()
                  .withConfig(cluster.controlPlane.adminConfig())
                  .withKubernetesSerialization(TolerantReading.serialization())
                  .build();
          KubernetesClient asOperator =
              new KubernetesClientBuilder().withConfig(cluster.operatorConfig()).build()) {
        Map<String, String> env = new TreeMap<>(cluster.operatorEnvironment());
        env.put("GENAI_LEADER_ELECTION", "false");
        GenAIOperator operator =
            GenAIOperator.create(
                    asOperator,
                    Settings.from(env),
                    GenAIOperator.Options.production()
                        .withoutExitOnStopLeading()
                        .withOptionalApis(() -> InstalledApis.NONE))
                .start();
        Map<String, Long> createdAt = new ConcurrentHashMap<>();
        Map<String, Long> readyAt = new ConcurrentHashMap<>();
        var watch = OperatorBenchmark.watchReady(admin, readyAt);
        admin.resource(OperatorBenchmark.named("warmup", false)).create();
        await().atMost(Duration.ofMinutes(2)).until(() -> readyAt.containsKey("warmup"));
        AuditLog audit = cluster.controlPlane.audit();
        Thread.sleep(1000);
        int requests0 = audit.by(OPERATOR).size();
        long cpu0 = OperatorBenchmark.cpuMillis();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          String name = String.format("p-%05d", i);
          createdAt.put(name, System.nanoTime());
          admin.resource(OperatorBenchmark.named(name, false)).create();
        }
        await()
            .atMost(Duration.ofMinutes(20))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> readyAt.size() >= n + 1);
        long wall = (System.nanoTime() - t0) / 1_000_000;
        long cpu = OperatorBenchmark.cpuMillis() - cpu0;
        Thread.sleep(2000); // the last writes reach the audit log
        List<AuditLog.Request> created =
            audit.by(OPERATOR).stream()
                .skip(requests0)
                .filter(r -> !"leases".equals(r.resource()))
                .toList();
        long writes =
            created.stream()
                .filter(AuditLog.Request::isWrite)
                .filter(r -> !"events".equals(r.resource()))
                .count();
        List<Long> latencies = new ArrayList<>();
        createdAt.forEach((k, v) -> latencies.add((readyAt.get(k) - v) / 1_000_000));
        latencies.sort(null);

        long before = operator.reconciler().completedReconciles();
        int requests1 = audit.by(OPERATOR).size();
        GenAIPlatformPolicy policy = new GenAIPlatformPolicy();
        policy.getMetadata().setName("default");
        policy.setSpec(new GenAIPlatformPolicySpec());
        admin.resource(policy).create();
        await()
            .atMost(Duration.ofMinutes(10))
            .until(() -> operator.reconciler().completedReconciles() >= before + n);
        Thread.sleep(2000);
        List<AuditLog.Request> resync =
            audit.by(OPERATOR).stream()
                .skip(requests1)
                .filter(r -> !"leases".equals(r.resource()))
                .toList();
        long resyncWrites = resync.stream().filter(AuditLog.Request::isWrite).count();
        long heap = OperatorBenchmark.heapAfterGcMiB();
        table.append(
            String.format(
                "%6d | %6d ms | %8.1f | %10s | %10s | %8.2f | %8.2f | %9d | %9.2f | %5d%n",
                n,
                wall,
                (double) cpu / n,
                OperatorBenchmark.percentile(latencies, 0.50),
                OperatorBenchmark.percentile(latencies, 0.95),
                (double) writes / n,
                (double) created.size() / n,
                resyncWrites,
                (double) resync.size() / n,
                heap));
        System.out.printf(
            "[bench-real] N=%d create writes by kind: %s%n",
            n,
            created.stream()
                .filter(AuditLog.Request::isWrite)
                .collect(
                    Collectors.groupingBy(
                        r ->
                            r.verb()
                                + " "
                                + r.resource()
                                + (r.subresource().isEmpty() ? "" : "/" + r.subresource()),
                        TreeMap::new,
                        Collectors.counting())));
        watch.close();
        operator.close();
      } finally {
        cluster.close();
      }
    }
    System.out.println(
        "[bench-real] the operator on the real control plane (kube-apiserver v1.33.13, etcd"
            + " v3.6.17), as the chart's ServiceAccount, cloud IAM and cost tracking off:");
    table.toString().lines().forEach(l -> System.out.println("[bench-real] " + l));
  }
}
