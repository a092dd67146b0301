package dev.platform.genai.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.external.ClusterQueue;
import dev.platform.genai.api.external.ClusterQueueV1beta1;
import dev.platform.genai.api.external.LocalQueue;
import dev.platform.genai.model.GpuQueue;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.plan.kueue.QueueReport;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import dev.platform.genai.vocabulary.Reason;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimTemplate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a project gets where Kueue is installed, and how GPU types from policy name its GPUs. */
class GpuAdmissionPlanTest {
  static final Instant NOW = Instant.parse("2026-11-15T00:00:00Z");
  static final InstalledApis KUEUE = InstalledApis.of(List.of("kueue"));

  static PlatformPolicy gpuPolicy() {
    return Samples.policy(
        TestFiles.repoRoot().resolve("operator/src/test/resources/kueue/gpu-policy.yaml"));
  }

  static GenAIProject contract(String gpuType, int gpus) {
    GenAIProject p = Samples.project("contract-assistant.yaml");
    p.getSpec().resources.gpuType = gpuType;
    p.getSpec().resources.gpus = gpus;
    return p;
  }

  static JsonNode gpuQuota(Plan plan, String resource) {
    for (JsonNode g :
        plan.object(ClusterQueue.class, plan.queue().name())
            .orElseThrow()
            .getSpec()
            .path("resourceGroups")) {
      for (JsonNode r : g.path("flavors").get(0).path("resources")) {
        if (resource.equals(r.path("name").asText())) {
          return r;
        }
      }
    }
    throw new AssertionError("no " + resource + " in the ClusterQueue");
  }

  @Test
  void aPilotBorrowsUpToTheStageCapAndNoMoreThanItsBudgetAffords() {
    // support-copilot: 1 GPU asked, Pilot cap 4 (samples policy), 3000 EUR a month
    Plan plan =
        Planner.preview(Samples.project("public-pilot.yaml"), Samples.policy(), KUEUE, true, NOW);
    JsonNode spec =
        plan.object(ClusterQueue.class, "genai-support-copilot").orElseThrow().getSpec();
    assertThat(spec.path("cohortName").asText()).isEqualTo("genai-pilot");
    assertThat(spec.path("namespaceSelector").toString())
        .isEqualTo("{\"matchLabels\":{\"kubernetes.io/metadata.name\":\"genai-support-copilot\"}}");
    assertThat(spec.path("preemption").path("reclaimWithinCohort").asText()).isEqualTo("Never");
    assertThat(spec.path("stopPolicy").asText()).isEqualTo("None");
    int nominal =
        plan.model().budget() == null
            ? -1
            : gpuQuota(plan, "nvidia.com/gpu").path("nominalQuota").asInt();
    int borrow = gpuQuota(plan, "nvidia.com/gpu").path("borrowingLimit").asInt();
    int cap = Samples.policy().cap(plan.model().stage()).gpus();
    assertThat(nominal + borrow)
        .isLessThanOrEqualTo(cap)
        .isLessThanOrEqualTo(Math.max(nominal, plan.model().budget().affordableGpus()));
    // the ResourceQuota backstop holds the same ceiling, and the budget is not put at risk by
    // borrowing
    ResourceQuota quota = plan.objects(ResourceQuota.class).get(0);
    assertThat(quota.getSpec().getHard().get("requests.nvidia.com/gpu"))
        .isEqualTo(new Quantity(String.valueOf(nominal + borrow)));
    BigDecimal ceilingCost =
        plan.model().budget().gpuMonthlyCost().multiply(BigDecimal.valueOf(nominal + borrow));
    assertThat(ceilingCost).isLessThanOrEqualTo(plan.model().budget().monthlyLimit());
    // CPU and memory are not borrowed
    assertThat(gpuQuota(plan, "cpu").path("borrowingLimit").asText()).isEqualTo("0");
    LocalQueue lq = plan.object(LocalQueue.class, "default").orElseThrow();
    assertThat(lq.getMetadata().getNamespace()).isEqualTo("genai-support-copilot");
    assertThat(lq.getSpec().path("clusterQueue").asText()).isEqualTo("genai-support-copilot");
  }

  @Test
  void withoutKueueNothingChanges() {
    Plan with =
        Planner.preview(
            Samples.project("public-pilot.yaml"), Samples.policy(), InstalledApis.NONE, true, NOW);
    assertThat(with.queue()).isNull();
    assertThat(with.objects()).noneMatch(o -> o.getApiVersion().startsWith("kueue.x-k8s.io"));
    assertThat(QueueReport.of(with)).isEqualTo(QueueReport.NONE);
  }

  @Test
  void anOlderKueueGetsV1beta1WithSpecCohort() {
    Plan plan =
        Planner.preview(
            Samples.project("public-pilot.yaml"),
            Samples.policy(),
            InstalledApis.of(List.of("kueue-v1beta1")),
            true,
            NOW);
    JsonNode spec =
        plan.object(ClusterQueueV1beta1.class, "genai-support-copilot").orElseThrow().getSpec();
    assertThat(spec.path("cohort").asText()).isEqualTo("genai-pilot");
    assertThat(spec.has("cohortName")).isFalse();
    assertThat(plan.objects(ClusterQueue.class)).isEmpty();
  }

