package dev.platform.genai.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.ProjectResidency;
import dev.platform.genai.cli.CliRun;
import dev.platform.genai.model.Names;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import dev.platform.genai.vocabulary.Reason;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data residency by classification (policies/residency.yaml: Confidential data in europe-west4 or
 * europe-west1, Restricted in europe-west4; Vertex AI's guarantees per model): a managed endpoint
 * outside the allowed locations, on global, or where the provider guarantees nothing for its model
 * is refused, naming the locations that would do; self-hosted endpoints and the namespace are
 * pinned; a project may narrow its regions, not widen them.
 */
class ResidencyTest {
  static final Path POLICY =
      TestFiles.repoRoot().resolve("operator/src/test/resources/policies/residency.yaml");
  static final Instant NOW = Instant.parse("2026-11-15T00:00:00Z");

  @TempDir Path dir;

  static PlatformPolicy policy() {
    return Samples.policy(POLICY);
  }

  static GenAIProject withRegion(String region) {
    GenAIProject p =
        Samples.project("contract-assistant.yaml"); // Confidential: llama-8b and gemini-flash
    p.getSpec().models.get(1).managed.region = region;
    return p;
  }

  static Plan plan(GenAIProject p) {
    return Planner.preview(p, policy(), InstalledApis.NONE, true, NOW);
  }

  @Test
  void aCompliantProjectIsPinnedToItsRegions() {
    Plan plan = plan(withRegion("europe-west4"));
    assertThat(plan.model().endpoints().notAllowed()).isEmpty();
    Deployment llama = (Deployment) plan.object(Deployment.class, "model-llama-8b").orElseThrow();
    var term =
        llama
            .getSpec()
            .getTemplate()
            .getSpec()
            .getAffinity()
            .getNodeAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .getNodeSelectorTerms();
    assertThat(term)
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.getMatchExpressions())
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.getKey()).isEqualTo("topology.kubernetes.io/region");
                          assertThat(e.getOperator()).isEqualTo("In");
                          assertThat(e.getValues()).containsExactly("europe-west4", "europe-west1");
                        }));
    Namespace ns =
        (Namespace) plan.object(Namespace.class, "genai-contract-assistant").orElseThrow();
    assertThat(ns.getMetadata().getAnnotations())
        .containsEntry(Names.RESIDENCY_REGIONS, "europe-west4,europe-west1");
  }

  @Test
  void aManagedEndpointOutsideTheAllowedLocationsIsRefusedNamingThem() {
    assertThat(plan(withRegion("global")).model().endpoints().notAllowed())
        .containsExactly(
            "spec.models[1].managed"
                + ".region: global gives no residency guarantee (the provider may process the request in any region);"
                + " Confidential data may be processed only in europe-west4, europe-west1 (GenAIPlatformPolicy default"
                + " spec.residency.confidential.regions). Use one of: europe-west4, europe-west1.");
    assertThat(plan(withRegion("us-central1")).model().endpoints().notAllowed())
        .containsExactly(
            "spec.models[1]"
                + ".managed.region: us-central1 is outside the allowed locations: Confidential data may be processed only in"
                + " europe-west4, europe-west1 (GenAIPlatformPolicy default spec.residency.confidential.regions). Use one of:"
                + " europe-west4, europe-west1.");
    GenAIProject lite = withRegion("europe-west1");
    lite.getSpec().models.get(1).managed.model = "gemini-2.5-flash-lite";
    assertThat(plan(lite).model().endpoints().notAllowed())
        .singleElement()
        .asString()
        .startsWith(
            "spec.models[1].managed.region: VertexAI does not guarantee that gemini-2.5-flash-lite is"
                + " processed in europe-west1 (GenAIPlatformPolicy default spec.models.providers.VertexAI"
                + ".residencyLocations: none for it);")
        .endsWith(
            "No location is both allowed and guaranteed for VertexAI/gemini-2.5-flash-lite: list the"
                + " provider's guarantees in GenAIPlatformPolicy default spec.models.providers.VertexAI"
                + ".residencyLocations, or use a self-hosted model.");
    // a classification without residency: anywhere the catalog allows, as before
    GenAIProject internal = withRegion("global");
    internal.getSpec().dataClassification = "Internal";
    assertThat(plan(internal).model().endpoints().notAllowed()).isEmpty();
  }

  @Test
  void aProjectMayNarrowItsRegionsNotWidenThem() throws IOException {
    GenAIProject narrow = withRegion("europe-west1");
    narrow.getSpec().residency = new ProjectResidency();
    narrow.getSpec().residency.regions = List.of("europe-west1");
    Plan plan = plan(narrow);
    assertThat(plan.model().residency().regions()).containsExactly("europe-west1");
    assertThat(plan.model().endpoints().notAllowed()).isEmpty();
    assertThat(plan(withRegionAnd("europe-west4", "europe-west1")).model().endpoints().notAllowed())
        .singleElement()
        .asString()
        .contains(
            "europe-west4 is outside the allowed locations: Confidential data may"
                + " be processed only in europe-west1 (spec.residency.regions)");

    Path file = dir.resolve("wide.yaml");
    Files.writeString(
        file,
        Files.readString(TestFiles.samples().resolve("contract-assistant.yaml"))
            .replace(
                "  gcp:\n", "  residency:\n    regions: [europe-west1, us-central1]\n  gcp:\n"));
    CliRun r = CliRun.of("validate", "--policy", POLICY.toString(), file.toString());
    assertThat(r.exit()).as(r.out()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "spec.residency.regions[1]: us-central1 is not a region Confidential data may be"
                + " processed in: europe-west4, europe-west1 (GenAIPlatformPolicy default spec.residency.confidential"
                + ".regions)");
  }

  static GenAIProject withRegionAnd(String region, String only) {
    GenAIProject p = withRegion(region);
    p.getSpec().residency = new ProjectResidency();
    p.getSpec().residency.regions = List.of(only);
    return p;
  }

  /** validate, render and the operator's plan refuse a global endpoint with one message. */
  @Test
  void validateAndRenderRefuseInTheOperatorsWords() throws IOException {
    Path file = dir.resolve("global.yaml");
    Files.writeString(
        file,
        Files.readString(TestFiles.samples().resolve("contract-assistant.yaml"))
            .replace("region: europe-west4", "region: global"));
    String expected = plan(withRegion("global")).model().endpoints().notAllowed().get(0);
    CliRun validate = CliRun.of("validate", "--policy", POLICY.toString(), file.toString());
    assertThat(validate.exit()).isEqualTo(1);
    assertThat(validate.out()).contains(": " + expected + "\n");
    CliRun render = CliRun.of("render", "--policy", POLICY.toString(), file.toString());
    assertThat(render.exit()).isEqualTo(1);
    assertThat(render.err()).contains(": ModelNotAllowed: " + expected + "\n");
    assertThat(render.out()).isEmpty();
  }

  @Test
  void theRegionsArePartOfTheApprovalDigest() {
    GenAIProject narrowed = withRegion("europe-west4");
    narrowed.getSpec().residency = new ProjectResidency();
    narrowed.getSpec().residency.regions = List.of("europe-west4");
    assertThat(plan(narrowed).model().endpoints().digest())
        .isNotEqualTo(plan(withRegion("europe-west4")).model().endpoints().digest());
  }

  /**
   * The report of a plan observed with these bucket locations (null: not checked, Google Cloud
   * access off).
   */
  static ResidencyReport report(java.util.Map<String, Observed.BucketPlace> buckets) {
    return report(buckets, java.util.Map.of());
  }

  static ResidencyReport report(
      java.util.Map<String, Observed.BucketPlace> buckets, java.util.Map<String, Integer> nodes) {
    GenAIProject p = withRegion("europe-west4");
    var admission = Planner.admit(p, new Resolution(policy(), List.of()));
    Plan plan =
        Planner.plan(
            admission,
            Observed.at(NOW, InstalledApis.NONE).buckets(buckets).clusterRegions(nodes).build());
    return ResidencyReport.of(plan.model(), plan.observed());
  }

  static final java.util.Map<String, Observed.BucketPlace> IN_EU =
      java.util.Map.of(
          "acme-legal-models", new Observed.BucketPlace("europe-west4", "region", null));

  /**
   * The cluster's nodes by region label: pinned pods need one in an allowed region. A cluster all
   * in us-central1 is out of bounds; nodes without the label are unknown; a cluster spanning
   * regions with one allowed is fine; no nodes now (pools at zero) is not judged.
   */
  @Test
  void theClusterMustHaveNodesInAnAllowedRegion() {
    ResidencyReport us = report(IN_EU, java.util.Map.of("us-central1", 3));
    assertThat(us.part().reason()).hasToString("OutsideAllowedRegions");
    assertThat(us.status().outOfBounds)
        .containsExactly(
            "the cluster's nodes are in us-central1, none in"
                + " europe-west4, europe-west1 (GenAIPlatformPolicy default spec.residency.confidential.regions): the"
                + " project's pinned pods cannot run here; run it on a cluster in an allowed region");
    assertThat(us.status().nodesByRegion).containsEntry("us-central1", 3);
    assertThat(report(IN_EU, java.util.Map.of("", 2)).part().reason())
        .hasToString("LocationUnknown");
    ResidencyReport spanning = report(IN_EU, java.util.Map.of("europe-west4", 3, "us-central1", 1));
    assertThat(spanning.part().reason()).hasToString("Pinned");
    assertThat(spanning.status().nodesByRegion)
        .containsEntry("europe-west4", 3)
        .containsEntry("us-central1", 1);
    assertThat(report(IN_EU, java.util.Map.of()).part().reason()).hasToString("Pinned");
    assertThat(report(IN_EU, null).part().message())
        .contains("the cluster's nodes could not be listed");
  }

  /**
   * The weights' bucket (gs://acme-legal-models): in an allowed region, compliant; in the EU
   * multi-region, which the policy does not list, out of bounds; unreadable or not checked, never
   * assumed fine.
   */
  @Test
  void theWeightsBucketIsReportedWhereItIs() {
    ResidencyReport ok =
        report(
            java.util.Map.of(
                "acme-legal-models", new Observed.BucketPlace("europe-west4", "region", null)));
    assertThat(ok.part().reason()).hasToString("Pinned");
    assertThat(ok.part().message())
        .contains("the weights' buckets in acme-legal-models (europe-west4)");
    assertThat(ok.status().buckets)
        .singleElement()
        .satisfies(b -> assertThat(b.compliant).isTrue());

    ResidencyReport eu =
        report(
            java.util.Map.of(
                "acme-legal-models", new Observed.BucketPlace("eu", "multi-region", null)));
    assertThat(eu.part().reason()).hasToString("OutsideAllowedRegions");
    assertThat(eu.status().outOfBounds)
        .containsExactly(
            "spec.models[0].selfHosted.storageUri: the weights' bucket"
                + " acme-legal-models is in eu (multi-region), outside europe-west4, europe-west1 (GenAIPlatformPolicy"
                + " default spec.residency.confidential.regions): copy the weights to a bucket in an allowed location (a"
                + " dual- or multi-region counts only if the policy lists it)");

    ResidencyReport refused =
        report(
            java.util.Map.of(
                "acme-legal-models",
                new Observed.BucketPlace(
                    null,
                    null,
                    "403 Permission 'storage.buckets.get' denied (the operator's identity needs storage.buckets.get on it)")));
    assertThat(refused.part().reason()).hasToString("LocationUnknown");
    assertThat(refused.part().message())
        .contains("where bucket acme-legal-models is cannot be read: 403");

    ResidencyReport reading =
        report(java.util.Map.of("acme-legal-models", Observed.BucketPlace.beingRead()));
    assertThat(reading.part().reason())
        .as("being read off the reconcile: a wait, not a person's to fix")
        .isEqualTo(Reason.Pending);
    assertThat(reading.part().reason().kind()).isEqualTo(Reason.Kind.WAITING);
    assertThat(reading.part().message())
        .isEqualTo(
            "Reading where bucket acme-legal-models is from Cloud Storage;"
                + " not taken as compliant until it answers.");

    ResidencyReport unchecked = report(null);
    assertThat(unchecked.part().reason()).hasToString("LocationUnknown");
    assertThat(unchecked.status().buckets)
        .singleElement()
        .satisfies(
            b ->
                assertThat(b.message)
                    .startsWith(
                        "not checked: the operator reads a bucket's location with Google Cloud access"));
  }

  /**
   * A GPU type whose nodes the policy puts in another region: the project's GPU pods could not be
   * pinned there.
   */
  @Test
  void aGpuTypeWhoseNodesAreElsewhereIsOutOfBounds() throws IOException {
    Path file = dir.resolve("gpus-elsewhere.yaml");
    Files.writeString(
        file,
        Files.readString(POLICY)
            .replace(
                "  residency:\n",
                "  gpus:\n    nvidia-l4:\n"
                    + "      nodeLabels: {cloud.google.com/gke-accelerator: nvidia-l4, topology.kubernetes.io/region: us-central1}\n"
                    + "  residency:\n"));
    PlatformPolicy elsewhere = Samples.policy(file);
    Plan plan =
        Planner.preview(withRegion("europe-west4"), elsewhere, InstalledApis.NONE, true, NOW);
    ResidencyReport report = ResidencyReport.of(plan.model(), plan.observed());
    assertThat(report.part().reason()).hasToString("OutsideAllowedRegions");
    assertThat(report.status().outOfBounds)
        .contains(
            "GPU type nvidia-l4 selects nodes in us-central1"
                + " (spec.gpus.nvidia-l4.nodeLabels of the policy; Kueue's flavor nvidia-l4), outside europe-west4, europe-west1"
                + " (GenAIPlatformPolicy default spec.residency.confidential.regions): its GPU pods cannot be pinned there;"
                + " use a GPU type whose nodes are in an allowed region");
  }

  /**
   * The approval covers the regions the policy keeps the data in: they join the digest (a policy
   * changing them asks for a new approval), status.approval shows them, and `digest --policy`
   * prints what the operator requires.
   */
  @Test
  void theApprovalCoversThePolicysRegions() {
    GenAIProject p = withRegion("europe-west4");
    Plan residency = plan(p);
    Plan none = Planner.preview(p, Samples.policy(), InstalledApis.NONE, true, NOW);
    assertThat(residency.model().endpoints().digest())
        .isNotEqualTo(none.model().endpoints().digest());
    assertThat(none.model().endpoints().digest())
        .as("no residency: the digest approvals already carry")
        .isEqualTo("sha256:f5b8cd60a47bba781bf3f7af5db0bb0ff6e15ac20ce2aa12a3b4742d52b43434");
    assertThat(residency.gate().approval().regions).containsExactly("europe-west4", "europe-west1");
    CliRun digest =
        CliRun.of(
            "digest",
            "--policy",
            POLICY.toString(),
            TestFiles.samples().resolve("contract-assistant.yaml").toString());
    assertThat(digest.out())
        .isEqualTo("contract-assistant " + residency.model().endpoints().digest() + "\n");
  }
}
