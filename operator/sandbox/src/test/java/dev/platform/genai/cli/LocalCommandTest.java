package dev.platform.genai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.TestFiles;
import dev.platform.genai.controlplane.RealCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LocalCommandTest {
  @Test
  void localProvisionsEverySampleUntilReady() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        LocalMain.execute(
            new PrintWriter(out),
            new PrintWriter(err),
            "--timeout",
            "PT60S",
            TestFiles.samples().toString());
    assertThat(exit).as(out + "" + err).isZero();
    assertThat(out.toString())
        .contains("SANDBOX: an in-process Kubernetes API server")
        .containsPattern("claims-summarizer +Pilot +Confidential +8000 EUR +Ready +True")
        .containsPattern("support-copilot +Pilot +Public +3000 EUR +Ready +True")
        .containsPattern("fraud-assistant +Production +Restricted +65000 EUR +Ready +True")
        .contains("networkpolicy/genai-egress  (namespace genai-fraud-assistant)");
  }

  @Test
  void localOnTheRealControlPlaneProvisionsEverySampleUntilReady() {
    RealCluster
        .binariesOrSkip(); // the binaries build.sh makes (CI builds them; elsewhere skipped, naming
    // it)
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        LocalMain.execute(
            new PrintWriter(out),
            new PrintWriter(err),
            "--api-server",
            "real",
            "--timeout",
            "PT90S",
            TestFiles.samples().toString());
    assertThat(exit).as(out + "" + err).isZero();
    assertThat(out.toString())
        .contains("REAL CONTROL PLANE: etcd, kube-apiserver and kube-controller-manager")
        // the GPUs column: what the resourcequota controller counted (the endpoint's pod asks for 1
        // of 2)
        .containsPattern("contract-assistant +Pilot +Confidential +6000 EUR +2/2 +1/2 +Ready +True")
        .containsPattern("fraud-assistant +Production +Restricted +65000 EUR +0/8 +Ready +True")
        .contains("deployment/model-llama-8b  (namespace genai-contract-assistant)");
  }

  @Test
  void anUnknownApiServerIsRefusedNamingTheChoices() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        LocalMain.execute(new PrintWriter(out), new PrintWriter(err), "--api-server", "kind");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--api-server takes mock or real, not kind");
  }
}
