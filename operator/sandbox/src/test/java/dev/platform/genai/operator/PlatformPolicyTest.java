package dev.platform.genai.operator;

import static dev.platform.genai.operator.OperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.api.ComputeCap;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIPlatformPolicySpec;
import dev.platform.genai.api.StageCapsPolicy;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster policy: a change re-reconciles every project; an unusable one stops new provisioning,
 * loudly.
 */
class PlatformPolicyTest {
  static OperatorHarness h;

  @BeforeAll
  static void start() {
    h = new OperatorHarness();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  static GenAIPlatformPolicy policy(Integer pilotGpus, String prefix) {
    GenAIPlatformPolicy p = new GenAIPlatformPolicy();
    p.getMetadata().setName("default");
    p.setSpec(new GenAIPlatformPolicySpec());
    p.getSpec().namespacePrefix = prefix;
    p.getSpec().caps = new StageCapsPolicy();
    p.getSpec().caps.pilot = new ComputeCap(pilotGpus, null, null);
    return p;
  }

  @Test
  void aPolicyChangeReachesEveryProjectAndABrokenPolicyBlocksWithoutDeleting() {
    h.apply("public-pilot.yaml", "policy-a");
    h.apply("confidential-pilot.yaml", "policy-b");
    h.awaitPhase("policy-a", "Ready");
    h.awaitPhase("policy-b", "Ready");

    // lower the pilot cap to 1 GPU: the 2-GPU pilot is capped, the 1-GPU one is not
    h.client.resource(policy(1, null)).create();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        h.client
                            .resourceQuotas()
                            .inNamespace("genai-policy-b")
                            .withName("genai-quota")
                            .get()
                            .getSpec()
                            .getHard())
                    .containsEntry("requests.nvidia.com/gpu", new Quantity("1")));
    assertThat(condition(h.awaitPhase("policy-b", "Failed"), "QuotaReady").orElseThrow().reason)
        .isEqualTo("ExceedsPolicyCap");
    assertThat(h.project("policy-a").getStatus().phase).isEqualTo("Ready");

    // a policy the CRD would reject (bypassed admission): every project says so, nothing is deleted
    h.client.resource(policy(1, "Not_A_Prefix")).update();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(condition(h.project("policy-a"), "Ready").orElseThrow().reason)
                    .isEqualTo("InvalidPolicy"));
    assertThat(condition(h.project("policy-a"), "Ready").orElseThrow().message)
        .contains("spec.namespacePrefix \"Not_A_Prefix\" must start with a lower-case letter");
    assertThat(h.client.namespaces().withName("genai-policy-a").get()).isNotNull();
    assertThat(h.events("policy-a")).extracting(e -> e.getReason()).contains("InvalidPolicy");

    // deleting the policy brings back the built-in defaults
    h.client.resources(GenAIPlatformPolicy.class).withName("default").delete();
    h.awaitPhase("policy-a", "Ready");
    h.awaitPhase("policy-b", "Ready");
    assertThat(
            h.client
                .resourceQuotas()
                .inNamespace("genai-policy-b")
                .withName("genai-quota")
                .get()
                .getSpec()
                .getHard())
        .containsEntry("requests.nvidia.com/gpu", new Quantity("2"));
  }
}
