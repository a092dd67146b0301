package dev.platform.genai.sandbox;

import dev.platform.genai.admission.AdmissionRules;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.CountDownLatch;

/**
 * The sandbox API server alone, in its own process (for the benchmark: its CPU and heap are not the
 * operator's). Prints {@code SANDBOX_URL=...} once ready; {@code GET
 * /sandbox/requests[?reset=true]} returns request counts.
 */
public final class SandboxMain {
  private SandboxMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    SandboxApiServer server = SandboxApiServer.start(port);
    try (KubernetesClient client = server.client()) {
      server.installCrds(client, AdmissionRules.crds());
    }
    System.out.println("SANDBOX_URL=" + server.url());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
