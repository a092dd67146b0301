package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIPlatformPolicySpec;
import dev.platform.genai.api.ImageRule;
import dev.platform.genai.api.ImagesPolicy;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The images a classification's pods may run (policy spec.images, the chart's admission policy
 * {@code genai-operator-images}), judged by the real API server as a member of the Confidential
 * sample: a pod, a Deployment's and a CronJob's template, an init container and an ephemeral
 * container from another registry are refused, naming the image and the policy field; an image from
 * the allowed registry is admitted; an image changed on a running pod is judged, a label change to
 * it is not; with requireDigest a tag is refused and a digest admitted; a Public project (no entry)
 * runs any image.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImagesOnRealServerTest {
  static final String CONFIDENTIAL = "genai-claims-summarizer";
  static final String PUBLIC = "genai-support-copilot";
  static final String ALLOWED = "registry.example/approved/";
  static final String DIGEST = "@sha256:" + "a".repeat(64);
  static OperatorHarness h;
  static KubernetesClient member;

  @BeforeAll
  static void start() {
    h = OperatorHarness.onRealCluster(Map.of(), null);
    GenAIPlatformPolicy policy = new GenAIPlatformPolicy();
    policy.getMetadata().setName(GenAIPlatformPolicy.DEFAULT_NAME);
    policy.setSpec(new GenAIPlatformPolicySpec());
    policy.getSpec().images = new ImagesPolicy();
    policy.getSpec().images.confidentialData = new ImageRule();
    policy.getSpec().images.confidentialData.registries = List.of(ALLOWED);
    h.client.resource(policy).serverSideApply();
    h.apply("confidential-pilot.yaml");
    h.apply("public-pilot.yaml");
    h.awaitPhase("claims-summarizer", "Ready");
    h.awaitPhase("support-copilot", "Ready");
    member = h.real.as("dev@example.com", "claims-ai-devs");
    // the policy and the namespace reach the API server's admission caches a moment later
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> {
              try {
                member
                    .resource(pod(CONFIDENTIAL, "probe", "elsewhere.example/app:1"))
                    .dryRun()
                    .create();
                return false;
              } catch (KubernetesClientException e) {
                return e.getCode() == 403;
              }
            });
  }

  @AfterAll
  static void stop() {
    if (member != null) {
      member.close();
    }
    if (h != null) {
      h.close();
    }
  }

  @Test
  @Order(1)
  void anImageFromAnotherRegistryIsRefusedWhereverItHides() {
    String says = "is not from a registry Confidential workloads may pull from: " + ALLOWED;
    String field = "GenAIPlatformPolicy default spec.images.confidential.registries";
    refused(
        () -> member.resource(pod(CONFIDENTIAL, "a", "docker.io/library/nginx:1")).create(),
        "image docker.io/library/nginx:1 " + says,
        field);
    // a look-alike host does not match the prefix ending in /
    refused(
        () ->
            member
                .resource(pod(CONFIDENTIAL, "b", "registry.example/approved.evil/app:1"))
                .create(),
        says);
    Pod init = pod(CONFIDENTIAL, "c", ALLOWED + "app:1");
    init.getSpec().setInitContainers(List.of(container("init", "elsewhere.example/setup:1")));
    refused(() -> member.resource(init).create(), "image elsewhere.example/setup:1 " + says);
    refused(
        () ->
            member
                .resource(
                    new DeploymentBuilder()
                        .withNewMetadata()
                        .withName("d")
                        .withNamespace(CONFIDENTIAL)
                        .endMetadata()
                        .withNewSpec()
                        .withNewSelector()
                        .addToMatchLabels("app", "d")
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", "d")
                        .endMetadata()
                        .withSpec(spec("elsewhere.example/app:1"))
                        .endTemplate()
                        .endSpec()
                        .build())
                .create(),
        says);
    refused(
        () ->
            member
                .resource(
                    new CronJobBuilder()
                        .withNewMetadata()
                        .withName("e")
                        .withNamespace(CONFIDENTIAL)
                        .endMetadata()
                        .withNewSpec()
                        .withSchedule("0 * * * *")
                        .withNewJobTemplate()
                        .withNewSpec()
                        .withNewTemplate()
                        .withSpec(withRestartNever(spec("elsewhere.example/app:1")))
                        .endTemplate()
                        .endSpec()
                        .endJobTemplate()
                        .endSpec()
                        .build())
                .create(),
        says);
  }

  @Test
  @Order(2)
  void anAllowedImageRunsAndAChangeOfImageIsJudgedAgain() {
    member.resource(pod(CONFIDENTIAL, "ok", ALLOWED + "app:1")).create();
    // the stand-in kubelet reports the pod running meanwhile: wait, or the edit conflicts (409)
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "Running"
                    .equals(
                        h.client
                            .pods()
                            .inNamespace(CONFIDENTIAL)
                            .withName("ok")
                            .get()
                            .getStatus()
                            .getPhase()));
    refused(
        () ->
            member
                .pods()
                .inNamespace(CONFIDENTIAL)
                .withName("ok")
                .edit(
                    p -> {
                      p.getSpec().getContainers().get(0).setImage("elsewhere.example/app:2");
                      return p;
                    }),
        "image elsewhere.example/app:2 is not from a registry");
    // kubectl debug: an ephemeral container is an update of the pod's ephemeralcontainers, which no
    // built-in role grants; a platform that lets its members debug grants it like this
    h.client
        .resource(
            new io.fabric8.kubernetes.api.model.rbac.RoleBuilder()
                .withNewMetadata()
                .withName("debugger")
                .withNamespace(CONFIDENTIAL)
                .endMetadata()
                .addNewRule()
                .withApiGroups("")
                .withResources("pods/ephemeralcontainers")
                .withVerbs("get", "patch", "update")
                .endRule()
                .build())
        .create();
    h.client
        .resource(
            new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
                .withNewMetadata()
                .withName("debugger")
                .withNamespace(CONFIDENTIAL)
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role")
                .withName("debugger")
                .endRoleRef()
                .addNewSubject()
                .withKind("Group")
                .withName("claims-ai-devs")
                .withApiGroup("rbac.authorization.k8s.io")
                .endSubject()
                .build())
        .create();
    refused(
        () ->
            member
                .pods()
                .inNamespace(CONFIDENTIAL)
                .withName("ok")
                .ephemeralContainers()
                .edit(
                    p -> {
                      Container c = container("debug", "docker.io/library/busybox:1");
                      p.getSpec()
                          .setEphemeralContainers(
                              List.of(
                                  new EphemeralContainerBuilder()
                                      .withName(c.getName())
                                      .withImage(c.getImage())
                                      .withSecurityContext(c.getSecurityContext())
                                      .build()));
                      return p;
                    }),
        "image docker.io/library/busybox:1 is not from a registry");
  }

  @Test
  @Order(3)
  void withDigestsRequiredATagIsRefusedAndWhatRanBeforeIsNotReJudged() {
    h.editPolicy(p -> p.getSpec().images.confidentialData.requireDigest = true);
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> {
              try {
                member.resource(pod(CONFIDENTIAL, "probe", ALLOWED + "app:1")).dryRun().create();
                return false;
              } catch (KubernetesClientException e) {
                return e.getCode() == 403;
              }
            });
    refused(
        () -> member.resource(pod(CONFIDENTIAL, "tagged", ALLOWED + "app:1")).create(),
        "image " + ALLOWED + "app:1 is not pinned by digest",
        "spec.images.confidential.requireDigest");
    member.resource(pod(CONFIDENTIAL, "pinned", ALLOWED + "app" + DIGEST)).create();
    // the pod made before the rule, with a tag: a label change is not a change of image
    member
        .pods()
        .inNamespace(CONFIDENTIAL)
        .withName("ok")
        .edit(
            p -> {
              p.getMetadata().getLabels().put("touched", "yes");
              return p;
            });
    assertThat(
            h.client
                .pods()
                .inNamespace(CONFIDENTIAL)
                .withName("ok")
                .get()
                .getMetadata()
                .getLabels())
        .containsEntry("touched", "yes");
  }

  @Test
  @Order(4)
  void aClassificationWithoutAnEntryRunsAnyImage() {
    try (KubernetesClient publicMember = h.real.as("dev2@example.com", "support-ai-devs")) {
      Pod any = pod(PUBLIC, "any", "docker.io/library/nginx:1");
      publicMember.resource(any).create();
      publicMember.resource(any).delete();
    }
  }

  private static void refused(Runnable call, String... says) {
    RealClusterFixtures.refusedBy("genai-operator-images'", call, says);
  }

  /** A container Pod Security restricted admits. */
  static Container container(String name, String image) {
    return new ContainerBuilder()
        .withName(name)
        .withImage(image)
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withRunAsNonRoot(true)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .build();
  }

  static PodSpec spec(String image) {
    return new PodSpecBuilder()
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(1000L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withContainers(container("app", image))
        .build();
  }

  static PodSpec withRestartNever(PodSpec spec) {
    spec.setRestartPolicy("Never");
    return spec;
  }

  static Pod pod(String ns, String name, String image) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .withLabels(Map.of("app", name))
        .endMetadata()
        .withSpec(spec(image))
        .build();
  }
}
