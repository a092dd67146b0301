package dev.platform.genai.model.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.TeamSubject;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.TeamRole;
import dev.platform.genai.policy.PlatformPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectModelsTest {
  @Test
  void namespaceIsPrefixedAndLabelledForCostAllocationAndPodSecurity() {
    ProjectModel m =
        ProjectModels.build(Samples.project("confidential-pilot.yaml"), PlatformPolicy.DEFAULTS);
    assertThat(m.namespace()).isEqualTo("genai-claims-summarizer");
    assertThat(m.namespaceLabels())
        .containsEntry("app.kubernetes.io/managed-by", "genai-operator")
        .containsEntry("genai.platform.dev/project", "claims-summarizer")
        .containsEntry("genai.platform.dev/stage", "Pilot")
        .containsEntry("genai.platform.dev/classification", "Confidential")
        .containsEntry("genai.platform.dev/cost-center", "cc-2201")
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    assertThat(m.labels())
        .containsOnlyKeys("app.kubernetes.io/managed-by", "genai.platform.dev/project");
  }

  @Test
  void publicProjectsGetBaselineAndOpenEgress() {
    ProjectModel m =
        ProjectModels.build(Samples.project("public-pilot.yaml"), PlatformPolicy.DEFAULTS);
    assertThat(m.podSecurityLevel()).isEqualTo("baseline");
    assertThat(m.network().restrictEgress()).isFalse();
  }

  @Test
  void sensitiveProjectsGetDefaultDenyEgress() {
    ProjectModel m =
        ProjectModels.build(Samples.project("restricted-production.yaml"), PlatformPolicy.DEFAULTS);
    assertThat(m.network().restrictEgress()).isTrue();
    assertThat(m.network().metadataServerCidrs())
        .containsExactly("169.254.169.254/32", "169.254.169.252/32");
    assertThat(m.network().ingressNamespaces()).containsExactly("monitoring");
  }

  @Test
  void aRequestWithinTheCapIsGrantedAsAsked() {
    ProjectModel m =
        ProjectModels.build(Samples.project("restricted-production.yaml"), PlatformPolicy.DEFAULTS);
    assertThat(m.quota().gpus()).isEqualTo(8);
    assertThat(m.quota().cpu().canonical()).isEqualTo("64");
    assertThat(m.quota().memory().canonical()).isEqualTo("256Gi");
    assertThat(m.quota().isCapped()).isFalse();
  }

  @Test
  void aRequestAboveTheCapIsGrantedAtTheCapAndSaysSo() {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getSpec().resources.gpus = 12;
    p.getSpec().resources.memory = "1Ti";
    ProjectModel m = ProjectModels.build(p, PlatformPolicy.DEFAULTS);
    assertThat(m.quota().gpus()).isEqualTo(4);
    assertThat(m.quota().memory().canonical()).isEqualTo("128Gi");
    assertThat(m.quota().capped())
        .containsExactly(
            new ProjectModel.Capped("spec.resources.gpus", "requested 12 GPUs, the Pilot cap is 4"),
            new ProjectModel.Capped(
                "spec.resources.memory", "requested 1Ti memory, the Pilot cap is 128Gi"));
  }

  @Test
  void absentResourcesTakeThePolicyDefaults() {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getSpec().resources = null;
    ProjectModel m = ProjectModels.build(p, PlatformPolicy.DEFAULTS);
    assertThat(m.quota().gpus()).isZero();
    assertThat(m.quota().cpu().canonical()).isEqualTo("4");
    assertThat(m.quota().memory().canonical()).isEqualTo("16Gi");
  }

  @Test
  void duplicateSubjectsAreBoundOnce() {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getSpec().team.owners =
        List.of(
            new TeamSubject("User", "a@example.com", null),
            new TeamSubject("User", "a@example.com", null));
    assertThat(ProjectModels.build(p, PlatformPolicy.DEFAULTS).team().get(TeamRole.OWNERS))
        .hasSize(1);
  }

  @Test
  void aSpecThatBypassedAdmissionIsAnErrorThatNamesTheFields() {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getSpec().stage = "Beta";
    p.getSpec().resources.cpu = "lots";
    p.getSpec().team.owners = List.of(new TeamSubject("Group", "system:masters", null));
    assertThatThrownBy(() -> ProjectModels.build(p, PlatformPolicy.DEFAULTS))
        .isInstanceOf(InvalidProjectException.class)
        .satisfies(
            e ->
                assertThat(((InvalidProjectException) e).problems())
                    .containsExactly(
                        "spec.stage: \"Beta\" must be Pilot or Production",
                        "spec.team.owners[0].name: system: users and groups cannot be given project access",
                        "spec.resources.cpu: \"lots\" is not a quantity such as 16, 500m or 64Gi"));
  }
}
