package dev.platform.genai.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import dev.platform.genai.vocabulary.ConditionStatus;
import dev.platform.genai.vocabulary.Reason;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What stored in a project namespace breaks the tenant boundary, judged by the admission policy's
 * own rules (the policy itself is judged on the real API server: TenancyOnRealServerTest): the
 * Confidential sample (owner jonas.weber, members claims-ai-devs and ci/ci-deployer).
 */
class TenancyFindingsTest {
  static final String NS = "genai-claims-summarizer";

  static ProjectModel model(String sample) {
    return Planner.admit(Samples.project(sample), new Resolution(Samples.policy(), List.of()))
        .model();
  }

  @Test
  void theOperatorsOwnObjectsAndDeclaredPeopleAtTheirLevelAreNoFinding() {
    ProjectModel m = model("confidential-pilot.yaml");
    List<String> f =
        TenancyFindings.of(
            m,
            List.of(networkPolicy("genai-egress", true, null)),
            List.of(
                binding("genai-owners", "admin", true, "User", "someone-the-operator-wrote"),
                binding("devs", "edit", false, "Group", "claims-ai-devs"),
                binding("ci", "view", false, "ServiceAccount", "ci/ci-deployer"),
                binding("app", "edit", false, "ServiceAccount", NS + "/workload")),
            List.of(service("model-chat", "ClusterIP", true)),
            List.of());
    assertThat(f).isEmpty();
    assertThat(TenancyReport.part(m, f))
        .satisfies(
            p -> {
              assertThat(p.status()).isEqualTo(ConditionStatus.True);
              assertThat(p.reason()).isEqualTo(Reason.BoundaryHeld);
              assertThat(p.message()).endsWith("nothing reachable from outside the cluster.");
            });
  }

  @Test
  void whatAdmissionWouldRefuseTodayIsNamedWithWhyAndABreakGlassNote() {
    ProjectModel m = model("confidential-pilot.yaml");
    List<String> f =
        TenancyFindings.of(
            m,
            List.of(
                networkPolicy("vendor", false, "oncall@example.com: INC-4711 vendor egress"),
                networkPolicy("genai-isolation", true, null)),
            List.of(
                binding("devs-admin", "admin", false, "Group", "claims-ai-devs"),
                binding("all", "view", false, "Group", "system:authenticated"),
                binding("sa-admin", "admin", false, "ServiceAccount", NS + "/workload"),
                binding("other", "view", false, "ServiceAccount", "other/bot")),
            List.of(service("lb", "LoadBalancer", false), service("inside", "ClusterIP", false)),
            List.of(ingress("web")));
    assertThat(f)
        .containsExactly(
            "NetworkPolicy vendor is not the operator's (policies add up: it can only widen the"
                + " guardrails) (break-glass: oncall@example.com: INC-4711 vendor egress)",
            "RoleBinding all binds Group:system:authenticated to ClusterRole view, which the project"
                + " does not declare",
            "RoleBinding devs-admin binds Group:claims-ai-devs to ClusterRole admin, which the"
                + " project does not declare",
            "RoleBinding other binds ServiceAccount:other/bot to ClusterRole view, which the project"
                + " does not declare",
            "RoleBinding sa-admin binds ServiceAccount:"
                + NS
                + "/workload to ClusterRole admin, which the project does not declare",
            "Service lb is of type LoadBalancer, reachable from outside the cluster",
            "Ingress web exposes the namespace outside the cluster");
    PartOutcome p = TenancyReport.part(m, f);
    assertThat(p.status()).isEqualTo(ConditionStatus.False);
    assertThat(p.reason()).isEqualTo(Reason.BoundaryBreached);
    assertThat(p.message())
        .startsWith("7 objects in namespace genai-claims-summarizer break the tenant boundary")
        .contains("Remove them, or make them fit (docs/tenancy.md).");
  }

