package dev.platform.genai.operator;

import static dev.platform.genai.operator.OperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.api.GenAIProjectApprovalSpec;
import dev.platform.genai.controlplane.RealCluster;
import dev.platform.genai.cost.FakePrometheus;
import dev.platform.genai.desired.DesiredAiGateway;
import dev.platform.genai.operator.project.GatewayStep;
import dev.platform.genai.plan.InstalledApis;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator writes a project's objects at Envoy AI Gateway on the real API server, with the
 * published CRDs installed and the chart's RBAC: the route, backends, credentials, JWT policy and
 * the month's token budget, owned by the project; a hand edit or deletion is undone like any
 * child's, a resync reads and writes none of them; a change of the policy rewrites them; the
 * garbage collector takes them with the project.
 */
class AiGatewayOperatorTest {
  static OperatorHarness h;
  static FakePrometheus prometheus;

  @BeforeAll
  static void start() throws Exception {
    RealCluster.shared().installEnvoyAiGatewayCrds();
    prometheus = new FakePrometheus();
    prometheus.spend("genai-contract-assistant", "400", "1");
    // at the gateway, the workload's calls of gemini-flash: 3 M input and 1 M output tokens (0.28 /
    // 2.30 per 1M)
    prometheus.answer(
        "count(gen_ai_client_token_usage_sum)", "6"); // its series are scraped, with the caller
    prometheus.answer("count(gen_ai_client_token_usage_sum{genai_caller!=\"\"})", "6");
    prometheus.answerContaining("gen_ai_token_type=\"input\"", "3000000");
    prometheus.answerContaining("gen_ai_token_type=\"output\"", "1000000");
    // Cloud Monitoring, the check: a little less (it reads minutes behind)
    prometheus.answerContaining(",type=\"input\"", "2000000");
    prometheus.answerContaining(",type=\"output\"", "500000");
    h =
        OperatorHarness.onRealCluster(
            Map.of(
                "GENAI_PROMETHEUS_URL",
                prometheus.url(),
                "GENAI_MANAGED_METRICS_URL",
                prometheus.url(),
                "GENAI_GCP_CREDENTIALS",
                "none"),
            () -> new InstalledApis(false, false, null, true));
    h.client
        .resource(
            h.client
                .getKubernetesSerialization()
                .unmarshal(policyText(), GenAIPlatformPolicy.class))
        .create();
  }

