package dev.platform.genai.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Kueue's real manager beside the control plane, set up as envtest sets up a webhook server: our
 * own certificate for 127.0.0.1, the CRDs' conversion webhooks and the admission webhook
 * configurations pointed at {@code https://127.0.0.1:PORT} with that certificate as their CA
 * bundle, Kueue's internal certificate management off, its on-demand visibility server off (an
 * APIService that is not served would break discovery and hang namespace deletion), leader election
 * off. Only the batch/Job integration is on, and only the webhooks of Kueue's own kinds and of Jobs
 * are registered: a webhook of a disabled integration (Deployments, Pods) would refuse what it is
 * not there to answer.
 */
public final class KueueManager {
  /**
   * The CRDs whose conversion goes through Kueue's webhook
   * (config/components/crd/kustomization.yaml, v0.17.0).
   */
  static final Set<String> CONVERTED =
      Set.of("localqueues", "clusterqueues", "cohorts", "workloads", "multikueueclusters");

  /**
   * Where Kueue v0.17.0 reads its metrics certificate when its own certificate management is off: a
   * fixed path (cmd/kueue/main.go), so the harness writes the loopback certificate there (it runs
   * as root on CI).
   */
  static final Path METRICS_CERTS = Path.of("/etc/kueue/metrics/certs");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private KueueManager() {}

  /** Whether Kueue's manager can be started here (its fixed certificate path must be writable). */
  public static boolean possible() {
    Path etc = Path.of("/etc");
    return Files.isDirectory(METRICS_CERTS)
        ? Files.isWritable(METRICS_CERTS)
        : Files.isWritable(etc);
  }

