package dev.platform.genai.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIPlatformPolicySpec;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.TolerantReading;
import dev.platform.genai.config.Settings;
import dev.platform.genai.operator.GenAIOperator;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the operator costs per project, measured apart from the API server: the CRUD mock runs in its own process,
 * the operator in this one. Not part of the default test run: {@code mvn -B -Pbench test -pl operator}.
 * Sizes: {@code -Dbench.sizes=250,500,1000} (default), unrelated objects {@code -Dbench.unrelated=5000}.
 */
@Tag("bench")
class OperatorBenchmark {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  /** One write per child (namespace, SA, 3 bindings, quota, limits, isolation policy) + one status patch. */
  static final int MINIMUM_WRITES = 9;

  record Sandbox(Process process, String url) implements AutoCloseable {
    static Sandbox start() throws Exception {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx6g", "-cp", System.getProperty("java.class.path"), "dev.platform.genai.sandbox.SandboxMain")
          .redirectErrorStream(true).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("SANDBOX_URL=")) {
          String url = line.substring("SANDBOX_URL=".length());
          Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
          drain.setDaemon(true);
          drain.start();
          return new Sandbox(p, url);
        }
      }
      throw new IllegalStateException("the sandbox process did not start");
    }

    @SuppressWarnings("unchecked")
    Map<String, Long> requests(boolean reset) throws Exception {
      String body = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/sandbox/requests" + (reset ? "?reset=true" : "")))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      Map<String, Object> raw = JSON.readValue(body, Map.class);
      Map<String, Long> out = new TreeMap<>();
      raw.forEach((k, v) -> out.put(k, ((Number) v).longValue()));
      return out;
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  static long cpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1_000_000;
  }

  static long heapAfterGcMiB() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  static long writes(Map<String, Long> counts, String... excluding) {
    return counts.entrySet().stream().filter(e -> e.getKey().matches("^(POST|PUT|PATCH|DELETE) .*"))
        .filter(e -> Arrays.stream(excluding).noneMatch(x -> e.getKey().endsWith(" " + x)))
        .mapToLong(Map.Entry::getValue).sum();
  }

  static String percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return "-";
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) + " ms";
  }

  @Test
  void costPerProject() throws Exception {
    List<Integer> sizes = Arrays.stream(System.getProperty("bench.sizes", "250,500,1000,2000").split(","))
        .map(String::trim).map(Integer::parseInt).toList();
    int unrelated = Integer.getInteger("bench.unrelated", 5000);
    int paced = Integer.getInteger("bench.paced", 200);
    int rate = Integer.getInteger("bench.rate", 5);
    Map<Integer, Double> cpuPerProject = new TreeMap<>();
    Map<Integer, Long> heapAt = new TreeMap<>();
    StringBuilder table = new StringBuilder();
    table.append(String.format("%6s | %9s | %8s | %11s | %11s | %11s | %12s | %7s | %8s | %10s | %9s%n", "N",
        "all Ready", "CPU ms/p", "create p50", "create p95", "create p99", "writes/proj", "ratio", "resync w",
        "resync r/p", "heap MiB"));
    long lastHeap = 0;
    warmUp(Integer.getInteger("bench.warmup", 200));
    for (int n : sizes) {
      boolean largest = n == sizes.get(sizes.size() - 1);
      try (Sandbox sandbox = Sandbox.start();
          KubernetesClient client = new KubernetesClientBuilder()
              .withConfig(new ConfigBuilder().withMasterUrl(sandbox.url()).withRequestTimeout(60_000).build())
              .withKubernetesSerialization(TolerantReading.serialization()).build()) {
        long created = System.nanoTime();
        GenAIOperator operator = GenAIOperator.create(client, Settings.from(Map.of("GENAI_RECONCILE_THREADS", "10")),
            GenAIOperator.Options.production().withOptionalApis(() -> false)).start();
        Map<String, Long> createdAt = new ConcurrentHashMap<>();
        Map<String, Long> readyAt = new ConcurrentHashMap<>();
        // a plain watch, not an informer: the benchmark keeps no cache of its own in the operator's heap
        var watch = client.resources(GenAIProject.class).watch(new io.fabric8.kubernetes.client.Watcher<>() {
          @Override
          public void eventReceived(Action action, GenAIProject p) {
            if (p.getStatus() != null && "Ready".equals(p.getStatus().phase)) {
              readyAt.putIfAbsent(p.getMetadata().getName(), System.nanoTime());
            }
          }

          @Override
          public void onClose(io.fabric8.kubernetes.client.WatcherException cause) { }
        });
        // start to first reconcile (this JVM is already warm: the first N also pays class loading)
        client.resource(named("warmup")).create();
        await().atMost(Duration.ofMinutes(2)).until(() -> readyAt.containsKey("warmup"));
        long startToFirst = (readyAt.get("warmup") - created) / 1_000_000;

        sandbox.requests(true);
        long cpu0 = cpuMillis();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          String name = String.format("p-%05d", i);
          createdAt.put(name, System.nanoTime());
          client.resource(named(name)).create();
        }
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(250))
            .until(() -> readyAt.size() >= n + 1);
        long wall = (System.nanoTime() - t0) / 1_000_000;
        long cpu = cpuMillis() - cpu0;
        Map<String, Long> createCounts = sandbox.requests(true);
        List<Long> latencies = new ArrayList<>();
        createdAt.forEach((k, v) -> latencies.add((readyAt.get(k) - v) / 1_000_000));
        latencies.sort(null);
        double statusPatches = (double) createCounts.getOrDefault("PATCH genaiprojects/status", 0L) / n;
        double childWrites = (double) writes(createCounts, "events", "genaiprojects", "genaiprojects/status") / n;
        double perProject = childWrites + statusPatches;

        // a forced resync of all: touching the policy re-reconciles every project
        long before = operator.reconciler().completedReconciles();
        GenAIPlatformPolicy policy = new GenAIPlatformPolicy();
        policy.getMetadata().setName("default");
        policy.setSpec(new GenAIPlatformPolicySpec());
        client.resource(policy).create();
        await().atMost(Duration.ofMinutes(10)).until(() -> operator.reconciler().completedReconciles() >= before + n);
        Thread.sleep(1000);
        Map<String, Long> resync = sandbox.requests(true);
        long resyncWrites = writes(resync, "genaiplatformpolicies");
        double resyncRequestsPerProject = (double) resync.values().stream().mapToLong(Long::longValue).sum() / n;
        long heap = heapAfterGcMiB();
        lastHeap = heap;
        table.append(String.format("%6d | %7d ms | %8.1f | %11s | %11s | %11s | %12.2f | %7.2f | %8d | %10.2f | %9d%n",
            n, wall, (double) cpu / n, percentile(latencies, 0.50), percentile(latencies, 0.95),
            percentile(latencies, 0.99), perProject, perProject / MINIMUM_WRITES, resyncWrites,
            resyncRequestsPerProject, heap));
        System.out.printf("[bench] N=%d create requests: %s%n", n, createCounts);
        System.out.printf("[bench] N=%d resync requests: %s%n", n, resync);
        System.out.printf("[bench] N=%d operator start to first reconcile: %d ms%n", n, startToFirst);

        if (largest && unrelated > 0) {
          for (int i = 0; i < unrelated; i++) {
            String ns = "other-" + (i % 50);
            if (i < 50) {
              client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                  .build()).create();
            }
            client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("cm-" + i).endMetadata().addToData("k", "v".repeat(200)).build()).create();
            client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("s-" + i)
                .endMetadata().addToStringData("k", "v".repeat(200)).build()).create();
          }
          Thread.sleep(2000);
          long withUnrelated = heapAfterGcMiB();
          table.append(String.format("        with %d unrelated ConfigMaps and %d Secrets in 50 other namespaces:"
              + " heap %d MiB (without: %d MiB)%n", unrelated, unrelated, withUnrelated, lastHeap));
        }
        if (largest && paced > 0) {
          // latency at a fixed arrival rate below saturation
          Map<String, Long> pacedAt = new ConcurrentHashMap<>();
          long interval = 1_000_000_000L / rate;
          long next = System.nanoTime();
          for (int i = 0; i < paced; i++) {
            while (System.nanoTime() < next) {
              Thread.sleep(1);
            }
            String name = String.format("paced-%05d", i);
            pacedAt.put(name, System.nanoTime());
            client.resource(named(name)).create();
            next += interval;
          }
          await().atMost(Duration.ofMinutes(10)).until(() -> pacedAt.keySet().stream().allMatch(readyAt::containsKey));
          List<Long> lat = new ArrayList<>();
          pacedAt.forEach((k, v) -> lat.add((readyAt.get(k) - v) / 1_000_000));
          lat.sort(null);
          table.append(String.format("        paced: %d more projects at %d/s on top of N=%d: create→Ready p50 %s, p95 %s,"
              + " p99 %s%n", paced, rate, n, percentile(lat, 0.50), percentile(lat, 0.95), percentile(lat, 0.99)));
        }
        watch.close();
        operator.close();
        cpuPerProject.put(n, (double) cpu / n);
        heapAt.put(n, lastHeap);
      }
    }
    if (sizes.size() >= 2) {
      int a = sizes.get(0);
      int b = sizes.get(sizes.size() - 1);
      double heapSlope = (double) (heapAt.get(b) - heapAt.get(a)) / (b - a);
      table.append(String.format("        slope %d→%d: heap %.3f MiB per project; CPU per project %.1f → %.1f ms%n", a, b,
          heapSlope, cpuPerProject.get(a), cpuPerProject.get(b)));
      table.append(String.format("        PREDICTION (not a measurement) at 10,000 projects: heap ≈ %.0f MiB%n",
          heapAt.get(b) + heapSlope * (10_000 - b)));
    }
    System.out.println();
    System.out.println("[bench] operator-side figures (the API server runs in its own process):");
    System.out.print(table);
  }

  /** The JIT warms up on a round that is not reported, so the first size does not pay for it. */
  static void warmUp(int projects) throws Exception {
    if (projects <= 0) {
      return;
    }
    try (Sandbox sandbox = Sandbox.start();
        KubernetesClient client = new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl(sandbox.url()).withRequestTimeout(60_000).build())
            .withKubernetesSerialization(TolerantReading.serialization()).build();
        GenAIOperator operator = GenAIOperator.create(client, Settings.from(Map.of()),
            GenAIOperator.Options.production().withOptionalApis(() -> false)).start()) {
      for (int i = 0; i < projects; i++) {
        client.resource(named(String.format("warm-%05d", i))).create();
      }
      await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
          client.resources(GenAIProject.class).list().getItems().stream()
              .filter(p -> p.getStatus() != null && "Ready".equals(p.getStatus().phase)).count() == projects);
    }
  }

  static GenAIProject named(String name) {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName(name);
    return p;
  }
}
