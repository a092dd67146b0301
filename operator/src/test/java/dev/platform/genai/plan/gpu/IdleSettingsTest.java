package dev.platform.genai.plan.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.IdleReclaimRequest;
import dev.platform.genai.plan.ProjectRules;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.values.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A project may ask for less idle reclaim than the policy's, never more. */
class IdleSettingsTest {
  static final PlatformPolicy POLICY = Samples.policy(); // Pilot on, window 30m, longest 4h

  static GenAIProject asking(String window) {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getSpec().idleReclaim = new IdleReclaimRequest();
    p.getSpec().idleReclaim.window = window;
    return p;
  }

  @Test
  void aLongerWindowUpToTheLongestIsTaken() {
    IdleSettings s = IdleSettings.of(POLICY.idleReclaim(), Stage.Pilot, "nvidia-l4", asking("2h"));
    assertThat(s.window()).isEqualTo(Duration.ofHours(2));
    assertThat(s.on()).isTrue();
    assertThat(s.dryRun()).as("the sample: a dry run first").isTrue();
    assertThat(IdleSettings.of(POLICY.idleReclaim(), Stage.Production, null, asking("2h")).on())
        .as("the sample: Production is not reclaimed")
        .isFalse();
    assertThat(ProjectRules.check(asking("2h"), POLICY).policyFindings()).isEmpty();
  }

  @Test
  void moreReclaimThanThePolicysOrLongerThanItsLongestIsRefusedAndKeptToTheBounds() {
    assertThat(ProjectRules.check(asking("10m"), POLICY).policyFindings())
        .singleElement()
        .hasToString(
            "spec.idleReclaim.window: 10m is outside what the cluster policy allows (30m to 4h): a"
                + " project may ask for less idle reclaim, never more");
    assertThat(ProjectRules.check(asking("12h"), POLICY).policyFindings()).hasSize(1);
    assertThat(IdleSettings.of(POLICY.idleReclaim(), Stage.Pilot, null, asking("10m")).window())
        .isEqualTo(Duration.ofMinutes(30));
    assertThat(IdleSettings.of(POLICY.idleReclaim(), Stage.Pilot, null, asking("12h")).window())
        .isEqualTo(Duration.ofHours(4));
  }
}
