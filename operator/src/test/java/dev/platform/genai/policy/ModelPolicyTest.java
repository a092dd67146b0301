package dev.platform.genai.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.admission.Violation;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.build.ProjectModels;
import dev.platform.genai.plan.ProjectRules;
import dev.platform.genai.values.Classification;
import org.junit.jupiter.api.Test;

/**
 * The model catalog and classification rules of GenAIPlatformPolicy, and how spec.models is checked
 * against them.
 */
class ModelPolicyTest {
  static PolicyResolver.Resolution resolve(String yaml) throws Exception {
    return PolicyResolver.resolve(TestFiles.YAML.readValue(yaml, GenAIPlatformPolicy.class));
  }

  @Test
  void theSamplePolicyStatesTheBuiltInCatalog() {
    PlatformPolicy sample = Samples.policy();
    ModelCatalog c = sample.models();
    var withoutPrices = new java.util.TreeMap<String, ModelCatalog.Provider>();
    c.providers()
        .forEach(
            (n, p) ->
                withoutPrices.put(
                    n,
                    new ModelCatalog.Provider(
                        p.name(),
                        p.urlTemplate(),
                        p.defaultRegion(),
                        p.egressCidrs(),
                        p.models(),
                        p.requiresCloudAccess(),
                        p.cloudRoles(),
                        p.usageQuery(),
                        java.util.Map.of())));
    assertThat(
            new ModelCatalog(
                c.runtimes(), withoutPrices, c.access(), c.refuseSharedGoogleProjects()))
        .as("the built-in catalog, token prices aside (none are built in)")
        .isEqualTo(PlatformPolicy.DEFAULTS.models());
    assertThat(c.providers().get("VertexAI").price("gemini-2.5-flash").inputPerMillion())
        .isEqualByComparingTo("0.28");
    assertThat(c.providers().get("VertexAI").price("gemini-2.5-pro").outputPerMillion())
        .as("default")
        .isEqualByComparingTo("9.20");
    assertThat(sample.models().access().get(Classification.Restricted).kinds())
        .containsExactly("SelfHosted");
  }

  @Test
  void aCatalogOfItsOwnReplacesTheBuiltInOneAndUnusableEntriesAreProblems() throws Exception {
    var ok =
        resolve(
            """
        metadata: {name: default}
        spec:
          models:
            runtimes:
              tgi: {image: ghcr.io/huggingface/text-generation-inference:2.4.0, port: 80, cpu: "4", memory: 16Gi}
            classifications:
              internal: {runtimes: [tgi]}
        """);
    assertThat(ok.problems()).isEmpty();
    assertThat(ok.policy().models().runtimes()).containsOnlyKeys("tgi");
    assertThat(ok.policy().models().access().get(Classification.Internal).kinds())
        .as("absent kinds keep the default")
        .containsExactly("SelfHosted", "Managed");

    var bad =
        resolve(
            """
        metadata: {name: default}
        spec:
          models:
            providers:
              Bedrock: {urlTemplate: "http://bedrock.example.com", egressCidrs: [not-a-cidr]}
              OpenAI: {urlTemplate: "https://api.openai.com/v1", egressCidrs: [10.0.0.0/33]}
            classifications:
              public: {runtimes: [tgi], managedModels: [gpt-4o, Anthropic/*]}
        """);
    assertThat(bad.problems())
        .containsExactlyInAnyOrder(
            "spec.models.providers.Bedrock.urlTemplate must be an https:// URL",
            "spec.models.providers.OpenAI.egressCidrs: \"10.0.0.0/33\" is not an IPv4 CIDR such as 199.36.153.8/30",
            "spec.models.classifications.public.runtimes: tgi is not in spec.models.runtimes",
            "spec.models.classifications.public.managedModels: \"gpt-4o\" must be provider/model or provider/*",
            "spec.models.classifications.public.managedModels: provider Anthropic is not in spec.models.providers");
  }

  @Test
  void theChecksOfSpecModels() {
    var project = Samples.project("contract-assistant.yaml");
    ModelEndpoints e = ProjectModels.build(project, Samples.policy()).endpoints();
    assertThat(e.allowed()).isTrue();
    assertThat(e.approvalRequired()).isTrue();
    assertThat(e.managedEgress()).containsExactly("199.36.153.8/30");

    project.getSpec().gcp = null;
    project.getSpec().models.get(0).selfHosted.runtime = "tgi";
    project.getSpec().models.get(1).managed.region = null;
    var checked = ProjectRules.check(project, Samples.policy());
    assertThat(checked.admitted()).isTrue();
    assertThat(checked.policyFindings())
        .extracting(Violation::toString)
        .containsExactly(
            "spec.models[0].selfHosted.runtime: tgi is not in the catalog (GenAIPlatformPolicy default"
                + " spec.models.runtimes: vllm)",
            "spec.models[1].managed: VertexAI models are called with the project's cloud identity: set spec.gcp"
                + " (projectId and roles such as roles/aiplatform.user)");

    project = Samples.project("contract-assistant.yaml");
    project.getSpec().models.get(0).selfHosted.storageUri = "hf://meta-llama/Llama-3.1-8B-Instruct";
    assertThat(ProjectRules.check(project, Samples.policy()).policyFindings())
        .extracting(Violation::toString)
        .containsExactly(
            "spec.models[0].selfHosted.storageUri: Confidential data has no internet egress, so hf://"
                + " weights cannot be downloaded: copy them to a bucket and use gs:// (fetched as the project's workload"
                + " identity through Private Google Access)");

    project = Samples.project("contract-assistant.yaml");
    project.getSpec().models.get(0).selfHosted.gpusPerReplica = 2;
    project.getSpec().models.get(0).selfHosted.replicas = 2;
    assertThat(ProjectRules.check(project, Samples.policy()).policyFindings())
        .extracting(Violation::toString)
        .containsExactly(
            "spec.models: The self-hosted models need 4 GPUs where the quota grants 2 (llama-8b: 2 ×"
                + " (2 GPU, 2 CPU, 8Gi)), so none is created rather than pods stuck Pending: lower replicas or"
                + " gpusPerReplica, or raise spec.resources.");
  }
}