  /**
   * Installs Kueue's CRDs and webhooks of {@code bin}'s release and starts its manager; returns
   * once it is ready.
   */
  public static void start(ControlPlane cp, Binaries bin) {
    Path dir = cp.dir().resolve("kueue");
    int webhookPort = Loopback.freePort();
    int healthPort = Loopback.freePort();
    try {
      Files.createDirectories(dir.resolve("certs"));
      String caBundle = writeServingCertificate(dir.resolve("certs"));
      Files.createDirectories(METRICS_CERTS);
      Files.copy(
          dir.resolve("certs/tls.crt"),
          METRICS_CERTS.resolve("tls.crt"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          dir.resolve("certs/tls.key"),
          METRICS_CERTS.resolve("tls.key"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      String webhook = "https://127.0.0.1:" + webhookPort;
      try (KubernetesClient admin = cp.adminClient()) {
        installCrds(admin, bin.kueueConfig().resolve("crd"), webhook, caBundle);
        Files.writeString(
            dir.resolve("config.yaml"),
            """
            apiVersion: config.kueue.x-k8s.io/v1beta2
            kind: Configuration
            health:
              healthProbeBindAddress: "127.0.0.1:%d"
            metrics:
              bindAddress: "0"
            webhook:
              host: 127.0.0.1
              port: %d
              certDir: %s
            leaderElection:
              leaderElect: false
            internalCertManagement:
              enable: false
            integrations:
              frameworks:
              - "batch/job"
            """
                .formatted(healthPort, webhookPort, dir.resolve("certs")));
        cp.launch(
            "kueue",
            List.of(
                bin.kueue().toString(),
                "--config",
                dir.resolve("config.yaml").toString(),
                "--kubeconfig",
                cp.adminKubeconfig().toString(),
                "--feature-gates",
                "VisibilityOnDemand=false",
                "--zap-log-level",
                "info"));
        awaitReady(healthPort);
        installWebhooks(
            admin, bin.kueueConfig().resolve("webhook/manifests.yaml"), webhook, caBundle);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void installCrds(
      KubernetesClient admin, Path crds, String webhook, String caBundle) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(crds)) {
      for (Path f : files.sorted().toList()) {
        ObjectNode crd = (ObjectNode) YAML.readTree(f.toFile());
        if (CONVERTED.contains(crd.path("spec").path("names").path("plural").asText())) {
          ObjectNode conversion = ((ObjectNode) crd.get("spec")).putObject("conversion");
          conversion.put("strategy", "Webhook");
          ObjectNode wh = conversion.putObject("webhook");
          wh.putArray("conversionReviewVersions").add("v1");
          wh.putObject("clientConfig").put("url", webhook + "/convert").put("caBundle", caBundle);
        }
        admin
            .resource(
                admin
                    .getKubernetesSerialization()
                    .convertValue(crd, GenericKubernetesResource.class))
            .create();
        names.add(crd.path("metadata").path("name").asText());
      }
    }
    for (String name : names) {
      awaitUntil(
          Duration.ofSeconds(30), "CRD " + name + " Established", () -> established(admin, name));
    }
  }

  /** Whether the CRD is served (Established=True). */
  public static boolean established(KubernetesClient admin, String crd) {
    var found = admin.apiextensions().v1().customResourceDefinitions().withName(crd).get();
    return found != null
        && found.getStatus() != null
        && found.getStatus().getConditions() != null
        && found.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static void installWebhooks(
      KubernetesClient admin, Path manifests, String webhook, String caBundle) throws IOException {
    try (var parser = YAML.getFactory().createParser(manifests.toFile())) {
      for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
        if (doc == null || !doc.has("webhooks")) {
          continue;
        }
        ArrayNode kept = YAML.createArrayNode();
        for (JsonNode h : doc.get("webhooks")) {
          String path = h.path("clientConfig").path("service").path("path").asText();
          if (path.contains("kueue-x-k8s-io") || path.contains("-batch-v1-job")) {
            ObjectNode copy = (ObjectNode) h.deepCopy();
            copy.putObject("clientConfig").put("url", webhook + path).put("caBundle", caBundle);
            kept.add(copy);
          }
        }
        ObjectNode config = (ObjectNode) doc.deepCopy();
        config.set("webhooks", kept);
        ((ObjectNode) config.get("metadata"))
            .put("name", "kueue-" + doc.path("metadata").path("name").asText());
        admin
            .resource(
                admin
                    .getKubernetesSerialization()
                    .convertValue(config, GenericKubernetesResource.class))
            .create();
      }
    }
  }

  /**
   * A self-signed certificate for 127.0.0.1 (JDK's keytool), as tls.crt/tls.key; returns it base64
   * as CA bundle.
   */
  private static String writeServingCertificate(Path dir) throws IOException {
    Path store = dir.resolve("serving.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        List.of(
            keytool,
            "-genkeypair",
            "-alias",
            "serving",
            "-keyalg",
            "RSA",
            "-keysize",
            "2048",
            "-validity",
            "7",
            "-dname",
            "CN=127.0.0.1",
            "-ext",
            "SAN=ip:127.0.0.1",
            "-ext",
            "BC:c=ca:true",
            "-keystore",
            store.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            "changeit",
            "-keypass",
            "changeit"));
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(store)) {
        ks.load(in, "changeit".toCharArray());
      }
      Certificate cert = ks.getCertificate("serving");
      String crt = Loopback.pem("CERTIFICATE", cert.getEncoded());
      Files.writeString(dir.resolve("tls.crt"), crt);
      Files.writeString(
          dir.resolve("tls.key"),
          Loopback.pem("PRIVATE KEY", ks.getKey("serving", "changeit".toCharArray()).getEncoded()));
      return Base64.getEncoder().encodeToString(crt.getBytes(StandardCharsets.US_ASCII));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the serving certificate keytool made", e);
    }
  }

  private static void run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(command.get(0) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void awaitReady(int healthPort) {
    HttpClient http = HttpClient.newHttpClient();
    awaitUntil(
        Duration.ofSeconds(60),
        "Kueue's manager /readyz",
        () -> {
          try {
            return http.send(
                        HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + healthPort + "/readyz"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode()
                == 200;
          } catch (IOException e) {
            return false;
          }
        });
  }

  private interface Check {
    boolean holds() throws InterruptedException;
  }

  private static void awaitUntil(Duration timeout, String what, Check check) {
    Instant deadline = Instant.now().plus(timeout);
    try {
      while (Instant.now().isBefore(deadline)) {
        if (check.holds()) {
          return;
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException(
        "timed out after " + timeout.toSeconds() + " s waiting for " + what);
  }
}
