package dev.platform.genai.operator.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GcpAccess;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.model.Grant;
import dev.platform.genai.operator.project.dependent.IsolationPolicyDependent;
import dev.platform.genai.operator.project.dependent.LimitRangeDependent;
import dev.platform.genai.operator.project.dependent.MembersRoleBindingDependent;
import dev.platform.genai.operator.project.dependent.NamespaceDependent;
import dev.platform.genai.operator.project.dependent.OwnersRoleBindingDependent;
import dev.platform.genai.operator.project.dependent.ProjectEventsBindingDependent;
import dev.platform.genai.operator.project.dependent.ProjectEventsRoleDependent;
import dev.platform.genai.operator.project.dependent.ProjectReaderBindingDependent;
import dev.platform.genai.operator.project.dependent.ProjectReaderRoleDependent;
import dev.platform.genai.operator.project.dependent.QuotaDependent;
import dev.platform.genai.operator.project.dependent.ViewersRoleBindingDependent;
import dev.platform.genai.operator.project.dependent.WorkloadServiceAccountDependent;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Observed;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.plan.Planner;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The status from a plan and what applying it found: Ready, phase, lastTransitionTime, what stands.
 */
class ProjectStatusFactoryTest {
  /** Every dependent of a public project applied. */
  static final Applied ALL_APPLIED =
      new Applied(
          Map.of(),
          Set.of(
              NamespaceDependent.NAME,
              WorkloadServiceAccountDependent.NAME,
              OwnersRoleBindingDependent.NAME,
              MembersRoleBindingDependent.NAME,
              ViewersRoleBindingDependent.NAME,
              ProjectReaderRoleDependent.NAME,
              ProjectReaderBindingDependent.NAME,
              ProjectEventsRoleDependent.NAME,
              ProjectEventsBindingDependent.NAME,
              QuotaDependent.NAME,
              LimitRangeDependent.NAME,
              IsolationPolicyDependent.NAME),
          null,
          CloudAccessStep.Result.NONE);

  static GenAIProject project(long generation) {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setGeneration(generation);
    return p;
  }

  static Plan plan(GenAIProject p, Resolution policy) {
    return Planner.plan(
        p,
        policy,
        Observed.fresh(Instant.parse("2026-01-01T00:00:00Z"), InstalledApis.NONE, List.of()));
  }

  static Plan plan(GenAIProject p) {
    return plan(p, new Resolution(Samples.policy(), List.of()));
  }

  static ProjectStatusFactory at(String instant) {
    return new ProjectStatusFactory(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }

  @Test
  void readyWhenEveryRequiredPartIsTrue() {
    GenAIProjectStatus s = at("2026-01-01T00:00:00Z").build(plan(project(1)), ALL_APPLIED);
    assertThat(s.phase).isEqualTo("Ready");
    assertThat(s.namespace).isEqualTo("genai-support-copilot");
    assertThat(s.conditions.get(0))
        .satisfies(
            c -> {
              assertThat(c.type).isEqualTo("Ready");
              assertThat(c.status).isEqualTo("True");
              assertThat(c.observedGeneration).isEqualTo(1L);
            });
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenTheStatusFlips() {
    GenAIProject p = project(1);
    p.setStatus(at("2026-01-01T00:00:00Z").build(plan(p), ALL_APPLIED));
    p.getMetadata().setGeneration(2L);
    p.getSpec().resources.gpus = 100; // above the cap: QuotaReady=False ExceedsPolicyCap
    GenAIProjectStatus later = at("2026-02-01T00:00:00Z").build(plan(p), ALL_APPLIED);
    assertThat(later.conditions)
        .filteredOn(c -> c.type.equals("NamespaceReady"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.lastTransitionTime).isEqualTo("2026-01-01T00:00:00Z");
              assertThat(c.observedGeneration).isEqualTo(2L);
            });
    assertThat(later.conditions)
        .filteredOn(c -> c.type.equals("QuotaReady"))
        .singleElement()
        .satisfies(c -> assertThat(c.lastTransitionTime).isEqualTo("2026-02-01T00:00:00Z"));
    assertThat(later.phase).isEqualTo("Failed");
    assertThat(later.conditions.get(0).reason).isEqualTo("ExceedsPolicyCap");
    assertThat(later.conditions.get(0).message)
        .startsWith("Not ready: QuotaReady. The quota was set at the cluster's" + " cap");
  }

  @Test
  void cloudAccessCountsOnlyWhenRequested() {
    GenAIProject p = project(1);
    p.getSpec().gcp = new GcpAccess();
    p.getSpec().gcp.projectId = "acme-genai";
    p.getSpec().gcp.roles = List.of("roles/aiplatform.user");
    GenAIProjectStatus s = at("2026-01-01T00:00:00Z").build(plan(p), ALL_APPLIED);
    assertThat(s.phase).isEqualTo("Provisioning");
    assertThat(s.conditions.get(0).message).isEqualTo("Not ready: CloudAccessReady.");
  }

  @Test
  void aBlockerFailsTheProjectAndKeepsThePartsAndRecordsItDidNotLookAt() {
    GenAIProject p = project(1);
    p.setStatus(at("2026-01-01T00:00:00Z").build(plan(p), ALL_APPLIED));
    p.getStatus().cloudAccess =
        CloudAccessStep.toStatus(
            Set.of(new Grant("projects/acme", "roles/aiplatform.user", "principal://x")));
    p.getMetadata().setGeneration(2L);
    GenAIProjectStatus s =
        at("2026-03-01T00:00:00Z")
            .build(plan(p, new Resolution(Samples.policy(), List.of("spec.caps: broken"))), null);
    assertThat(s.phase).isEqualTo("Failed");
    assertThat(s.namespace).isEqualTo("genai-support-copilot");
    assertThat(s.cloudAccess.members)
        .as("the record of IAM members added is never dropped")
        .hasSize(1);
    assertThat(s.conditions.get(0).reason).isEqualTo("InvalidPolicy");
    assertThat(s.conditions)
        .extracting(c -> c.type + "=" + c.status + "@" + c.observedGeneration)
        .startsWith(
            "Ready=False@2",
            "NamespaceReady=True@1",
            "AccessReady=True@1",
            "QuotaReady=True@1",
            "GuardrailsReady=True@1");
  }

  @Test
  void deletionShowsTerminating() {
    GenAIProject p = project(1);
    p.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    assertThat(at("2026-01-01T00:00:00Z").build(plan(p), ALL_APPLIED).phase)
        .isEqualTo("Terminating");
  }
}