  @Test
  void aMigSliceIsCountedUnderItsOwnResourceEverywhere() {
    Plan plan = Planner.preview(contract("a100-mig-1g", 2), gpuPolicy(), KUEUE, true, NOW);
    ResourceQuota quota = plan.objects(ResourceQuota.class).get(0);
    assertThat(quota.getSpec().getHard())
        .containsKey("requests.nvidia.com/mig-1g.10gb")
        .doesNotContainKey("requests.nvidia.com/gpu");
    Deployment d = plan.objects(Deployment.class).get(0);
    var pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getResources().getLimits())
        .containsEntry("nvidia.com/mig-1g.10gb", new Quantity("1"))
        .doesNotContainKey("nvidia.com/gpu");
    assertThat(pod.getNodeSelector())
        .containsEntry("cloud.google.com/gke-gpu-partition-size", "1g.10gb");
    // Kueue counts the slice on its flavor; half of it is lent (policy lendPercent 50)
    JsonNode mig = gpuQuota(plan, "nvidia.com/mig-1g.10gb");
    assertThat(mig.path("nominalQuota").asText()).isEqualTo("2");
    assertThat(mig.path("lendingLimit").asText()).isEqualTo("1");
    assertThat(plan.queue().groups())
        .extracting(GpuQueue.ResourceGroup::flavor)
        .containsExactly("default-flavor", "a100-mig-1g");
    // policy podIntegration: the pods are admitted through the LocalQueue
    assertThat(d.getMetadata().getLabels()).containsEntry(GpuQueue.QUEUE_LABEL, "default");
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry(GpuQueue.QUEUE_LABEL, "default");
  }

  @Test
  void draGpusAreClaimedFromATemplateAndCountedByDeviceClass() {
    Plan plan = Planner.preview(contract("h100-dra", 2), gpuPolicy(), KUEUE, true, NOW);
    assertThat(plan.objects(ResourceQuota.class).get(0).getSpec().getHard())
        .containsKey("gpu.nvidia.com.deviceclass.resource.k8s.io/devices");
    ResourceClaimTemplate t = plan.object(ResourceClaimTemplate.class, "h100").orElseThrow();
    assertThat(
            t.getSpec()
                .getSpec()
                .getDevices()
                .getRequests()
                .get(0)
                .getExactly()
                .getDeviceClassName())
        .isEqualTo("gpu.nvidia.com");
    var pod = plan.objects(Deployment.class).get(0).getSpec().getTemplate().getSpec();
    assertThat(pod.getResourceClaims())
        .singleElement()
        .satisfies(c -> assertThat(c.getResourceClaimTemplateName()).isEqualTo("h100"));
    assertThat(pod.getContainers().get(0).getResources().getClaims())
        .extracting(c -> c.getName())
        .containsExactly("gpu-0");
    assertThat(pod.getContainers().get(0).getResources().getLimits())
        .doesNotContainKey("nvidia.com/gpu");
    assertThat(gpuQuota(plan, "nvidia.com/gpu").path("nominalQuota").asText()).isEqualTo("2");
  }

  @Test
  void aGpuTypeThePolicyDoesNotListIsRefused() {
    Plan plan = Planner.preview(contract("nvidia-t4", 1), gpuPolicy(), KUEUE, true, NOW);
    assertThat(plan.blocker().reason()).isEqualTo(Reason.InvalidSpec);
    assertThat(plan.blocker().message())
        .contains("spec.resources.gpuType: \"nvidia-t4\" is not a GPU type")
        .contains("a100-mig-1g, h100-dra, nvidia-l4");
  }

  @Test
  void theBudgetHoldsOrDrainsTheQueueAndSaysSoWithoutLookingBroken() {
    GenAIProject p = Samples.project("contract-assistant.yaml"); // onExceeded: Suspend, 6000 EUR
    p.getMetadata().setGeneration(1L);
    Plan suspended = plan(p, "7000");
    assertThat(suspended.queue().stopPolicy()).isEqualTo("HoldAndDrain");
    assertThat(QueueReport.of(suspended).part().reason()).isEqualTo(Reason.QueueDrained);
    assertThat(QueueReport.of(suspended).part().reason().deliberateHold()).isTrue();
    // the queue keeps its nominal quota: lifting the hold gives it back as it was
    assertThat(suspended.queue().groups().get(1).resources().get(0).nominal()).isEqualTo("2");

    p.getSpec().budget.onExceeded = "Throttle";
    Plan throttled = plan(p, "7000");
    assertThat(throttled.queue().stopPolicy()).isEqualTo("Hold");
    assertThat(QueueReport.of(throttled).part().reason()).isEqualTo(Reason.QueueHeld);
    assertThat(plan(p, "100").queue().stopPolicy()).isEqualTo("None");
  }

  private static Plan plan(GenAIProject p, String monthToDate) {
    CostReading reading =
        CostReading.evaluated(
            new BigDecimal(monthToDate), new BigDecimal("1"), NOW, List.of(), NOW.plusSeconds(600));
    Observed observed = Observed.at(NOW, KUEUE).cost(reading).build();
    return Planner.plan(p, new Resolution(Samples.policy(), List.of()), observed);
  }
}
