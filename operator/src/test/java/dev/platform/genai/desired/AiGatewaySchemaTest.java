package dev.platform.genai.desired;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.admission.CrdValidator;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Planner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object the operator writes for Envoy AI Gateway, for every sample, is valid against the
 * published CRDs (envoy-ai-gateway/README.md says which commits): structural schema, unknown
 * fields, CEL rules.
 */
class AiGatewaySchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

  /** The CRD file and the version the operator writes, by kind. */
  static final Map<String, String[]> CRDS =
      Map.of(
          "AIGatewayRoute",
              new String[] {"aigateway.envoyproxy.io_aigatewayroutes.yaml", "v1beta1"},
          "AIServiceBackend",
              new String[] {"aigateway.envoyproxy.io_aiservicebackends.yaml", "v1beta1"},
          "BackendSecurityPolicy",
              new String[] {"aigateway.envoyproxy.io_backendsecuritypolicies.yaml", "v1beta1"},
          "Backend", new String[] {"gateway.envoyproxy.io_backends.yaml", "v1alpha1"},
          "BackendTrafficPolicy",
              new String[] {"gateway.envoyproxy.io_backendtrafficpolicies.yaml", "v1alpha1"},
          "SecurityPolicy",
              new String[] {"gateway.envoyproxy.io_securitypolicies.yaml", "v1alpha1"});

  static CrdValidator validator(String kind) throws IOException {
    String[] crd = CRDS.get(kind);
    try (InputStream in =
        AiGatewaySchemaTest.class
            .getClassLoader()
            .getResourceAsStream("envoy-ai-gateway/" + crd[0])) {
      return CrdValidator.fromForeignCrd(YAML.readTree(in), crd[1]);
    }
  }

  static Stream<String> samples() {
    return TestFiles.projectSamples().stream().map(Path::getFileName).map(Path::toString);
  }

  static List<HasMetadata> gateway(String sample) {
    return Planner.preview(
            Samples.project(sample),
            Samples.policy(),
            InstalledApis.of(List.of(InstalledApis.ENVOY_AI_GATEWAY)),
            true,
            NOW)
        .objects()
        .stream()
        .filter(o -> CRDS.containsKey(o.getKind()) && o.getApiVersion().contains("envoyproxy.io"))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everyGatewayObjectIsValidAgainstThePublishedCrds(String sample) throws IOException {
    for (HasMetadata o : gateway(sample)) {
      assertThat(validator(o.getKind()).validate(JSON.convertValue(o, JsonNode.class)))
          .as(sample + " " + o.getKind() + " " + o.getMetadata().getName())
          .isEmpty();
    }
  }

  @Test
  void aProjectWithAManagedAndASelfHostedEndpointGetsEveryKind() {
    assertThat(gateway("contract-assistant.yaml"))
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .containsExactly(
            "Backend/vertex-europe-west4",
            "Backend/model-llama-8b",
            "AIServiceBackend/model-llama-8b",
            "AIServiceBackend/model-gemini-flash",
            "BackendSecurityPolicy/vertex-europe-west4",
            "AIGatewayRoute/models",
            "SecurityPolicy/models",
            "BackendTrafficPolicy/token-budget-2026-12");
    assertThat(gateway("public-pilot.yaml")).as("no endpoints, no gateway objects").isEmpty();
  }

  @Test
  void withoutTheGatewayNothingChanges() {
    List<HasMetadata> without =
        Planner.preview(
                Samples.project("contract-assistant.yaml"),
                Samples.policy(),
                InstalledApis.NONE,
                true,
                NOW)
            .objects();
    assertThat(without).noneMatch(o -> o.getApiVersion().contains("envoyproxy.io"));
  }

  /** The validator bites: what the published CRDs refuse is refused here too. */
  @Test
  void whatTheCrdsRefuseIsRefused() throws IOException {
    List<HasMetadata> objects = gateway("contract-assistant.yaml");
    ObjectNode backend =
        JSON.convertValue(
            objects.stream()
                .filter(o -> o.getKind().equals("AIServiceBackend"))
                .findFirst()
                .orElseThrow(),
            ObjectNode.class);
    ((ObjectNode) backend.path("spec").path("backendRef")).put("kind", "Service").put("group", "");
    assertThat(validator("AIServiceBackend").validate(backend))
        .as("a Service is not a Backend")
        .anyMatch(
            v -> v.toString().contains("BackendRef must be a Backend resource of Envoy Gateway"));
    ObjectNode budget =
        JSON.convertValue(
            objects.stream()
                .filter(o -> o.getKind().equals("BackendTrafficPolicy"))
                .findFirst()
                .orElseThrow(),
            ObjectNode.class);
    ((ObjectNode)
            budget
                .path("spec")
                .path("rateLimit")
                .path("global")
                .path("rules")
                .path(0)
                .path("limit"))
        .put("requests", 4_294_967_296L)
        .put("unit", "Week");
    assertThat(validator("BackendTrafficPolicy").validate(budget)).hasSizeGreaterThanOrEqualTo(2);
  }

  /**
   * Only rules that need Kubernetes' CEL libraries are left to the real API server
   * (AiGatewayOnRealServerTest): every other rule of the six CRDs is evaluated here.
   */
  @Test
  void onlyRulesThatNeedKubernetesCelLibrariesAreLeftToTheServer() throws IOException {
    java.util.Set<String> kubernetesOnly =
        java.util.Set.of(
            "lowerAscii",
            "isURL",
            "url(",
            "isIP",
            "ip(",
            "cidr(",
            "isCIDR",
            "split(",
            "join(",
            "indexOf(",
            "lastIndexOf(",
            "replace(",
            "upperAscii",
            "trim(",
            "format(",
            "sets.",
            "quantity(",
            "isQuantity",
            "regex");
    int evaluated = 0;
    for (String kind : CRDS.keySet()) {
      CrdValidator v = validator(kind);
      evaluated += v.ruleCount();
      for (String rule : v.notEvaluated()) {
        assertThat(kubernetesOnly).as(kind + ": " + rule).anyMatch(rule::contains);
      }
    }
    assertThat(evaluated).as("rules evaluated offline").isGreaterThan(150);
  }
}
