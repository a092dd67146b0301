package dev.platform.genai.bench;

import dev.platform.genai.admission.AdmissionRules;
import dev.platform.genai.cost.FakePrometheus;
import dev.platform.genai.sandbox.FakeGoogleIam;
import dev.platform.genai.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.CountDownLatch;

/**
 * What the operator talks to, in a process of its own so that its CPU and heap are not the
 * operator's: the sandbox API server (request counts at /sandbox/requests), the fake of Google's
 * IAM APIs (call counts at /fake/calls) and the fake Prometheus with OpenCost metrics.
 */
public final class BenchBackends {
  private BenchBackends() {}

  public static void main(String[] args) throws Exception {
    SandboxApiServer server = SandboxApiServer.start(0);
    try (KubernetesClient client = server.client()) {
      server.installCrds(client, AdmissionRules.crds());
    }
    FakeGoogleIam iam = new FakeGoogleIam().openWorld();
    FakePrometheus prometheus = new FakePrometheus();
    System.out.println("IAM_URL=" + iam.url());
    System.out.println("PROMETHEUS_URL=" + prometheus.url());
    System.out.println("SANDBOX_URL=" + server.url());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
