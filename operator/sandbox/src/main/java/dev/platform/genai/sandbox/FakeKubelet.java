package dev.platform.genai.sandbox;

import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox has no nodes: this marks the operator's Deployments available, as a kubelet and the
 * Deployment controller would once the pods passed their readiness probes. Only for {@code local};
 * tests set Deployment status themselves so that they can assert the not-yet-ready state.
 */
public final class FakeKubelet implements AutoCloseable {
  private final KubernetesClient client;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "fake-kubelet");
            t.setDaemon(true);
            return t;
          });

  public FakeKubelet(KubernetesClient client) {
    this.client = client;
    timer.scheduleWithFixedDelay(this::tick, 200, 200, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      for (Deployment d :
          client
              .apps()
              .deployments()
              .inAnyNamespace()
              .withLabel(Names.MANAGED_BY, Names.OPERATOR)
              .list()
              .getItems()) {
        int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        DeploymentStatus s = d.getStatus();
        if (s != null
            && Integer.valueOf(want).equals(s.getReadyReplicas())
            && Integer.valueOf(want).equals(s.getReplicas())) {
          continue;
        }
        d.setStatus(
            new DeploymentStatusBuilder()
                .withReplicas(want)
                .withReadyReplicas(want)
                .withAvailableReplicas(want)
                .withUpdatedReplicas(want)
                .withObservedGeneration(d.getMetadata().getGeneration())
                .build());
        client.resource(d).updateStatus();
      }
    } catch (KubernetesClientException e) {
      // the next tick tries again
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