  static String policyText() {
    try {
      return Files.readString(TestFiles.samples().resolve("platform-policy.yaml"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    RealCluster.shared().removeEnvoyAiGatewayCrds();
  }

  static DesiredAiGateway.GatewayKind kind(String kind) {
    return DesiredAiGateway.KINDS.stream()
        .filter(k -> k.kind().equals(kind))
        .findFirst()
        .orElseThrow();
  }

  static GenericKubernetesResource gatewayObject(String namespace, String kind, String name) {
    return GatewayStep.resources(h.client, kind(kind)).inNamespace(namespace).withName(name).get();
  }

  /** The operator's requests for the gateway's kinds but its watches, in the audit log's order. */
  static List<dev.platform.genai.controlplane.AuditLog.Request> gatewayRequests(
      dev.platform.genai.controlplane.AuditLog audit) {
    return audit.by(RealClusterFixtures.OPERATOR).stream()
        .filter(r -> r.apiGroup().endsWith("envoyproxy.io") && !r.verb().equals("watch"))
        .toList();
  }

  static List<GenericKubernetesResource> gatewayObjects(String namespace) {
    return DesiredAiGateway.KINDS.stream()
        .flatMap(
            k ->
                GatewayStep.resources(h.client, k)
                    .inNamespace(namespace)
                    .list()
                    .getItems()
                    .stream())
        .toList();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theProjectsEndpointsGoBehindTheGatewayWithItsTokenBudgetAndLeaveWithIt() {
    GenAIProject p = Samples.project("contract-assistant.yaml");
    h.client.resource(p).create();
    p =
        h.awaitProject(
            "contract-assistant",
            x ->
                x.getStatus() != null
                    && x.getStatus().approval != null
                    && x.getStatus().approval.requiredDigest != null);
    GenAIProjectApproval a = new GenAIProjectApproval();
    a.getMetadata().setName("contract-assistant-ok");
    a.setSpec(new GenAIProjectApprovalSpec());
    a.getSpec().project = "contract-assistant";
    a.getSpec().digest = p.getStatus().approval.requiredDigest;
    a.getSpec().approvedBy = "dpo@example.com";
    a.getSpec().reference = "DPIA-2026-077";
    h.approve(a);
    p =
        h.awaitProject(
            "contract-assistant",
            x -> condition(x, "TokenBudgetReady").filter(c -> "True".equals(c.status)).isPresent());
    assertThat(condition(p, "TokenBudgetReady").orElseThrow().message)
        .contains("https://contract-assistant.models.example.com/v1", "token budget for 2026-11");
    // the managed spend is read at the gateway, for this project's workload; Cloud Monitoring is
    // the check
    p =
        h.awaitProject(
            "contract-assistant",
            x ->
                condition(x, "TokenBudgetReady")
                    .filter(c -> c.message.contains("counted at the gateway this month"))
                    .isPresent());
    assertThat(condition(p, "TokenBudgetReady").orElseThrow().message)
        .contains("counted at the gateway this month: 4000000 tokens, 3.14 EUR");
    assertThat(p.getStatus().budget.managedSource).isEqualTo("Gateway");
    assertThat(p.getStatus().budget.gateway.spend).isEqualTo("3.14"); // 3 x 0.28 + 1 x 2.30
    assertThat(p.getStatus().budget.managed).isEqualTo("3.14");
    assertThat(p.getStatus().budget.managedCheck).isEqualTo("1.71"); // 2 x 0.28 + 0.5 x 2.30
    assertThat(condition(p, "ManagedSpendTracked").orElseThrow().status).isEqualTo("True");
    assertThat(p.getStatus().endpoints)
        .filteredOn(e -> e.name.equals("gemini-flash"))
        .extracting(e -> e.tokensThisMonth + " " + e.spendThisMonth)
        .containsExactly("4000000 3.14");
    assertThat(p.getStatus().endpoints)
        .extracting(e -> e.name + " " + e.gatewayUrl)
        .containsExactlyInAnyOrder(
            "llama-8b https://contract-assistant.models.example.com/v1",
            "gemini-flash https://contract-assistant.models.example.com/v1");
    List<GenericKubernetesResource> objects = gatewayObjects("genai-contract-assistant");
    assertThat(objects)
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "Backend/vertex-europe-west4",
            "Backend/model-llama-8b",
            "AIServiceBackend/model-llama-8b",
            "AIServiceBackend/model-gemini-flash",
            "BackendSecurityPolicy/vertex-europe-west4",
            "AIGatewayRoute/models",
            "SecurityPolicy/models",
            "BackendTrafficPolicy/token-budget-2026-11");
    String uid = p.getMetadata().getUid();
    assertThat(objects)
        .allSatisfy(
            o ->
                assertThat(o.getMetadata().getOwnerReferences())
                    .anySatisfy(r -> assertThat(r.getUid()).isEqualTo(uid)));

    // like every child, a hand edit is undone within seconds, whichever kind: the managed model's
    // traffic sent to another host, its backend pointed elsewhere, Google credentials of another
    // project, the authorization taken out of the SecurityPolicy (any holder of a token of the
    // issuer could call the models), the month's token budget raised, and then deleted
    String ns = "genai-contract-assistant";
    Map<String, String> wanted = new java.util.LinkedHashMap<>();
    Map<String, java.util.function.Consumer<Map<String, Object>>> tamper =
        new java.util.LinkedHashMap<>();
    tamper.put(
        "Backend/vertex-europe-west4",
        spec ->
            ((Map<String, Object>)
                    ((Map<String, Object>) ((List<Object>) spec.get("endpoints")).get(0))
                        .get("fqdn"))
                .put("hostname", "collector.attacker.example.com"));
    tamper.put(
        "AIServiceBackend/model-gemini-flash",
        spec -> ((Map<String, Object>) spec.get("backendRef")).put("name", "model-llama-8b"));
    tamper.put(
        "BackendSecurityPolicy/vertex-europe-west4",
        spec ->
            ((Map<String, Object>) spec.get("gcpCredentials"))
                .put("projectName", "someone-elses-project"));
    tamper.put("SecurityPolicy/models", spec -> spec.remove("authorization"));
    tamper.put(
        "BackendTrafficPolicy/token-budget-2026-11",
        spec ->
            ((Map<String, Object>)
                    ((Map<String, Object>)
                            ((List<Object>)
                                    ((Map<String, Object>)
                                            ((Map<String, Object>) spec.get("rateLimit"))
                                                .get("global"))
                                        .get("rules"))
                                .get(0))
                        .get("limit"))
                .put("requests", 4_000_000_000L));
    tamper.forEach(
        (id, change) -> {
          String kind = id.substring(0, id.indexOf('/'));
          GenericKubernetesResource o = gatewayObject(ns, kind, id.substring(kind.length() + 1));
          wanted.put(id, h.client.getKubernetesSerialization().asJson(o.get("spec")));
          change.accept((Map<String, Object>) o.getAdditionalProperties().get("spec"));
          GatewayStep.resources(h.client, kind(kind)).inNamespace(ns).resource(o).update();
        });
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                wanted.forEach(
                    (id, spec) -> {
                      String kind = id.substring(0, id.indexOf('/'));
                      assertThat(
                              h.client
                                  .getKubernetesSerialization()
                                  .asJson(
                                      gatewayObject(ns, kind, id.substring(kind.length() + 1))
                                          .get("spec")))
                          .as(id + " written back")
                          .isEqualTo(spec);
                    }));
    GatewayStep.resources(h.client, kind("BackendTrafficPolicy"))
        .inNamespace(ns)
        .withName("token-budget-2026-11")
        .delete();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(gatewayObject(ns, "BackendTrafficPolicy", "token-budget-2026-11"))
                    .isNotNull());
    // and a resync compares with the informers' cache: no read of these kinds, no write
    var audit = h.real.controlPlane.audit();
    int before = gatewayRequests(audit).size();
    h.resyncAll(1);
    assertThat(gatewayRequests(audit).subList(before, gatewayRequests(audit).size()))
        .as("the operator's requests for the gateway's kinds during a resync")
        .isEmpty();

    // the platform team moves the projects to another host: the route follows
    h.editPolicy(
        changed -> changed.getSpec().aiGateway.hostnameTemplate = "{project}.ai.example.com");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                gatewayObjects("genai-contract-assistant").stream()
                    .filter(o -> o.getKind().equals("AIGatewayRoute"))
                    .anyMatch(
                        o ->
                            o.get("spec", "hostnames")
                                .toString()
                                .contains("contract-assistant.ai.example.com")));

    // the gateway is taken out of the policy: the operator deletes what it wrote there, the project
    // stays
    h.editPolicy(changed -> changed.getSpec().aiGateway = null);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> gatewayObjects("genai-contract-assistant").isEmpty());
    p = h.awaitProject("contract-assistant", x -> condition(x, "TokenBudgetReady").isEmpty());
    assertThat(p.getMetadata().getDeletionTimestamp()).isNull();

    // back behind the gateway; then the project goes, and its gateway objects with it (owner
    // references, the real
    // garbage collector)
    h.editPolicy(
        changed -> {
          changed.getSpec().aiGateway =
              h.client
                  .getKubernetesSerialization()
                  .unmarshal(policyText(), GenAIPlatformPolicy.class)
                  .getSpec()
                  .aiGateway;
        });
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> gatewayObjects("genai-contract-assistant").size() == 8);
    h.client.resource(h.project("contract-assistant")).delete();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> gatewayObjects("genai-contract-assistant").isEmpty());
  }
}