  @Test
  void aPublicProjectMayExposeButNotWidenItsNetworkPolicies() {
    ProjectModel m = model("public-pilot.yaml");
    List<String> f =
        TenancyFindings.of(
            m,
            List.of(networkPolicy("mine", false, null)),
            List.of(),
            List.of(service("lb", "LoadBalancer", false)),
            List.of(ingress("web")));
    assertThat(f).singleElement().asString().startsWith("NetworkPolicy mine is not the operator's");
  }

  @Test
  void aBreakGlassObjectIsAWarningEventOnceWhenTheConditionFirstNamesIt() {
    ProjectModel m = model("confidential-pilot.yaml");
    List<String> f =
        TenancyFindings.of(
            m,
            List.of(
                networkPolicy("vendor", false, "oncall@example.com: INC-4711 vendor egress"),
                networkPolicy("legacy", false, null)),
            List.of(),
            List.of(),
            List.of());
    dev.platform.genai.api.GenAIProject p = Samples.project("confidential-pilot.yaml");
    assertThat(TenancyReport.breakGlass(p, f))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.type()).isEqualTo("Warning");
              assertThat(n.reason()).isEqualTo(Reason.BreakGlass);
              assertThat(n.message())
                  .isEqualTo(
                      "Break-glass: NetworkPolicy vendor is not the operator's (policies add up: it"
                          + " can only widen the guardrails) (break-glass: oncall@example.com:"
                          + " INC-4711 vendor egress).");
            });
    // once the stored condition names it, no second Event (a restart reads the same status)
    p.setStatus(new dev.platform.genai.api.GenAIProjectStatus());
    dev.platform.genai.api.ProjectCondition c = new dev.platform.genai.api.ProjectCondition();
    c.type = "TenantBoundaryHeld";
    c.message = TenancyReport.part(m, f).message();
    p.getStatus().conditions = new java.util.ArrayList<>(List.of(c));
    assertThat(TenancyReport.breakGlass(p, f)).isEmpty();
    assertThat(TenancyReport.breakGlass(p, null)).isEmpty();
  }

  @Test
  void objectsThatCannotBeListedAreSaidToBeUnknownRatherThanGuessedOrLeftUnsaid() {
    PartOutcome p = TenancyReport.part(model("public-pilot.yaml"), null);
    assertThat(p.status()).isEqualTo(ConditionStatus.False);
    assertThat(p.reason()).isEqualTo(Reason.BoundaryUnknown);
    assertThat(p.message())
        .startsWith(
            "Whether anything in namespace genai-support-copilot breaks the tenant boundary is"
                + " unknown")
        .contains("The operator's ClusterRole needs list on them");
  }

  static Map<String, String> ours(boolean ours) {
    return ours ? Map.of(Names.MANAGED_BY, Names.OPERATOR) : Map.of();
  }

  static NetworkPolicy networkPolicy(String name, boolean ours, String breakGlass) {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(ours(ours))
        .withAnnotations(
            breakGlass == null ? Map.of() : Map.of(TenancyFindings.BREAK_GLASS, breakGlass))
        .endMetadata()
        .build();
  }

  static RoleBinding binding(String name, String role, boolean ours, String kind, String who) {
    var s = new SubjectBuilder().withKind(kind);
    if (kind.equals("ServiceAccount")) {
      s.withNamespace(who.substring(0, who.indexOf('/')))
          .withName(who.substring(who.indexOf('/') + 1));
    } else {
      s.withName(who).withApiGroup("rbac.authorization.k8s.io");
    }
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(ours(ours))
        .endMetadata()
        .withNewRoleRef()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("ClusterRole")
        .withName(role)
        .endRoleRef()
        .withSubjects(s.build())
        .build();
  }

  static Service service(String name, String type, boolean ours) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(ours(ours))
        .endMetadata()
        .withNewSpec()
        .withType(type)
        .endSpec()
        .build();
  }

  static Ingress ingress(String name) {
    return new IngressBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .build();
  }
}
