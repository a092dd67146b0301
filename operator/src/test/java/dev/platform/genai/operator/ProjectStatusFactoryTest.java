package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectStatusFactoryTest {
  static final List<PartOutcome> ALL_OK = List.of(
      PartOutcome.ok("NamespaceReady", "Provisioned", "ns"), PartOutcome.ok("AccessReady", "Provisioned", "a"),
      PartOutcome.ok("QuotaReady", "Provisioned", "q"), PartOutcome.ok("GuardrailsReady", "Provisioned", "g"));

  static GenAIProject project(long generation) {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setGeneration(generation);
    return p;
  }

  static ProjectStatusFactory at(String instant) {
    return new ProjectStatusFactory(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }

  @Test
  void readyWhenEveryRequiredPartIsTrue() {
    GenAIProjectStatus s = at("2026-01-01T00:00:00Z").build(project(1), "genai-x", null, ALL_OK, null);
    assertThat(s.phase).isEqualTo("Ready");
    assertThat(s.conditions.get(0)).satisfies(c -> {
      assertThat(c.type).isEqualTo("Ready");
      assertThat(c.status).isEqualTo("True");
      assertThat(c.observedGeneration).isEqualTo(1L);
    });
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenTheStatusFlips() {
    GenAIProject p = project(1);
    p.setStatus(at("2026-01-01T00:00:00Z").build(p, "genai-x", null, ALL_OK, null));
    p.getMetadata().setGeneration(2L);
    List<PartOutcome> quotaCapped = List.of(ALL_OK.get(0), ALL_OK.get(1),
        PartOutcome.failed("QuotaReady", "ExceedsPolicyCap", "capped"), ALL_OK.get(3));
    GenAIProjectStatus later = at("2026-02-01T00:00:00Z").build(p, "genai-x", null, quotaCapped, null);
    assertThat(later.conditions).filteredOn(c -> c.type.equals("NamespaceReady")).singleElement()
        .satisfies(c -> {
          assertThat(c.lastTransitionTime).isEqualTo("2026-01-01T00:00:00Z");
          assertThat(c.observedGeneration).isEqualTo(2L);
        });
    assertThat(later.conditions).filteredOn(c -> c.type.equals("QuotaReady")).singleElement()
        .satisfies(c -> assertThat(c.lastTransitionTime).isEqualTo("2026-02-01T00:00:00Z"));
    assertThat(later.phase).isEqualTo("Failed");
    assertThat(later.conditions.get(0).reason).isEqualTo("ExceedsPolicyCap");
    assertThat(later.conditions.get(0).message).startsWith("Not ready: QuotaReady. capped");
  }

  @Test
  void cloudAccessCountsOnlyWhenRequested() {
    GenAIProject p = project(1);
    p.getSpec().gcp = new dev.platform.genai.api.GcpAccess();
    GenAIProjectStatus s = at("2026-01-01T00:00:00Z").build(p, "genai-x", null, ALL_OK, null);
    assertThat(s.phase).isEqualTo("Provisioning");
    assertThat(s.conditions.get(0).message).isEqualTo("Not ready: CloudAccessReady.");
  }

  @Test
  void aBlockerFailsTheProjectAndKeepsThePartsItDidNotLookAt() {
    GenAIProject p = project(1);
    p.setStatus(at("2026-01-01T00:00:00Z").build(p, "genai-x", null, ALL_OK, null));
    p.getMetadata().setGeneration(2L);
    GenAIProjectStatus s = at("2026-03-01T00:00:00Z").build(p, null, null, List.of(),
        PartOutcome.failed("Ready", "InvalidSpec", "fix it"));
    assertThat(s.phase).isEqualTo("Failed");
    assertThat(s.namespace).isEqualTo("genai-x");
    assertThat(s.conditions).extracting(c -> c.type + "=" + c.status + "@" + c.observedGeneration).containsExactly(
        "Ready=False@2", "NamespaceReady=True@1", "AccessReady=True@1", "QuotaReady=True@1", "GuardrailsReady=True@1");
  }

  @Test
  void deletionShowsTerminating() {
    GenAIProject p = project(1);
    p.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    assertThat(at("2026-01-01T00:00:00Z").build(p, "genai-x", null, ALL_OK, null).phase).isEqualTo("Terminating");
  }
}
