package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.TestFiles;
import dev.platform.genai.config.Settings;
import dev.platform.genai.controlplane.RealCluster;
import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Install on a real cluster" section, run as written on a control plane of its own:
 * every command of its shell blocks, in order, with the kubectl the control plane was built with,
 * as a cluster admin. What cannot run here stands in: {@code mvn} and {@code docker} (no image is
 * built: the operator runs in this JVM as the chart's ServiceAccount, with the chart's
 * environment), {@code helm install} (the chart, rendered by helm-java, is created object by
 * object) and {@code helm uninstall} (the operator stops, the chart's objects but the CRDs go).
 * Then nothing may be left behind: no project, namespace, role or binding of the operator's, no
 * CRD.
 */
class InstallAndRemoveTest {
  static final Path README = TestFiles.repoRoot().resolve("README.md");

  @Test
  void theReadmesInstallAndRemovalRunAsWrittenAndLeaveNothingBehind() throws Exception {
    List<String> commands = commands();
    assertThat(commands)
        .as("the README's install section has commands")
        .anyMatch(c -> c.startsWith("helm install"))
        .anyMatch(c -> c.startsWith("helm uninstall"))
        .anyMatch(c -> c.startsWith("kubectl delete gp"));
    RealCluster cluster = RealCluster.bare();
    GenAIOperator operator = null;
    Path kubeconfig = cluster.controlPlane.adminKubeconfig();
    try {
      for (String command : commands) {
        if (command.startsWith("mvn ") || command.startsWith("docker ")) {
          continue; // the image: built where Docker runs, not here
        } else if (command.startsWith("helm install ")) {
          cluster.installChartObjects();
          operator = startOperator(cluster);
        } else if (command.startsWith("helm uninstall ")) {
          operator.close();
          operator = null;
          cluster.uninstallChartObjects();
        } else if (command.startsWith("kubectl ")) {
          String out = kubectl(cluster, kubeconfig, command);
          if (command.startsWith(
              "kubectl get genaiprojects,googleiampolicies,genaiprojectrecords")) {
            assertThat(out)
                .as("what the README says must list nothing before the operator goes")
                .contains("No resources found");
          }
        } else {
          throw new AssertionError("a command this test does not know how to run: " + command);
        }
      }
      try (KubernetesClient admin = cluster.admin()) {
        await()
            .atMost(Duration.ofSeconds(90))
            .untilAsserted(
                () -> {
                  assertThat(
                          admin
                              .namespaces()
                              .withLabel(Names.MANAGED_BY, Names.OPERATOR)
                              .list()
                              .getItems())
                      .as("project namespaces")
                      .isEmpty();
                  assertThat(admin.namespaces().withName(RealCluster.RELEASE_NAMESPACE).get())
                      .isNull();
                });
        assertThat(
                admin
                    .rbac()
                    .clusterRoles()
                    .withLabel(Names.MANAGED_BY, Names.OPERATOR)
                    .list()
                    .getItems())
            .isEmpty();
        assertThat(
                admin
                    .rbac()
                    .clusterRoleBindings()
                    .withLabel(Names.MANAGED_BY, Names.OPERATOR)
                    .list()
                    .getItems())
            .isEmpty();
        assertThat(admin.apiextensions().v1().customResourceDefinitions().list().getItems())
            .noneSatisfy(
                crd -> assertThat(crd.getSpec().getGroup()).isEqualTo("genai.platform.dev"));
        assertThat(admin.rbac().clusterRoles().list().getItems())
            .as("the chart's roles")
            .noneSatisfy(r -> assertThat(r.getMetadata().getName()).startsWith("genai-operator"));
      }
    } finally {
      if (operator != null) {
        operator.close();
      }
      cluster.close();
    }
  }

  /**
   * The operator as the chart runs it: its ServiceAccount's token, the Deployment's environment.
   */
  private static GenAIOperator startOperator(RealCluster cluster) {
    Map<String, String> env = new HashMap<>(cluster.operatorEnvironment());
    env.remove("GENAI_GCP_CLUSTER_PROJECT"); // installed as the README says: no gcp.clusterProject
    try (KubernetesClient asOperator =
        new KubernetesClientBuilder().withConfig(cluster.operatorConfig()).build()) {
      return GenAIOperator.create(
              asOperator,
              Settings.from(env),
              GenAIOperator.Options.production().withoutExitOnStopLeading())
          .start();
    }
  }

  private static String kubectl(RealCluster cluster, Path kubeconfig, String command)
      throws Exception {
    List<String> argv = new ArrayList<>();
    argv.add(cluster.binaries.kubectl().toString());
    argv.add("--kubeconfig=" + kubeconfig);
    argv.addAll(words(command.substring("kubectl ".length())));
    Process p =
        new ProcessBuilder(argv)
            .directory(TestFiles.repoRoot().toFile())
            .redirectErrorStream(true)
            .start();
    boolean done = p.waitFor(5, TimeUnit.MINUTES);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(done && p.exitValue() == 0)
        .as("`%s` as the README says:\n%s", command, out)
        .isTrue();
    System.out.println("$ " + command + "\n" + out);
    return out;
  }

  /**
   * The commands of the section's shell blocks, continuation lines joined, comments and blanks left
   * out.
   */
  static List<String> commands() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf("## Install on a real cluster");
    int end = readme.indexOf("### Settings (environment variables)", start);
    String section = readme.substring(start, end);
    List<String> out = new ArrayList<>();
    Matcher blocks = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(section);
    while (blocks.find()) {
      String joined = blocks.group(1).replaceAll("\\\\\\n\\s*", " ");
      for (String line : joined.split("\\n")) {
        String l = line.strip();
        for (String part : l.split(" && ")) {
          if (!part.isBlank() && !part.startsWith("#")) {
            out.add(part.strip());
          }
        }
      }
    }
    return out;
  }

  /** Shell words: spaces split, single quotes group (what the README's commands use). */
  static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : s.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          out.add(w.toString());
          w.setLength(0);
          any = false;
        }
      } else {
        w.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(w.toString());
    }
    return out;
  }
}
