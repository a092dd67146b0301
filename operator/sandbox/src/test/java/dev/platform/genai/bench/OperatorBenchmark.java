package dev.platform.genai.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIPlatformPolicySpec;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.config.Settings;
import dev.platform.genai.operator.GenAIOperator;
import dev.platform.genai.plan.InstalledApis;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
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
 * What the operator costs per project, measured apart from the API server: the CRUD mock runs in
 * its own process, the operator in this one. Not part of the default test run: {@code mvn -B
 * -Pbench test -pl operator}. Sizes: {@code -Dbench.sizes=250,500,1000} (default), unrelated
 * objects {@code -Dbench.unrelated=5000}.
 */
@Tag("bench")
class OperatorBenchmark {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * One write per child (namespace, SA, 3 bindings, quota, limits, isolation policy) + one status
   * patch.
   */
  static final int MINIMUM_WRITES = 9;

  /** With -Dbench.histo=true: the top of this JVM's class histogram, to see what the heap holds. */
  static void histogram(String when) throws Exception {
    if (!Boolean.getBoolean("bench.histo")) {
      return;
    }
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(ProcessHandle.current().pid()),
                "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    List<String> lines =
        new BufferedReader(new InputStreamReader(p.getInputStream()))
            .lines().toList().stream()
                .limit(28)
                .toList(); // read it all: jcmd blocks on a full pipe
    p.waitFor();
    System.out.println("[bench] class histogram " + when + ":");
    lines.forEach(l -> System.out.println("[bench]   " + l));
  }

  /**
   * JIT compilation time so far (ms, summed over compiler threads): how much of a round's CPU was
   * warming up.
   */
  static long jitMillis() {
    var jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : 0;
  }

