package dev.platform.genai.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's residency admission policy judged by the real API server (v1.33,
 * ValidatingAdmissionPolicy with the namespace's annotation as its parameter): in a project
 * namespace keeping its data in europe-west4 and europe-west1, an unpinned pod, Deployment or
 * CronJob is refused at once, naming the regions; one pinned by nodeSelector or by required node
 * affinity is admitted; affinity that also allows another region is refused; a project namespace
 * without residency is not concerned.
 */
class ResidencyAdmissionOnRealServerTest {
  static final String NS = "genai-residency-eu";
  static final String FREE = "genai-residency-none";
  static KubernetesClient admin;

  @BeforeAll
  static void namespaces() {
    admin = RealCluster.shared().admin();
    for (String ns : List.of(NS, FREE)) {
      var b =
          new NamespaceBuilder()
              .withNewMetadata()
              .withName(ns)
              .withLabels(Map.of(Names.MANAGED_BY, Names.OPERATOR))
              .endMetadata();
      if (ns.equals(NS)) {
        b.editMetadata()
            .withAnnotations(Map.of(Names.RESIDENCY_REGIONS, "europe-west4,europe-west1"))
            .endMetadata();
      }
      admin.resource(b.build()).serverSideApply();
    }
    // the admission policy reads the namespace from the API server's own informer cache, which lags
    // a write by a
    // moment: an unpinned pod is admitted until it has seen the annotation (found in CI: a
    // Deployment admitted)
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> {
              try {
                admin
                    .pods()
                    .inNamespace(NS)
                    .resource(
                        new PodBuilder()
                            .withNewMetadata()
                            .withName("probe")
                            .endMetadata()
                            .withSpec(spec(null, null))
                            .build())
                    .dryRun()
                    .create();
                return false;
              } catch (KubernetesClientException e) {
                return e.getCode() == 403;
              }
            });
  }

  static PodSpec spec(Map<String, String> nodeSelector, Affinity affinity) {
    return new PodSpecBuilder()
        .withNodeSelector(nodeSelector)
        .withAffinity(affinity)
        .addNewContainer()
        .withName("app")
        .withImage("registry.example/app:1")
        .endContainer()
        .build();
  }

  static Affinity regionsIn(String... regions) {
    return new AffinityBuilder()
        .withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm()
        .addNewMatchExpression()
        .withKey("topology.kubernetes.io/region")
        .withOperator("In")
        .withValues(regions)
        .endMatchExpression()
        .endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity()
        .build();
  }

  static void pod(String ns, String name, PodSpec spec) {
    admin
        .pods()
        .inNamespace(ns)
        .resource(
            new PodBuilder().withNewMetadata().withName(name).endMetadata().withSpec(spec).build())
        .create();
  }

  static void refused(Runnable create) {
    try {
      create.run();
    } catch (KubernetesClientException e) {
      System.out.println(
          "[residency] refused: " + e.getStatus().getMessage()); // docs/residency.md shows it
    }
    assertThatThrownBy(create::run)
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403))
        .hasMessageContaining(
            "this namespace keeps its data in europe-west4, europe-west1 (data residency): pin"
                + " the pods there");
  }

  @Test
  void podsArePinnedOrRefused() {
    refused(() -> pod(NS, "unpinned", spec(null, null)));
    refused(
        () ->
            pod(
                NS,
                "elsewhere",
                spec(Map.of("topology.kubernetes.io/region", "us-central1"), null)));
    refused(() -> pod(NS, "partly", spec(null, regionsIn("europe-west4", "us-central1"))));
    pod(NS, "by-selector", spec(Map.of("topology.kubernetes.io/region", "europe-west4"), null));
    pod(NS, "by-affinity", spec(null, regionsIn("europe-west1", "europe-west4")));
    assertThat(admin.pods().inNamespace(NS).list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .contains("by-selector", "by-affinity");
    pod(FREE, "anywhere", spec(null, null)); // no residency there
  }

  @Test
  void workloadsAreRefusedAtOnceNotTheirPodsLater() {
    refused(
        () ->
            admin
                .apps()
                .deployments()
                .inNamespace(NS)
                .resource(deployment("web", spec(null, null)))
                .create());
    admin
        .apps()
        .deployments()
        .inNamespace(NS)
        .resource(deployment("web", spec(null, regionsIn("europe-west4"))))
        .create();
    // an edit that unpins it: a merge patch, with no resourceVersion to conflict with the
    // deployment controller's
    // status updates (an edit of a read copy got 409 in CI)
    refused(
        () ->
            admin
                .apps()
                .deployments()
                .inNamespace(NS)
                .withName("web")
                .patch(
                    io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                        io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                    "{\"spec\":{\"template\":{\"spec\":{\"affinity\":null}}}}"));
    refused(
        () ->
            admin
                .batch()
                .v1()
                .cronjobs()
                .inNamespace(NS)
                .resource(
                    new CronJobBuilder()
                        .withNewMetadata()
                        .withName("nightly")
                        .endMetadata()
                        .withNewSpec()
                        .withSchedule("0 2 * * *")
                        .withNewJobTemplate()
                        .withNewSpec()
                        .withNewTemplate()
                        .withSpec(withRestart(spec(null, null)))
                        .endTemplate()
                        .endSpec()
                        .endJobTemplate()
                        .endSpec()
                        .build())
                .create());
  }

  static PodSpec withRestart(PodSpec s) {
    s.setRestartPolicy("OnFailure");
    return s;
  }

  static io.fabric8.kubernetes.api.model.apps.Deployment deployment(String name, PodSpec spec) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .withMatchLabels(Map.of("app", name))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app", name))
        .endMetadata()
        .withSpec(spec)
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * The project-side rule, with the cluster policy as the admission policy's parameter (paramKind
   * GenAIPlatformPolicy, default): a project may narrow its regions, not widen them. Dry-run
   * creates of the contract-assistant sample; the policy default is given residency for the test
   * and put back as it was.
   */
  @Test
  void aProjectMayNotWidenTheRegionsThePolicyAllows() throws Exception {
    var policies = admin.resources(dev.platform.genai.api.GenAIPlatformPolicy.class);
    var before = policies.withName("default").get();
    var policy =
        admin
            .getKubernetesSerialization()
            .unmarshal(
                java.nio.file.Files.readString(
                    dev.platform.genai.TestFiles.repoRoot()
                        .resolve("operator/src/test/resources/policies/residency.yaml")),
                dev.platform.genai.api.GenAIPlatformPolicy.class);
    if (before != null) {
      policy.getMetadata().setResourceVersion(before.getMetadata().getResourceVersion());
      policies.resource(policy).update();
    } else {
      policies.resource(policy).create();
    }
    try {
      String sample =
          java.nio.file.Files.readString(
              dev.platform.genai.TestFiles.samples().resolve("contract-assistant.yaml"));
      var wide =
          admin
              .getKubernetesSerialization()
              .unmarshal(
                  sample.replace(
                      "  gcp:\n",
                      "  residency:\n    regions: [europe-west1, us-central1]\n  gcp:\n"),
                  dev.platform.genai.api.GenAIProject.class);
      var narrow =
          admin
              .getKubernetesSerialization()
              .unmarshal(
                  sample.replace("  gcp:\n", "  residency:\n    regions: [europe-west1]\n  gcp:\n"),
                  dev.platform.genai.api.GenAIProject.class);
      var projects = admin.resources(dev.platform.genai.api.GenAIProject.class);
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> projects.resource(wide).dryRun().create())
                      .isInstanceOf(KubernetesClientException.class)
                      .hasMessageContaining(
                          "spec.residency.regions: us-central1 is not a region Confidential data may be"
                              + " processed in: europe-west4, europe-west1 (GenAIPlatformPolicy default"
                              + " spec.residency.confidential.regions)"));
      System.out.println(
          "[residency] refused: "
              + org.assertj.core.api.Assertions.catchThrowableOfType(
                      KubernetesClientException.class,
                      () -> projects.resource(wide).dryRun().create())
                  .getStatus()
                  .getMessage());
      assertThat(projects.resource(narrow).dryRun().create().getSpec().residency.regions)
          .containsExactly("europe-west1");
    } finally {
      if (before != null) {
        before
            .getMetadata()
            .setResourceVersion(
                policies.withName("default").get().getMetadata().getResourceVersion());
        before.getMetadata().setManagedFields(null);
        policies.resource(before).update();
      } else {
        policies.withName("default").delete();
      }
    }
  }
}
