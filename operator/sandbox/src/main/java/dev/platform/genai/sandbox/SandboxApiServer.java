package dev.platform.genai.sandbox;

import dev.platform.genai.api.TolerantReading;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's CRUD mock API server on a free loopback port, with request counting and fault
 * injection.
 */
public final class SandboxApiServer implements AutoCloseable {
  /** Kept strongly reachable: java.util.logging forgets levels set on loggers nobody references. */
  private static final List<Logger> QUIET =
      List.of(
          Logger.getLogger("io.fabric8.mockwebserver"),
          Logger.getLogger("io.fabric8.kubernetes.client.server.mock"),
          Logger.getLogger("okhttp3.mockwebserver"));

  static {
    QUIET.forEach(l -> l.setLevel(Level.OFF)); // the mock logs every request at INFO
  }

  private final KubernetesMockServer server;
  private final RecordingDispatcher dispatcher;

  private SandboxApiServer(KubernetesMockServer server, RecordingDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
  }

  /** Starts on a free loopback port. */
  public static SandboxApiServer start() {
    return start(0);
  }

  public static SandboxApiServer start(int port) {
    RecordingDispatcher dispatcher =
        new RecordingDispatcher(new KubernetesCrudDispatcher(List.of()));
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), port);
    return new SandboxApiServer(server, dispatcher);
  }

  /**
   * A client for this server (reading our resources tolerantly, as the operator does); close it
   * when done.
   */
  public KubernetesClient client() {
    return server.createClient(b -> b.withKubernetesSerialization(TolerantReading.serialization()));
  }

  public int port() {
    return server.getPort();
  }

  public String url() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
  }

  public RecordingDispatcher dispatcher() {
    return dispatcher;
  }

  /**
   * Installs CRDs from class-path YAML resources (the generated ones, e.g.
   * META-INF/fabric8/...-v1.yml).
   */
  public void installCrds(KubernetesClient client, List<String> resources) {
    KubernetesSerialization serialization = client.getKubernetesSerialization();
    for (String r : resources) {
      try (InputStream in = SandboxApiServer.class.getClassLoader().getResourceAsStream(r)) {
        if (in == null) {
          throw new IllegalStateException("no CRD resource " + r + " on the class path");
        }
        CustomResourceDefinition crd = serialization.unmarshal(in, CustomResourceDefinition.class);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Registers Kueue's CRDs (kueue/*.yaml, as published). {@code v1beta1Only}: as an older Kueue
   * that serves only kueue.x-k8s.io/v1beta1 (v1beta2 not served).
   */
  public void installKueue(KubernetesClient client, boolean v1beta1Only) {
    KubernetesSerialization serialization = client.getKubernetesSerialization();
    for (String r : FakeKueue.CRDS) {
      try (InputStream in = SandboxApiServer.class.getClassLoader().getResourceAsStream(r)) {
        CustomResourceDefinition crd = serialization.unmarshal(in, CustomResourceDefinition.class);
        if (v1beta1Only) {
          crd.getSpec().getVersions().removeIf(v -> !"v1beta1".equals(v.getName()));
          crd.getSpec().getVersions().get(0).setStorage(true);
        }
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() {
    server.destroy();
  }
}
