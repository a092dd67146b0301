package dev.platform.genai.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Planner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Envoy Gateway's own translator (egctl x translate, v1.8.1, operator/tools/egctl.sh) on the
 * BackendTrafficPolicy and SecurityPolicy the operator writes, with a Gateway, an HTTPRoute and a
 * Service standing in for what AI Gateway generates from the AIGatewayRoute (its translator is
 * internal): both policies are accepted, and Envoy's configuration holds the JWT requirement, the
 * one allowed subject, the month's rate-limit bucket checked at cost 0 and spent by the response's
 * genai_cost at stream end, and the limit in the month's budget units per Year.
 */
class EnvoyGatewayTranslateTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

  /**
   * The Gateway API objects a platform team has and AI Gateway would generate, for the translator.
   */
  static final String STAND_INS =
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GatewayClass
      metadata: {name: eg}
      spec: {controllerName: gateway.envoyproxy.io/gatewayclass-controller}
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata: {name: genai-gateway, namespace: envoy-gateway-system}
      spec:
        gatewayClassName: eg
        listeners:
        - {name: http, protocol: HTTP, port: 80, hostname: "*.models.example.com", allowedRoutes: {namespaces: {from: All}}}
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: models, namespace: genai-contract-assistant}
      spec:
        parentRefs: [{name: genai-gateway, namespace: envoy-gateway-system}]
        hostnames: [contract-assistant.models.example.com]
        rules:
        - matches: [{headers: [{type: Exact, name: x-ai-eg-model, value: llama-8b}]}]
          backendRefs: [{name: stand-in, port: 80}]
        - matches: [{headers: [{type: Exact, name: x-ai-eg-model, value: gemini-flash}]}]
          backendRefs: [{name: stand-in, port: 80}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: stand-in, namespace: genai-contract-assistant}
      spec: {clusterIP: 10.96.0.10, ports: [{name: http, port: 80, targetPort: 8000}]}
      """;

  static String egctl;

  @BeforeAll
  static void egctl() throws Exception {
    Process build =
        new ProcessBuilder(
                TestFiles.repoRoot().resolve("operator/tools/egctl.sh").toString(), "--check")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    egctl = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (build.waitFor() != 0) {
      String why = "egctl is not built: run operator/tools/egctl.sh";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(why);
      }
      assumeTrue(false, why);
    }
  }

  static List<HasMetadata> policies(String sample) {
    return Planner.preview(
            Samples.project(sample),
            Samples.policy(),
            InstalledApis.of(List.of(InstalledApis.ENVOY_AI_GATEWAY)),
            true,
            NOW)
        .objects()
        .stream()
        .filter(
            o -> o.getKind().equals("BackendTrafficPolicy") || o.getKind().equals("SecurityPolicy"))
        .toList();
  }

  /** The translator's output documents (egctl x translate --to ...). */
  static List<JsonNode> translate(Path dir, String to) throws Exception {
    Path input = dir.resolve("input.yaml");
    Files.writeString(
        input, STAND_INS + DesiredObjects.toYaml(policies("contract-assistant.yaml")));
    Process p =
        new ProcessBuilder(
                egctl,
                "x",
                "translate",
                "--from",
                "gateway-api",
                "--to",
                to,
                "-o",
                "yaml",
                "-f",
                input.toString())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("egctl x translate: " + err).isZero();
    List<JsonNode> docs = new ArrayList<>();
    List<JsonNode> read = YAML.readerFor(JsonNode.class).<JsonNode>readValues(out).readAll();
    for (JsonNode d : read) {
      if (d != null && !d.isNull()) {
        docs.add(d);
      }
    }
    return docs;
  }

  @Test
  void envoyGatewayAcceptsBothPoliciesAndEnvoyGetsTheJwtTheSubjectAndTheMonthsBucket(
      @TempDir Path dir) throws Exception {
    List<JsonNode> out = translate(dir, "gateway-api,xds");
    String all = out.toString();
    for (JsonNode d : out) {
      String kind = d.path("kind").asText();
      if (kind.equals("BackendTrafficPolicy") || kind.equals("SecurityPolicy")) {
        assertThat(d.path("status").toString())
            .as(kind + " accepted")
            .contains("\"reason\":\"Accepted\"")
            .doesNotContain("\"status\":\"False\"");
      }
    }
    assertThat(all)
        .as("the JWT requirement: the cluster's issuer, the gateway's audience")
        .contains(
            "envoy.filters.http.jwt_authn",
            "https://container.googleapis.com/v1/projects/acme-platform/locations/europe-west4/clusters/genai",
            "genai-gateway")
        .as("the one allowed subject")
        .contains("system:serviceaccount:genai-contract-assistant:workload")
        .as("the subject copied into the header AI Gateway's metrics are labelled by")
        .contains("\"claimToHeaders\":[{\"claimName\":\"sub\",\"headerName\":\"x-genai-caller\"}]")
        .as("the month's bucket: the policy's name is in the descriptor, so December starts empty")
        .contains("genai-contract-assistant/token-budget-2026-12/rule/0")
        .as("checked at cost 0, spent by the response's cost when the stream is done")
        .contains(
            "\"hitsAddend\":{\"number\":\"0\"}",
            "\"applyOnStreamDone\":true",
            "%DYNAMIC_METADATA(io.envoy.ai_gateway:genai_cost)%")
        .as("whose budget and what to do, on 429 and 403")
        .contains("envoy.filters.http.custom_response");
    // AI Gateway inserts its extproc before the first of ext_proc, wasm, lua, rbac, ... of this
    // chain
    // (insertAIGatewayExtProcFilter, internal/extensionserver/post_translate_modify.go at c217da8):
    // with jwt_authn
    // before rbac, the extproc runs after the JWT is checked and sees the x-genai-caller header it
    // labels tokens by
    assertThat(all.indexOf("\"name\":\"envoy.filters.http.jwt_authn\""))
        .isPositive()
        .isLessThan(all.indexOf("\"name\":\"envoy.filters.http.rbac\""));
  }

  @Test
  void theLimitIsTheMonthsBudgetInUnitsPerYear(@TempDir Path dir) throws Exception {
    long limit =
        policies("contract-assistant.yaml").stream()
            .filter(o -> o.getKind().equals("BackendTrafficPolicy"))
            .map(
                o ->
                    YAML.valueToTree(o)
                        .path("spec")
                        .path("rateLimit")
                        .path("global")
                        .path("rules")
                        .path(0)
                        .path("limit")
                        .path("requests")
                        .asLong())
            .findFirst()
            .orElseThrow();
    assertThat(limit).isPositive();
    String ir = translate(dir, "ir").toString();
    assertThat(ir).contains("\"requests\":" + limit + ",\"unit\":\"Year\"");
  }
}
