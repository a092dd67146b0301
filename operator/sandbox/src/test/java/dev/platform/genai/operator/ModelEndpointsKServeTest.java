package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.external.InferenceService;
import dev.platform.genai.plan.InstalledApis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where KServe's CRD is installed (as our own detector reports it), self-hosted endpoints are
 * InferenceServices.
 */
class ModelEndpointsKServeTest {
  static OperatorHarness h;

  @BeforeAll
  static void start() {
    h = new OperatorHarness(null, OperatorHarness.CLOCK, () -> new InstalledApis(false, true));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  static InferenceService inferenceService(String project, String endpoint) {
    return h.client
        .resources(InferenceService.class)
        .inNamespace("genai-" + project)
        .withName("model-" + endpoint)
        .get();
  }

  @Test
  void selfHostedEndpointIsAnInferenceServiceReadyWhenKServeSaysSo() throws Exception {
    ModelEndpointsTest.create(
        h,
        "ks-public",
        "Public",
        p -> p.getSpec().models = List.of(ModelEndpointsTest.selfHosted("chat", 1, 2)));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> inferenceService("ks-public", "chat") != null);
    InferenceService is = inferenceService("ks-public", "chat");
    var predictor = is.getSpec().get("predictor");
    assertThat(predictor.get("serviceAccountName").asText()).isEqualTo("workload");
    assertThat(predictor.get("minReplicas").asInt()).isEqualTo(2);
    assertThat(predictor.at("/model/storageUri").asText())
        .isEqualTo("gs://acme-models/llama-3.1-8b-instruct");
    assertThat(predictor.at("/model/modelFormat/name").asText()).isEqualTo("huggingface");
    assertThat(predictor.at("/model/resources/limits/nvidia.com~1gpu").asText()).isEqualTo("1");
    assertThat(predictor.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(h.client.apps().deployments().inNamespace("genai-ks-public").list().getItems())
        .isEmpty();
    GenAIProject p =
        h.awaitProject(
            "ks-public", x -> x.getStatus() != null && "0/1".equals(x.getStatus().endpointsReady));
    assertThat(p.getStatus().endpoints.get(0).message)
        .isEqualTo("KServe reports the InferenceService not Ready yet.");

    // what KServe writes once the predictor serves
    is.setStatus(
        new ObjectMapper()
            .readTree(
                """
        {"url": "http://model-chat.genai-ks-public.example.com",
         "conditions": [{"type": "Ready", "status": "True"}]}"""));
    h.client.resource(is).updateStatus();
    p = h.awaitPhase("ks-public", "Ready");
    assertThat(p.getStatus().endpoints)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.ready).isTrue();
              assertThat(e.url).isEqualTo("http://model-chat.genai-ks-public.example.com");
            });
  }
}
