package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.api.GenAIProjectApprovalSpec;
import dev.platform.genai.model.Names;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Data residency run by the operator (CRUD mock API server): under policies/residency.yaml a
 * Confidential project is pinned (its self-hosted endpoint's Deployment, its namespace's annotation
 * the admission policy reads), status shows where each endpoint is and ResidencyCompliant; a
 * managed endpoint on global is refused, in the words validate and render use (ResidencyTest), and
 * the rest of the project still runs.
 */
class ResidencyOperatorTest {
  @Test
  void aConfidentialProjectIsPinnedAndAGlobalEndpointRefused() throws Exception {
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-25T10:00:00Z"));
    // with the fake of Google: IAM, and Cloud Storage's buckets.get
    try (OperatorHarness h = new OperatorHarness(null, clock)) {
      h.google.bucket("acme-legal-models", "EUROPE-WEST4", "region");
      for (String node :
          List.of("gke-eu-pool-1", "gke-eu-pool-2")) { // a GKE cluster in europe-west4
        h.client
            .nodes()
            .resource(
                new io.fabric8.kubernetes.api.model.NodeBuilder()
                    .withNewMetadata()
                    .withName(node)
                    .withLabels(java.util.Map.of("topology.kubernetes.io/region", "europe-west4"))
                    .endMetadata()
                    .build())
            .create();
      }
      h.client
          .resource(
              h.client
                  .getKubernetesSerialization()
                  .unmarshal(
                      Files.readString(
                          TestFiles.repoRoot()
                              .resolve("operator/src/test/resources/policies/residency.yaml")),
                      GenAIPlatformPolicy.class))
          .create();
      h.client.resource(Samples.project("contract-assistant.yaml")).create();
      GenAIProject pending =
          h.awaitProject(
              "contract-assistant",
              p ->
                  p.getStatus() != null
                      && p.getStatus().approval != null
                      && p.getStatus().approval.requiredDigest != null);
      GenAIProjectApproval a = new GenAIProjectApproval();
      a.getMetadata().setName("residency-approval");
      a.setSpec(new GenAIProjectApprovalSpec());
      a.getSpec().project = "contract-assistant";
      a.getSpec().digest = pending.getStatus().approval.requiredDigest;
      a.getSpec().approvedBy = "dpo@example.com";
      a.getSpec().reference = "DPIA-2026-077";
      h.client.resource(a).create();
      try {
        await().atMost(Duration.ofSeconds(20)).until(() -> deployment(h) != null);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(
            "no Deployment; status: "
                + h.client
                    .getKubernetesSerialization()
                    .asYaml(
                        h.client
                            .resources(GenAIProject.class)
                            .withName("contract-assistant")
                            .get()
                            .getStatus()),
            e);
      }
      var affinity =
          deployment(h)
              .getSpec()
              .getTemplate()
              .getSpec()
              .getAffinity()
              .getNodeAffinity()
              .getRequiredDuringSchedulingIgnoredDuringExecution();
      assertThat(affinity.getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getValues())
          .containsExactly("europe-west4", "europe-west1");
      assertThat(
              h.client
                  .namespaces()
                  .withName("genai-contract-assistant")
                  .get()
                  .getMetadata()
                  .getAnnotations())
          .containsEntry(Names.RESIDENCY_REGIONS, "europe-west4,europe-west1");
      GenAIProject ok =
          h.awaitProject(
              "contract-assistant",
              p ->
                  p.getStatus() != null
                      && OperatorHarness.condition(p, "ResidencyCompliant").isPresent());
      assertThat(ModelEndpointsTest.condition(ok, "ResidencyCompliant"))
          .startsWith(
              "True Pinned: Data kept in"
                  + " europe-west4, europe-west1 (GenAIPlatformPolicy default spec.residency.confidential.regions)");
      assertThat(ok.getStatus().residency.endpoints)
          .extracting(e -> e.name + " " + e.location + " " + e.compliant)
          .containsExactly(
              "llama-8b pinned to europe-west4,europe-west1 true",
              "gemini-flash europe-west4 true");
      assertThat(ok.getStatus().residency.buckets)
          .extracting(b -> b.bucket + " " + b.location + " " + b.compliant)
          .containsExactly("acme-legal-models europe-west4 true");
      assertThat(ok.getStatus().residency.nodesByRegion)
          .containsExactly(java.util.Map.entry("europe-west4", 2));

      // a pod that ran before residency applied (the mock server has no admission): reported, not
      // judged fine
      h.client
          .pods()
          .inNamespace("genai-contract-assistant")
          .resource(
              new io.fabric8.kubernetes.api.model.PodBuilder()
                  .withNewMetadata()
                  .withName("legacy-notebook")
                  .endMetadata()
                  .withNewSpec()
                  .addNewContainer()
                  .withName("nb")
                  .withImage("registry.example/notebook:1")
                  .endContainer()
                  .endSpec()
                  .build())
          .create();
      clock.advance(Duration.ofMinutes(11)); // past the ten minutes a listing stands
      h.editProject(
          "contract-assistant",
          changed -> {
            changed.getSpec().displayName =
                "Contract review assistant (EU)"; // a spec change makes it reconcile
          });
      GenAIProject legacy =
          h.awaitProject(
              "contract-assistant",
              p ->
                  OperatorHarness.condition(p, "ResidencyCompliant")
                      .filter(c -> "UnpinnedPods".equals(c.reason))
                      .isPresent());
      assertThat(legacy.getStatus().residency.unpinnedPods).containsExactly("legacy-notebook");
      h.client.pods().inNamespace("genai-contract-assistant").withName("legacy-notebook").delete();

      h.editProject(
          "contract-assistant",
          changed -> changed.getSpec().models.get(1).managed.region = "global");
      GenAIProject refused =
          h.awaitProject(
              "contract-assistant",
              p ->
                  OperatorHarness.condition(p, "ResidencyCompliant")
                      .filter(c -> "OutsideAllowedRegions".equals(c.reason))
                      .isPresent());
      assertThat(ModelEndpointsTest.condition(refused, "ResidencyCompliant"))
          .contains("spec.models[1].managed" + ".region: global gives no residency guarantee");
      assertThat(ModelEndpointsTest.condition(refused, "EndpointsReady"))
          .startsWith("False ModelNotAllowed")
          .contains("global gives no residency guarantee");
      assertThat(refused.getStatus().residency.outOfBounds)
          .singleElement()
          .asString()
          .contains("Use one of: europe-west4, europe-west1.");
    }
  }

  static io.fabric8.kubernetes.api.model.apps.Deployment deployment(OperatorHarness h) {
    return h.client
        .apps()
        .deployments()
        .inNamespace("genai-contract-assistant")
        .withName("model-llama-8b")
        .get();
  }
}
