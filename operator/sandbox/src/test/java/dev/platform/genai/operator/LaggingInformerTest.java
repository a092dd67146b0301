package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.plan.InstalledApis;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The operator's own status writes are what its next reconcile reads, even when the informer lags the API server
 * (a loaded control plane; CI on two cores once did). The status carries state a reconcile builds on — the
 * promotion record, the pilot's expiry, the IAM members recorded before they are added, the month's budget
 * record — and a reconcile that read the project as it was before the last write would decide again from nothing.
 * Here every GenAIProject watch event reaches the operator two seconds late.
 */
class LaggingInformerTest {
  static final Duration LAG = Duration.ofSeconds(2);

  @Test
  void aProjectPromotedWithItsApprovalIsRecordedPromotedOnceWhileTheInformerLags() {
    try (OperatorHarness h = new OperatorHarness(null, OperatorHarness.CLOCK, () -> InstalledApis.NONE,
        server -> server.dispatcher().lagWatches("genaiprojects", LAG))) {
      h.apply("restricted-production.yaml");
      h.awaitPhase("fraud-assistant", "Ready");
      await().atMost(Duration.ofSeconds(20)).until(() -> h.server.dispatcher().laggingEvents() == 0);
      await().during(LAG).atMost(LAG.multipliedBy(3)).until(() -> "Ready".equals(h.project("fraud-assistant")
          .getStatus().phase)); // what the late events bring has been reconciled: the status stays as it is
      GenAIProject p = h.project("fraud-assistant");
      assertThat(p.getStatus().promotion.state)
          .as("created as Production with compliance's approval: promoted on the evidence, not grandfathered"
              + " because its own namespace already said Production")
          .isEqualTo("Promoted");
      assertThat(p.getStatus().promotion.approval).isEqualTo("fraud-assistant-promotion");
      assertThat(h.events("fraud-assistant").stream().filter(e -> "Promoted".equals(e.getReason())))
          .as("one Promoted Event, not one per stale read").hasSize(1);
      assertThat(p.getStatus().cloudAccess).as("the IAM members recorded before they were added").isNotNull();
    }
  }
}
