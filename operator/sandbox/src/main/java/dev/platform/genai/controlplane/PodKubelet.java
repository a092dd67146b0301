package dev.platform.genai.controlplane;

import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The real control plane has no kubelet: this plays it for the pods in the operator's namespaces,
 * as an admin. A pod the API server admitted (Pod Security, quota and limit ranges judged it for
 * real, and a ReplicaSet controller created it) is reported Running with every container ready, as
 * a kubelet would once readiness probes pass; the ReplicaSet and Deployment controllers then count
 * it available. Nothing is run.
 */
public final class PodKubelet implements AutoCloseable {
  private final KubernetesClient admin;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "pod-kubelet");
            t.setDaemon(true);
            return t;
          });

  public PodKubelet(KubernetesClient admin) {
    this.admin = admin;
    timer.scheduleWithFixedDelay(this::tick, 200, 200, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      for (Namespace ns :
          admin.namespaces().withLabel(Names.MANAGED_BY, Names.OPERATOR).list().getItems()) {
        for (Pod pod : admin.pods().inNamespace(ns.getMetadata().getName()).list().getItems()) {
          if (pod.getMetadata().getDeletionTimestamp() == null && !ready(pod)) {
            pod.setStatus(running(pod, Instant.now(Clock.systemUTC()).toString()));
            admin.pods().inNamespace(ns.getMetadata().getName()).resource(pod).updateStatus();
          }
        }
      }
    } catch (KubernetesClientException e) {
      // a conflict or a namespace going away: the next tick looks again
    }
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && "Running".equals(pod.getStatus().getPhase())
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static PodStatus running(Pod pod, String now) {
    PodStatus s = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    s.setPhase("Running");
    s.setStartTime(now);
    s.setConditions(
        List.of(
            condition("PodScheduled", now),
            condition("Initialized", now),
            condition("ContainersReady", now),
            condition("Ready", now)));
    s.setContainerStatuses(
        pod.getSpec().getContainers().stream()
            .map(
                c ->
                    new ContainerStatusBuilder()
                        .withName(c.getName())
                        .withImage(c.getImage())
                        .withImageID("")
                        .withReady(true)
                        .withStarted(true)
                        .withRestartCount(0)
                        .withNewState()
                        .withNewRunning()
                        .withStartedAt(now)
                        .endRunning()
                        .endState()
                        .build())
            .toList());
    return s;
  }

  private static PodCondition condition(String type, String now) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withLastTransitionTime(now)
        .build();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
