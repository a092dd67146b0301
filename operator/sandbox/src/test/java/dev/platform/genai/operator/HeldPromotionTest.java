package dev.platform.genai.operator;

import static dev.platform.genai.operator.OperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.api.GenAIProject;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pilot at the pilot cap, edited to Production with more GPUs and no evidence yet (black-box
 * finding): the request is judged against the cap of the stage it asks for; while the promotion is
 * held the quota stays at the Pilot cap and says so, and the phase is PromotionPending — not Failed
 * with advice to lower the request.
 */
class HeldPromotionTest {
  static OperatorHarness h;

  @BeforeAll
  static void start() {
    h = new OperatorHarness();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void aHeldPromotionWithinTheProductionCapIsPendingAtThePilotCap() {
    GenAIProject p = dev.platform.genai.Samples.project("public-pilot.yaml");
    p.getSpec().resources.gpus = 4; // the Pilot cap
    h.client.resource(p).create();
    h.awaitPhase("support-copilot", "Ready");

    h.editProject(
        "support-copilot",
        changed -> {
          changed.getSpec().stage = "Production";
          changed.getSpec().resources.gpus = 6; // within Production's cap of 16
        });
    GenAIProject held = h.awaitPhase("support-copilot", "PromotionPending");

    assertThat(held.getStatus().promotion.state).isEqualTo("Held");
    assertThat(condition(held, "QuotaReady"))
        .hasValueSatisfying(
            c -> {
              assertThat(c.reason).isEqualTo("PromotionPending");
              assertThat(c.message).contains("held at the Pilot cap of 4 GPUs until promoted");
            });
    assertThat(condition(held, "Ready").orElseThrow().reason).isNotEqualTo("ExceedsPolicyCap");
    assertThat(condition(held, "Stalled").orElseThrow().message)
        .doesNotContain("Lower spec.resources");
    assertThat(
            h.client
                .resourceQuotas()
                .inNamespace("genai-support-copilot")
                .withName("genai-quota")
                .get()
                .getSpec()
                .getHard())
        .containsEntry("requests.nvidia.com/gpu", new Quantity("4"));

    // above the cap of the stage it asks for: that is ExceedsPolicyCap, held or not
    h.editProject("support-copilot", changed -> changed.getSpec().resources.gpus = 20);
    GenAIProject failed = h.awaitPhase("support-copilot", "Failed");
    assertThat(condition(failed, "QuotaReady").orElseThrow().reason).isEqualTo("ExceedsPolicyCap");
    assertThat(condition(failed, "QuotaReady").orElseThrow().message)
        .contains("the Production cap is 16");
  }
}
