package dev.platform.genai.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Planner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a project's pods can reach, judged by a NetworkPolicy engine that is not ours: cyclonus
 * v0.5.6 ({@code cyclonus analyze --mode query-traffic}, operator/tools/cyclonus.sh) reads every
 * NetworkPolicy the operator writes for the samples (under samples/platform-policy.yaml) and
 * answers, per classification, for a pod of the project: DNS, the GKE metadata server, the policy's
 * allowed CIDR, another project's pod, a public address, and inbound from another project and from
 * monitoring. Then once more with the team's best attempt added — a NetworkPolicy allowing all
 * egress, which the chart's tenancy policy refuses (docs/tenancy.md, rule 4) — to show what that
 * refusal holds. The table is docs/tenancy.md's; {@code -Dreachability.print=true} prints it.
 */
class NetworkReachabilityTest {
  static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();
  static final KubernetesSerialization K8S = new KubernetesSerialization();
  static String cyclonus;

  /** The samples, by classification. */
  static final Map<String, String> SAMPLES =
      linked(
          "Public", "public-pilot.yaml",
          "Confidential", "confidential-pilot.yaml",
          "Restricted", "restricted-production.yaml");

  @BeforeAll
  static void cyclonus() throws Exception {
    Process build =
        new ProcessBuilder(
                TestFiles.repoRoot().resolve("operator/tools/cyclonus.sh").toString(), "--check")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    cyclonus = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (build.waitFor() != 0) {
      String why = "cyclonus is not built: run operator/tools/cyclonus.sh";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(why);
      }
      assumeTrue(false, why);
    }
  }

  /** One question: traffic from (or to) a pod of the project. */
  record Question(String what, ObjectNode traffic) {}

  static List<Question> questions(String ns, String otherNs) {
    ObjectNode pod = internal(ns, Map.of("app", "workload"), "10.1.0.10");
    ObjectNode other = internal(otherNs, Map.of("app", "workload"), "10.2.0.10");
    return List.of(
        new Question(
            "to DNS (kube-system, UDP 53)",
            traffic(
                pod,
                internal("kube-system", Map.of("k8s-app", "kube-dns"), "10.96.0.10"),
                "UDP",
                53)),
        new Question(
            "to the GKE metadata server (169.254.169.254:80)",
            traffic(pod, external("169.254.169.254"), "TCP", 80)),
        new Question(
            "to the policy's CIDR (restricted.googleapis.com 199.36.153.4:443)",
            traffic(pod, external("199.36.153.4"), "TCP", 443)),
        new Question("to a pod of another project (8080)", traffic(pod, other, "TCP", 8080)),
        new Question(
            "to a public address (93.184.216.34:443)",
            traffic(pod, external("93.184.216.34"), "TCP", 443)),
        new Question("from a pod of another project (8080)", traffic(other, pod, "TCP", 8080)),
        new Question(
            "from monitoring (8080)",
            traffic(
                internal("monitoring", Map.of("app", "prometheus"), "10.3.0.10"),
                pod,
                "TCP",
                8080)));
  }

  @Test
  void eachClassificationReachesWhatItsPolicySaysAndNothingMore(@TempDir Path dir)
      throws Exception {
    Map<String, Map<String, Boolean>> asBuilt = new LinkedHashMap<>();
    Map<String, Map<String, Boolean>> withAttempt = new LinkedHashMap<>();
    for (var e : SAMPLES.entrySet()) {
      String ns = namespace(e.getValue());
      String otherNs =
          namespace(e.getKey().equals("Public") ? "confidential-pilot.yaml" : "public-pilot.yaml");
      List<Question> qs = questions(ns, otherNs);
      asBuilt.put(e.getKey(), ask(dir.resolve(e.getKey()), allPolicies(List.of()), qs));
      withAttempt.put(
          e.getKey(),
          ask(
              dir.resolve(e.getKey() + "-attempt"),
              allPolicies(List.of(Samples.allowAllEgress(ns))),
              qs));
    }
    if (Boolean.getBoolean("reachability.print")) {
      System.out.println(table(asBuilt, withAttempt));
    }

    // Public: egress open, ingress isolated
    assertThat(asBuilt.get("Public"))
        .containsExactlyEntriesOf(expected(true, true, true, false, true, false, true));
    // Confidential and Restricted: DNS, the metadata server, the policy's CIDR; nothing else
    for (String closed : List.of("Confidential", "Restricted")) {
      assertThat(asBuilt.get(closed))
          .as(closed)
          .containsExactlyEntriesOf(expected(true, true, true, false, false, false, true));
      // the refused attempt would have opened the internet: what the tenancy policy's rule 4 holds
      assertThat(withAttempt.get(closed))
          .as(closed + " with a team's allow-all egress policy")
          .containsEntry("to a public address (93.184.216.34:443)", true);
    }
  }

  static Map<String, Boolean> expected(boolean... answers) {
    List<Question> qs = questions("a", "b");
    Map<String, Boolean> m = new LinkedHashMap<>();
    for (int i = 0; i < qs.size(); i++) {
      m.put(qs.get(i).what(), answers[i]);
    }
    return m;
  }

  /** Every sample's NetworkPolicies as the operator writes them, plus {@code extra}. */
  static List<NetworkPolicy> allPolicies(List<NetworkPolicy> extra) {
    List<NetworkPolicy> out = new ArrayList<>();
    for (String sample : SAMPLES.values()) {
      for (HasMetadata o :
          Planner.preview(
                  Samples.project(sample),
                  Samples.policy(),
                  InstalledApis.of(List.of("prometheus-operator")),
                  true,
                  NOW)
              .objects()) {
        if (o instanceof NetworkPolicy np) {
          out.add(np);
        }
      }
    }
    out.addAll(extra);
    return out;
  }

  static String namespace(String sample) {
    return Planner.preview(Samples.project(sample), Samples.policy(), InstalledApis.NONE, true, NOW)
        .model()
        .namespace();
  }

  /** cyclonus' answers, in the order asked. */
  static Map<String, Boolean> ask(Path dir, List<NetworkPolicy> policies, List<Question> qs)
      throws Exception {
    Path policyDir = Files.createDirectories(dir.resolve("policies"));
    for (NetworkPolicy np : policies) {
      Files.writeString(
          policyDir.resolve(
              np.getMetadata().getNamespace() + "-" + np.getMetadata().getName() + ".yaml"),
          K8S.asYaml(np));
    }
    ArrayNode traffic = JSON.createArrayNode();
    qs.forEach(q -> traffic.add(q.traffic()));
    Path trafficFile = dir.resolve("traffic.json");
    Files.writeString(trafficFile, JSON.writeValueAsString(traffic));
    Process p =
        new ProcessBuilder(
                cyclonus,
                "analyze",
                "--mode",
                "query-traffic",
                "--policy-path",
                policyDir.toString(),
                "--traffic-path",
                trafficFile.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("cyclonus analyze: " + out).isZero();
    List<Boolean> answers = new ArrayList<>();
    Matcher m = Pattern.compile("\\| IS ALLOWED\\? \\|\\s+(TRUE|FALSE)\\s+\\|").matcher(out);
    while (m.find()) {
      answers.add(m.group(1).equals("TRUE"));
    }
    assertThat(answers).as("one answer per question: " + out).hasSize(qs.size());
    Map<String, Boolean> result = new LinkedHashMap<>();
    for (int i = 0; i < qs.size(); i++) {
      result.put(qs.get(i).what(), answers.get(i));
    }
    return result;
  }

  static String table(
      Map<String, Map<String, Boolean>> asBuilt, Map<String, Map<String, Boolean>> withAttempt) {
    StringBuilder b = new StringBuilder("| From a project's pod |");
    asBuilt.keySet().forEach(c -> b.append(" ").append(c).append(" |"));
    asBuilt
        .keySet()
        .forEach(
            c ->
                b.append(" ")
                    .append(c)
                    .append(", had the team's allow-all egress been admitted |"));
    b.append("\n|---|");
    asBuilt.keySet().forEach(c -> b.append("---|---|"));
    b.append("\n");
    for (String q : asBuilt.values().iterator().next().keySet()) {
      b.append("| ").append(q).append(" |");
      asBuilt.values().forEach(m -> b.append(m.get(q) ? " allowed |" : " denied |"));
      withAttempt.values().forEach(m -> b.append(m.get(q) ? " allowed |" : " denied |"));
      b.append("\n");
    }
    return b.toString();
  }

  static ObjectNode internal(String ns, Map<String, String> podLabels, String ip) {
    ObjectNode peer = JSON.createObjectNode();
    ObjectNode i = peer.putObject("Internal");
    podLabels.forEach(i.putObject("PodLabels")::put);
    i.putObject("NamespaceLabels").put("kubernetes.io/metadata.name", ns);
    i.put("Namespace", ns);
    peer.put("IP", ip);
    return peer;
  }

  static ObjectNode external(String ip) {
    ObjectNode peer = JSON.createObjectNode();
    peer.put("IP", ip);
    return peer;
  }

  static ObjectNode traffic(ObjectNode from, ObjectNode to, String protocol, int port) {
    ObjectNode t = JSON.createObjectNode();
    t.set("Source", from);
    t.set("Destination", to);
    t.put("Protocol", protocol);
    t.put("ResolvedPort", port);
    t.put("ResolvedPortName", "");
    return t;
  }

  @SafeVarargs
  static <T> Map<T, T> linked(T... kv) {
    Map<T, T> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
