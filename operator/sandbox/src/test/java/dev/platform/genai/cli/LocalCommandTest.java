package dev.platform.genai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.TestFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LocalCommandTest {
  @Test
  void localProvisionsEverySampleUntilReady() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = LocalMain.execute(new PrintWriter(out), new PrintWriter(err), "--timeout", "PT60S",
        TestFiles.samples().toString());
    assertThat(exit).as(out + "" + err).isZero();
    assertThat(out.toString()).contains("SANDBOX: an in-process Kubernetes API server")
        .containsPattern("claims-summarizer +Pilot +Confidential +8000 EUR +Ready +True")
        .containsPattern("support-copilot +Pilot +Public +3000 EUR +Ready +True")
        .containsPattern("fraud-assistant +Production +Restricted +65000 EUR +Ready +True")
        .contains("networkpolicy/genai-egress  (namespace genai-fraud-assistant)");
  }
}
