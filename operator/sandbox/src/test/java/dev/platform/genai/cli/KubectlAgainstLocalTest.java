package dev.platform.genai.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl binary against `local --serve`, run as a user would: a separate process. */
class KubectlAgainstLocalTest {
  @TempDir Path dir;

  static boolean kubectlInstalled() {
    try {
      return new ProcessBuilder("kubectl", "version", "--client")
          .redirectErrorStream(true)
          .start()
          .waitFor(20, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  record Result(int exit, String out) {}

  Result kubectl(Path kubeconfig, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl %s finished", List.of(args)).isTrue();
    return new Result(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void kubectlWorksAgainstTheSandbox() throws Exception {
    Assumptions.assumeTrue(
        kubectlInstalled(), "kubectl is not installed on this machine: test skipped");
    Path kubeconfig = dir.resolve("sandbox.kubeconfig");
    Path log = dir.resolve("local.log");
    Process local =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LocalMain.class.getName(),
                "--serve",
                "--kubeconfig",
                kubeconfig.toString(),
                TestFiles.samples().toString())
            .directory(TestFiles.repoRoot().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> Files.readString(log).contains("SANDBOX serving"));
      assertThat(Files.readString(log))
          .as("a normal start logs no stack trace (Conscrypt is left out on purpose)")
          .doesNotContain("Conscrypt")
          .doesNotContain("NoClassDefFoundError");

      Result get = kubectl(kubeconfig, "get", "genaiprojects");
      assertThat(get.exit()).as(get.out()).isZero();
      assertThat(get.out())
          .containsPattern(
              "NAME +STAGE +CLASSIFICATION +BUDGET +SPENT +USED% +ENDPOINTS +GPUS +PHASE +READY +AGE")
          .containsPattern("fraud-assistant +Production +Restricted +65000 +Ready +True")
          .containsPattern("contract-assistant +Pilot +Confidential +6000 +2/2 +Ready +True");

      Result wide = kubectl(kubeconfig, "get", "gp", "-o", "wide");
      assertThat(wide.out())
          .containsPattern("NAMESPACE +PROMOTION")
          .as(
              "created as Production, promoted with the sample's approval (samples/fraud-assistant-promotion-approval)")
          .containsPattern("fraud-assistant .*genai-fraud-assistant +Promoted");
      Result kstatus =
          kubectl(
              kubeconfig,
              "get",
              "gp",
              "fraud-assistant",
              "-o",
              "jsonpath={.status.conditions[?(@.type==\"Reconciling\")].status}/"
                  + "{.status.conditions[?(@.type==\"Stalled\")].status}/{.status.promotion.state}");
      assertThat(kstatus.out())
          .as("kstatus' conditions as Flux reads them")
          .isEqualTo("False/False/Promoted");

      Result approvals = kubectl(kubeconfig, "get", "genaiprojectapprovals");
      assertThat(approvals.out())
          .containsPattern("NAME +PROJECT +APPROVED BY +REFERENCE +AGE")
          .containsPattern(
              "contract-assistant-dpia-2026-077 +contract-assistant +dpo@example.com +DPIA-2026-077");

      Result yaml = kubectl(kubeconfig, "get", "gp", "support-copilot", "-o", "yaml");
      assertThat(yaml.out()).contains("kind: GenAIProject").contains("phase: Ready");

      Result quotas = kubectl(kubeconfig, "get", "namespaces,resourcequotas", "-A");
      assertThat(quotas.exit()).as(quotas.out()).isZero();
      assertThat(quotas.out())
          .contains("namespace/genai-claims-summarizer")
          .contains("resourcequota/genai-quota");

      Path extra = dir.resolve("extra.yaml");
      Files.writeString(
          extra,
          Files.readString(TestFiles.samples().resolve("public-pilot.yaml"))
              .replace("name: support-copilot", "name: from-kubectl"));
      assertThat(kubectl(kubeconfig, "create", "-f", extra.toString()).out())
          .contains("from-kubectl created");
      Result wait =
          kubectl(kubeconfig, "wait", "--for=condition=Ready", "gp/from-kubectl", "--timeout=30s");
      assertThat(wait.out()).as(wait.out()).contains("condition met");

      Files.writeString(
          extra,
          Files.readString(extra).replace("monthlyLimit: \"3000\"", "monthlyLimit: \"3500\""));
      assertThat(kubectl(kubeconfig, "apply", "-f", extra.toString()).out())
          .contains("from-kubectl configured");
      assertThat(kubectl(kubeconfig, "get", "gp", "from-kubectl").out())
          .containsPattern("from-kubectl .* 3500 ");

      // compliance's loop: a governance change closes the gate; an approval of the new digest opens
      // it
      assertThat(
              kubectl(
                      kubeconfig,
                      "patch",
                      "gp",
                      "contract-assistant",
                      "--type=json",
                      "-p",
                      "[{\"op\":\"replace\",\"path\":\"/spec/models/0/selfHosted/replicas\",\"value\":2}]")
                  .out())
          .contains("patched");
      assertThat(
              kubectl(
                      kubeconfig,
                      "wait",
                      "--for=jsonpath={.status.phase}=PendingApproval",
                      "gp/contract-assistant",
                      "--timeout=30s")
                  .out())
          .contains("condition met");
      String digest =
          kubectl(
                  kubeconfig,
                  "get",
                  "gp",
                  "contract-assistant",
                  "-o",
                  "jsonpath={.status.approval.requiredDigest}")
              .out()
              .trim();
      Path approval = dir.resolve("approval.yaml");
      Files.writeString(
          approval,
          Files.readString(TestFiles.samples().resolve("contract-assistant-approval.yaml"))
              .replaceAll("name: contract-assistant-dpia-2026-077", "name: two-replicas")
              .replaceAll("digest: sha256:[0-9a-f]+", "digest: " + digest));
      Result created = kubectl(kubeconfig, "create", "-f", approval.toString());
      assertThat(created.out()).as(created.out()).contains("two-replicas created");
      assertThat(
              kubectl(
                      kubeconfig,
                      "wait",
                      "--for=condition=Ready",
                      "gp/contract-assistant",
                      "--timeout=30s")
                  .out())
          .contains("condition met");
      assertThat(
              kubectl(
                      kubeconfig,
                      "get",
                      "deployment",
                      "model-llama-8b",
                      "-n",
                      "genai-contract-assistant",
                      "-o",
                      "jsonpath={.spec.replicas}")
                  .out())
          .isEqualTo("2");

      assertThat(kubectl(kubeconfig, "delete", "gp", "from-kubectl").out()).contains("deleted");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !kubectl(kubeconfig, "get", "gp").out().contains("from-kubectl"));
    } finally {
      local.destroy();
      local.waitFor(20, TimeUnit.SECONDS);
    }
  }
}
