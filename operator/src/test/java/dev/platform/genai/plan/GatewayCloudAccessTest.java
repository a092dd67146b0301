package dev.platform.genai.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.model.Grant;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Behind the gateway a workload cannot call the provider around it: the provider's roles leave the
 * project's workload and go to the gateway's identity (through the same per-policy IAM path), and
 * the namespace opens no egress to the provider.
 */
class GatewayCloudAccessTest {
  static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
  static final String WORKLOAD =
      "principal://iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/"
          + "acme-platform.svc.id.goog/subject/ns/genai-contract-assistant/sa/workload";
  static final String GATEWAY =
      "principal://iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/"
          + "acme-platform.svc.id.goog/subject/ns/envoy-gateway-system/sa/envoy-genai-gateway";

  static PlatformPolicy policy(String serviceAccount) {
    PlatformPolicy d = Samples.policy();
    PlatformPolicy.AiGateway g = d.aiGateway();
    return new PlatformPolicy(
        d.namespacePrefix(),
        d.caps(),
        d.projectCpu(),
        d.projectMemory(),
        d.containerDefaults(),
        d.podSecurity(),
        d.monitoringNamespace(),
        d.ingressNamespaces(),
        d.egressCidrs(),
        d.cloud(),
        d.prices(),
        d.models(),
        d.promotion(),
        d.gpuTypes(),
        d.kueue(),
        d.residency(),
        new PlatformPolicy.AiGateway(
            g.gatewayName(),
            g.gatewayNamespace(),
            g.hostnameTemplate(),
            g.issuer(),
            g.audience(),
            g.jwksUri(),
            g.jwks(),
            g.throttleFallbacks(),
            serviceAccount),
        d.idleReclaim(),
        d.source());
  }

  static Plan plan(PlatformPolicy policy, List<String> installed) {
    GenAIProject p = Samples.project("contract-assistant.yaml");
    Planner.Admission admission = Planner.admit(p, new Resolution(policy, List.of()));
    GenAIProjectApproval a =
        Samples.approval(
            "contract-assistant-approved",
            "contract-assistant",
            admission.model().endpoints().digest());
    return Planner.plan(
        admission,
        Observed.at(NOW, InstalledApis.of(installed))
            .approvals(List.of(a))
            .cost(CostReading.notDue(NOW.plusSeconds(60)))
            .cloud(CloudIdentity.of("acme-platform", 123456L))
            .build());
  }

  @Test
  void theProvidersRoleIsTheGatewaysNotTheWorkloads() {
    Plan direct = plan(policy("envoy-genai-gateway"), List.of());
    assertThat(direct.cloud().grants())
        .contains(new Grant("projects/acme-legal-ai", "roles/aiplatform.user", WORKLOAD));
    assertThat(direct.model().network().egressCidrs())
        .as("without the gateway, egress to Google's private range")
        .contains("199.36.153.8/30");

    Plan gateway = plan(policy("envoy-genai-gateway"), List.of(InstalledApis.ENVOY_AI_GATEWAY));
    assertThat(gateway.cloud().grants())
        .contains(
            new Grant("projects/acme-legal-ai", "roles/aiplatform.user", GATEWAY),
            new Grant("projects/acme-legal-ai", "roles/storage.objectViewer", WORKLOAD))
        .doesNotContain(new Grant("projects/acme-legal-ai", "roles/aiplatform.user", WORKLOAD));
    assertThat(gateway.cloud().withheld())
        .as("revoked where the operator granted it")
        .containsExactly(new Grant("projects/acme-legal-ai", "roles/aiplatform.user", WORKLOAD));
    assertThat(gateway.model().network().egressCidrs())
        .as("the provider is reached through the gateway")
        .doesNotContain("199.36.153.8/30");
  }

  @Test
  void withoutTheGatewaysIdentityInThePolicyTheWorkloadStillLosesTheRole() {
    Set<Grant> grants =
        plan(policy(null), List.of(InstalledApis.ENVOY_AI_GATEWAY)).cloud().grants();
    assertThat(grants).noneMatch(g -> g.role().equals("roles/aiplatform.user"));
  }
}