  static long cpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1_000_000;
  }

  /**
   * The live heap: what each heap pool held right after the last full collection
   * (MemoryPoolMXBean's collection usage), not "used" read after System.gc(), which threads still
   * working (a resync's tail, cost evaluations) inflate by tens of MiB in the moment between the
   * two calls.
   */
  static long heapAfterGcMiB() throws InterruptedException {
    System.gc();
    Thread.sleep(200);
    System.gc();
    long live = 0;
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP
          && pool.getCollectionUsage() != null) {
        live += pool.getCollectionUsage().getUsed();
      }
    }
    return live / (1024 * 1024);
  }

  static long writes(Map<String, Long> counts, String... excluding) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().matches("^(POST|PUT|PATCH|DELETE) .*"))
        .filter(e -> Arrays.stream(excluding).noneMatch(x -> e.getKey().endsWith(" " + x)))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * When each project first reads Ready, by name. A plain watch, not an informer: the benchmark
   * keeps no cache of its own in the operator's heap.
   */
  static io.fabric8.kubernetes.client.Watch watchReady(
      KubernetesClient client, Map<String, Long> readyAt) {
    return client
        .resources(GenAIProject.class)
        .watch(
            new io.fabric8.kubernetes.client.Watcher<>() {
              @Override
              public void eventReceived(Action action, GenAIProject p) {
                if (p.getStatus() != null && "Ready".equals(p.getStatus().phase)) {
                  readyAt.putIfAbsent(p.getMetadata().getName(), System.nanoTime());
                }
              }

              @Override
              public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
            });
  }

  static String percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return "-";
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) + " ms";
  }

  @Test
  void costPerProject() throws Exception {
    List<Integer> sizes =
        Arrays.stream(System.getProperty("bench.sizes", "250,500,1000,2000").split(","))
            .map(String::trim)
            .map(Integer::parseInt)
            .toList();
    int unrelated = Integer.getInteger("bench.unrelated", 5000);
    int paced = Integer.getInteger("bench.paced", 200);
    int pacedAt = Integer.getInteger("bench.pacedAt", 1000); // the size the p95 target is stated at
    int rate = Integer.getInteger("bench.rate", 5);
    boolean paths = Boolean.parseBoolean(System.getProperty("bench.paths", "true"));
    int minimum = MINIMUM_WRITES + (paths ? 1 : 0); // + the finalizer, with cloud IAM on
    Map<Integer, Double> cpuPerProject = new TreeMap<>();
    Map<Integer, Long> heapAt = new TreeMap<>();
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            "%6s | %9s | %8s | %8s | %10s | %10s | %10s | %7s | %8s | %6s | %8s | %8s | %9s | %8s"
                + " | %5s%n",
            "N",
            "all Ready",
            "CPU ms/p",
            "JIT ms",
            "create p50",
            "create p95",
            "create p99",
            "writes/p",
            "status/p",
            "ratio",
            "IAM/p",
            "resync w",
            "resync rq",
            "resync set",
            "heap"));
    long lastHeap = 0;
    warmUp(Integer.getInteger("bench.warmup", 300), paths);
    for (int n : sizes) {
      boolean largest = n == sizes.get(sizes.size() - 1);
      try (Backends backends = Backends.start();
          KubernetesClient client = backends.client()) {
        long created = System.nanoTime();
        GenAIOperator operator =
            GenAIOperator.create(
                    client,
                    Settings.from(backends.settings(paths)),
                    GenAIOperator.Options.production().withOptionalApis(() -> InstalledApis.NONE))
                .start();
        Map<String, Long> createdAt = new ConcurrentHashMap<>();
        Map<String, Long> readyAt = new ConcurrentHashMap<>();
        var watch = watchReady(client, readyAt);
        client.resource(named("warmup", paths)).create();
        await().atMost(Duration.ofMinutes(2)).until(() -> readyAt.containsKey("warmup"));
        long startToFirst = (readyAt.get("warmup") - created) / 1_000_000;

        backends.requests(true);
        backends.iamCalls(true);
        long cpu0 = cpuMillis();
        long jit0 = jitMillis();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          String name = String.format("p-%05d", i);
          createdAt.put(name, System.nanoTime());
          client.resource(named(name, paths)).create();
        }
        await()
            .atMost(Duration.ofMinutes(15))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> readyAt.size() >= n + 1);
        long wall = (System.nanoTime() - t0) / 1_000_000;
        long cpu = cpuMillis() - cpu0;
        long jit = jitMillis() - jit0;
        Thread.sleep(500); // the last status patches reach the counts
        Map<String, Long> createCounts = backends.requests(true);
        Map<String, Long> createIam = backends.iamCalls(true);
        List<Long> latencies = new ArrayList<>();
        createdAt.forEach((k, v) -> latencies.add((readyAt.get(k) - v) / 1_000_000));
        latencies.sort(null);
        double statusPatches =
            (double)
                    (createCounts.getOrDefault("PUT genaiprojects/status", 0L)
                        + createCounts.getOrDefault("PATCH genaiprojects/status", 0L))
                / n; // PUT: written and cached (StatusWriter)
        double finalizer = (double) createCounts.getOrDefault("PATCH genaiprojects", 0L) / n;
        double childWrites =
            (double) writes(createCounts, "events", "genaiprojects", "genaiprojects/status") / n;
        double perProject = childWrites + statusPatches + finalizer;
        double iamPerProject =
            (double) createIam.values().stream().mapToLong(Long::longValue).sum() / n;

        // a forced resync of all: touching the policy re-reconciles every project
        long before = operator.reconciler().completedReconciles();
        GenAIPlatformPolicy policy = new GenAIPlatformPolicy();
        policy.getMetadata().setName("default");
        policy.setSpec(new GenAIPlatformPolicySpec());
        client.resource(policy).create();
        await()
            .atMost(Duration.ofMinutes(10))
            .until(() -> operator.reconciler().completedReconciles() >= before + n);
        Thread.sleep(1000);
        Map<String, Long> resync = backends.requests(true);
        Map<String, Long> resyncIam = backends.iamCalls(true);
        long resyncWrites = writes(resync, "genaiplatformpolicies");
        double resyncRequestsPerProject =
            (double) resync.values().stream().mapToLong(Long::longValue).sum() / n;
        long resyncSets =
            resyncIam.entrySet().stream()
                .filter(e -> e.getKey().startsWith("setIamPolicy"))
                .mapToLong(Map.Entry::getValue)
                .sum();
        long settle =
            Long.getLong(
                "bench.settleSeconds", 0L); // time for periodic work (cost evaluations) to run
        if (settle > 0) {
          long h0 = heapAfterGcMiB();
          histogram("before settling");
          Thread.sleep(settle * 1000);
          System.out.printf(
              "[bench] N=%d heap before settling %d MiB, after %d s: %d MiB%n",
              n, h0, settle, heapAfterGcMiB());
          histogram("after settling");
        }
        long heap = heapAfterGcMiB();
        lastHeap = heap;
        table.append(
            String.format(
                "%6d | %6d ms | %8.1f | %8d | %10s | %10s | %10s | %7.2f | %8.2f | %6.2f | %8.2f"
                    + " | %8d | %9.2f | %10d | %5d%n",
                n,
                wall,
                (double) cpu / n,
                jit,
                percentile(latencies, 0.50),
                percentile(latencies, 0.95),
                percentile(latencies, 0.99),
                perProject,
                statusPatches,
                perProject / minimum,
                iamPerProject,
                resyncWrites,
                resyncRequestsPerProject,
                resyncSets,
                heap));
        System.out.printf("[bench] N=%d create requests: %s%n", n, createCounts);
        System.out.printf("[bench] N=%d create IAM calls: %s%n", n, createIam);
        System.out.printf(
            "[bench] N=%d resync requests: %s; IAM calls: %s%n", n, resync, resyncIam);
        System.out.printf(
            "[bench] N=%d operator start to first reconcile (warm JVM): %d ms; JIT %d ms%n",
            n, startToFirst, jit);

        if (largest && unrelated > 0) {
          long u0 = System.nanoTime();
          histogram("before the unrelated objects");
          // a third each: Namespaces (the operator watches namespaces, label-filtered), ConfigMaps
          // (it watches
          // ConfigMaps, label-filtered) and Secrets (it does not watch them)
          for (int i = 0; i < unrelated; i++) {
            switch (i % 3) {
              case 0 ->
                  client
                      .namespaces()
                      .resource(
                          new NamespaceBuilder()
                              .withNewMetadata()
                              .withName("other-" + i)
                              .addToLabels("team", "other")
                              .endMetadata()
                              .build())
                      .create();
              case 1 ->
                  client
                      .configMaps()
                      .inNamespace("other-0")
                      .resource(
                          new ConfigMapBuilder()
                              .withNewMetadata()
                              .withName("cm-" + i)
                              .addToLabels("app", "other")
                              .endMetadata()
                              .addToData("k", "v".repeat(200))
                              .build())
                      .create();
              default ->
                  client
                      .secrets()
                      .inNamespace("other-0")
                      .resource(
                          new SecretBuilder()
                              .withNewMetadata()
                              .withName("s-" + i)
                              .endMetadata()
                              .addToStringData("k", "v".repeat(200))
                              .build())
                      .create();
            }
          }
          Thread.sleep(2000);
          long withUnrelated = heapAfterGcMiB();
          histogram("with the unrelated objects");
          table.append(
              String.format(
                  "        with %d unrelated objects (a third each Namespaces, ConfigMaps, Secrets;"
                      + " created in %d s): heap %d MiB (without: %d MiB)%n",
                  unrelated, (System.nanoTime() - u0) / 1_000_000_000L, withUnrelated, lastHeap));
        }
        if (n == pacedAt && paced > 0) {
          // latency at a fixed arrival rate below saturation
          Map<String, Long> pacedCreated = new ConcurrentHashMap<>();
          long interval = 1_000_000_000L / rate;
          long next = System.nanoTime();
          for (int i = 0; i < paced; i++) {
            while (System.nanoTime() < next) {
              Thread.sleep(1);
            }
            String name = String.format("paced-%05d", i);
            pacedCreated.put(name, System.nanoTime());
            client.resource(named(name, paths)).create();
            next += interval;
          }
          await()
              .atMost(Duration.ofMinutes(10))
              .until(() -> pacedCreated.keySet().stream().allMatch(readyAt::containsKey));
          List<Long> lat = new ArrayList<>();
          pacedCreated.forEach((k, v) -> lat.add((readyAt.get(k) - v) / 1_000_000));
          lat.sort(null);
          table.append(
              String.format(
                  "        paced: %d more projects at %d/s on top of N=%d: create→Ready p50 %s, p95 %s,"
                      + " p99 %s%n",
                  paced,
                  rate,
                  n,
                  percentile(lat, 0.50),
                  percentile(lat, 0.95),
                  percentile(lat, 0.99)));
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
      table.append(
          String.format(
              "        slope %d→%d: heap %.3f MiB per project; CPU per project %.1f → %.1f ms%n",
              a, b, heapSlope, cpuPerProject.get(a), cpuPerProject.get(b)));
      table.append(
          String.format(
              "        PREDICTION (not a measurement) at 10,000 projects: heap ≈ %.0f MiB, CPU ≈ %.0f s"
                  + " to create them%n",
              heapAt.get(b) + heapSlope * (10_000 - b), cpuPerProject.get(b) * 10_000 / 1000));
    }
    if (Boolean.parseBoolean(System.getProperty("bench.cold", "true"))) {
      table.append(coldStart(paths));
    }
    table.append(
        String.format(
            "        (cloud IAM and cost tracking %s; minimum writes per project %d)%n",
            paths ? "on, against the fakes" : "off", minimum));
    System.out.println();
    System.out.println(
        "[bench] operator-side figures (the API server and the fakes run in their own process):");
    System.out.print(table);
  }

  /**
   * Many projects asking for roles on one shared Google project (one allow policy): how many IAM
   * calls and how long until all are Ready. {@code -Dbench.shared=500}; not part of {@link
   * #costPerProject}.
   */
  @Test
  void sharedPolicy() throws Exception {
    int n = Integer.getInteger("bench.shared", 500);
    try (Backends backends = Backends.start();
        KubernetesClient client = backends.client();
        GenAIOperator operator =
            GenAIOperator.create(
                    client,
                    Settings.from(backends.settings(true)),
                    GenAIOperator.Options.production().withOptionalApis(() -> InstalledApis.NONE))
                .start()) {
      backends.iamCalls(true);
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        GenAIProject p = named(String.format("shared-%05d", i), true);
        p.getSpec().gcp.projectId = "acme-shared-genai";
        client.resource(p).create();
      }
      await()
          .atMost(Duration.ofMinutes(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  client.resources(GenAIProject.class).list().getItems().stream()
                          .filter(p -> p.getStatus() != null && "Ready".equals(p.getStatus().phase))
                          .count()
                      == n);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      Map<String, Long> calls = backends.iamCalls(false);
      System.out.printf(
          "%n[bench] %d projects on one Google project's policy: all Ready in %d ms; IAM calls %s%n",
          n, ms, calls);
    }
  }

  /**
   * A cold JVM: {@code genai-operator run} started as its own process against a server holding one
   * project, timed from process start to that project Ready.
   */
  static String coldStart(boolean paths) throws Exception {
    try (Backends backends = Backends.start();
        KubernetesClient client = backends.client()) {
      client.resource(named("cold", paths)).create();
      Path kubeconfig = java.nio.file.Files.createTempFile("bench", ".kubeconfig");
      java.nio.file.Files.writeString(
          kubeconfig,
          """
          apiVersion: v1
          kind: Config
          clusters: [{name: s, cluster: {server: "%s"}}]
          contexts: [{name: s, context: {cluster: s, user: s}}]
          current-context: s
          users: [{name: s, user: {}}]
          """
              .formatted(backends.url()));
      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.platform.genai.cli.Main",
                  "run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().putAll(backends.settings(paths));
      pb.environment().put("KUBECONFIG", kubeconfig.toString());
      pb.environment().put("GENAI_HEALTH_PORT", "0");
      pb.environment().put("GENAI_METRICS_PORT", "0");
      long t0 = System.nanoTime();
      Process p = pb.start();
      try {
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(20))
            .until(
                () -> {
                  GenAIProject cold = client.resources(GenAIProject.class).withName("cold").get();
                  return cold.getStatus() != null && "Ready".equals(cold.getStatus().phase);
                });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return String.format(
            "        cold JVM: `genai-operator run` process start to the first project Ready: %d ms%n",
            ms);
      } finally {
        p.destroy();
        p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        java.nio.file.Files.deleteIfExists(kubeconfig);
      }
    }
  }

  /** The JIT warms up on a round that is not reported, so the first size does not pay for it. */
  static void warmUp(int projects, boolean paths) throws Exception {
    if (projects <= 0) {
      return;
    }
    try (Backends backends = Backends.start();
        KubernetesClient client = backends.client();
        GenAIOperator operator =
            GenAIOperator.create(
                    client,
                    Settings.from(backends.settings(paths)),
                    GenAIOperator.Options.production().withOptionalApis(() -> InstalledApis.NONE))
                .start()) {
      for (int i = 0; i < projects; i++) {
        client.resource(named(String.format("warm-%05d", i), paths)).create();
      }
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  client.resources(GenAIProject.class).list().getItems().stream()
                          .filter(p -> p.getStatus() != null && "Ready".equals(p.getStatus().phase))
                          .count()
                      == projects);
    }
  }

  /**
   * A public pilot; with the IAM and cost paths on, with Google Cloud access to a project of its
   * own.
   */
  static GenAIProject named(String name, boolean paths) {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setName(name);
    if (paths) {
      p.getSpec().gcp = new dev.platform.genai.api.GcpAccess();
      p.getSpec().gcp.projectId = "acme-" + name;
      p.getSpec().gcp.roles = List.of("roles/aiplatform.user");
    }
    return p;
  }
}
