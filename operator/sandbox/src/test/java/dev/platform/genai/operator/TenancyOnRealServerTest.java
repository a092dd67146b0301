package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.Samples;
import dev.platform.genai.api.TeamSubject;
import dev.platform.genai.controlplane.RealCluster;
import dev.platform.genai.model.Names;
import dev.platform.genai.model.TeamRole;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The tenant boundary (docs/tenancy.md) on the real control plane with the controllers a cluster
 * runs (RBAC aggregation fills admin and edit, so what RBAC allows the team is what a cluster
 * allows) and the chart's admission policies: acting as the declared owner and member of the
 * Confidential sample (impersonation, as {@code kubectl --as}), each way out the lead found is
 * refused by the API server with a message that says what to do instead, and what the team must
 * keep doing still works. Every refusal is checked to be the tenancy policy's (its message), not
 * RBAC's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenancyOnRealServerTest {
  static final String CONFIDENTIAL = "genai-claims-summarizer";
  static final String PUBLIC = "genai-support-copilot";
  static OperatorHarness h;
  static KubernetesClient owner;
  static KubernetesClient member;
  static KubernetesClient publicMember;

  @BeforeAll
  static void start() {
    h = OperatorHarness.onRealCluster(Map.of(), null);
    h.apply(
        "confidential-pilot.yaml"); // owner jonas.weber, members claims-ai-devs + ci/ci-deployer
    h.apply("public-pilot.yaml"); // owner marc.dubois, members support-ai-devs
    h.awaitPhase("claims-summarizer", "Ready");
    h.awaitPhase("support-copilot", "Ready");
    owner = h.real.as("jonas.weber@example.com");
    member = h.real.as("dev@example.com", "claims-ai-devs");
    publicMember = h.real.as("dev2@example.com", "support-ai-devs");
    // the policy reads the namespace from the API server's informer cache, a moment behind the
    // operator's write of the team annotations: wait until a declared member can be bound
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                owner.resource(binding("probe", "edit", group("claims-ai-devs"))).dryRun().create()
                    != null);
  }

  @AfterAll
  static void stop() {
    for (KubernetesClient c : new KubernetesClient[] {owner, member, publicMember}) {
      if (c != null) {
        c.close();
      }
    }
    if (h != null) {
      h.close();
    }
  }

  @Test
  @Order(1)
  void theNamespaceListsTheDeclaredPeoplePerRole() {
    Map<String, String> a =
        h.client.namespaces().withName(CONFIDENTIAL).get().getMetadata().getAnnotations();
    assertThat(a)
        .containsEntry(TeamRole.OWNERS.annotation(), "User:jonas.weber@example.com")
        .containsEntry(
            TeamRole.MEMBERS.annotation(), "Group:claims-ai-devs,ServiceAccount:ci/ci-deployer")
        .containsEntry(TeamRole.VIEWERS.annotation(), "");
  }

  @Test
  @Order(2)
  void noTeamNetworkPolicyWidensTheGuardrails() {
    String refusal = "NetworkPolicies in project namespace " + CONFIDENTIAL + " are the operator's";
    refused(
        () -> member.resource(Samples.allowAllEgress(CONFIDENTIAL)).create(),
        refusal,
        "spec.network.egressCidrs");
    refused(() -> owner.resource(Samples.allowAllEgress(CONFIDENTIAL)).create(), refusal);
    // nor by editing the operator's own: egress to everywhere added to genai-egress
    refused(
        () ->
            owner
                .network()
                .networkPolicies()
                .inNamespace(CONFIDENTIAL)
                .withName(Names.EGRESS_POLICY)
                .edit(
                    np -> {
                      np.getSpec()
                          .getEgress()
                          .add(Samples.allowAllEgress(CONFIDENTIAL).getSpec().getEgress().get(0));
                      return np;
                    }),
        refusal);
    // nor by deleting it (the operator would restore it, but the namespace would be open until
    // then)
    refused(
        () ->
            member
                .network()
                .networkPolicies()
                .inNamespace(CONFIDENTIAL)
                .withName(Names.EGRESS_POLICY)
                .delete(),
        refusal);
    assertThat(
            h.client
                .network()
                .networkPolicies()
                .inNamespace(CONFIDENTIAL)
                .withName(Names.EGRESS_POLICY)
                .get()
                .getMetadata()
                .getDeletionTimestamp())
        .isNull();
    // a Public namespace too: its ingress isolation would be opened the same way
    refused(
        () -> publicMember.resource(Samples.allowAllEgress(PUBLIC)).create(),
        "NetworkPolicies in project namespace " + PUBLIC + " are the operator's");
    // an exempt identity (the cluster admin, system:masters by the chart's default) still may
    NetworkPolicy admitted =
        h.client.resource(Samples.allowAllEgress(CONFIDENTIAL)).dryRun().create();
    assertThat(admitted.getMetadata().getName()).isEqualTo("allow-all-egress");
  }

  @Test
  @Order(3)
  void onlyDeclaredPeopleAreBoundAndNoHigherThanDeclared() {
    String undeclared = "only the people GenAIProject claims-summarizer declares are bound";
    // someone the project does not declare, even at view
    refused(
        () -> owner.resource(binding("mallory", "admin", user("mallory@example.com"))).create(),
        "binds User:mallory@example.com to ClusterRole admin",
        undeclared,
        "spec.team");
    refused(
        () -> owner.resource(binding("mallory", "view", user("mallory@example.com"))).create(),
        undeclared);
    // a declared member above its role
    refused(
        () -> owner.resource(binding("devs-admin", "admin", group("claims-ai-devs"))).create(),
        "binds Group:claims-ai-devs to ClusterRole admin");
    // everyone
    refused(
        () -> owner.resource(binding("all", "view", group("system:authenticated"))).create(),
        "never opened to every user or every ServiceAccount");
    refused(
        () ->
            owner.resource(binding("all-sa", "view", group("system:serviceaccounts:ci"))).create(),
        "never opened to every user or every ServiceAccount");
    // another namespace's ServiceAccount the project does not declare
    refused(
        () -> owner.resource(binding("bot", "view", serviceAccount("other", "bot"))).create(),
        "binds ServiceAccount:other/bot");
    // this namespace's own ServiceAccount as admin: every member running a pod as it would be one
    refused(
        () ->
            owner
                .resource(binding("sa-admin", "admin", serviceAccount(CONFIDENTIAL, "workload")))
                .create(),
        "binds ServiceAccount:" + CONFIDENTIAL + "/workload to ClusterRole admin");
    // the operator's own binding, widened by hand
    refused(
        () ->
            owner
                .rbac()
                .roleBindings()
                .inNamespace(CONFIDENTIAL)
                .withName(TeamRole.OWNERS.bindingName())
                .edit(
                    b -> {
                      b.getSubjects().add(user("mallory@example.com"));
                      return b;
                    }),
        "binds User:mallory@example.com to ClusterRole admin");

    // what must keep working: an owner binds a declared member at its level, a declared
    // ServiceAccount of another namespace, and the namespace's own ServiceAccounts below admin
    for (RoleBinding ok :
        List.of(
            binding("devs-edit", "edit", group("claims-ai-devs")),
            binding("ci-view", "view", serviceAccount("ci", "ci-deployer")),
            binding("workload-edit", "edit", serviceAccount(CONFIDENTIAL, "workload")))) {
      owner.resource(ok).create();
      owner.resource(ok).delete();
    }
  }

  @Test
  @Order(4)
  void aConfidentialNamespaceIsNotReachableFromOutsideTheCluster() {
    String closed = "Confidential project namespace " + CONFIDENTIAL + " is not reachable";
    refused(() -> member.resource(service("lb", "LoadBalancer", null)).create(), closed);
    refused(() -> member.resource(service("np", "NodePort", null)).create(), closed);
    refused(
        () -> member.resource(service("ext", "ClusterIP", List.of("203.0.113.7"))).create(),
        closed,
        "externalIPs");
    refused(() -> member.resource(ingress(CONFIDENTIAL)).create(), closed);
    // another project's member has no way in at all (RBAC: nothing binds it here)
    assertThatThrownBy(() -> publicMember.pods().inNamespace(CONFIDENTIAL).list())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    // inside the cluster it serves as before
    Service inside = member.resource(service("inside", "ClusterIP", null)).create();
    member.resource(inside).delete();
  }

  @Test
  @Order(5)
  void aPublicProjectMayExposeItsWorkloads() {
    Service lb = service("lb", "LoadBalancer", null);
    lb.getMetadata().setNamespace(PUBLIC);
    publicMember.resource(lb).create();
    publicMember.resource(lb).delete();
    Ingress in = ingress(PUBLIC);
    publicMember.resource(in).create();
    publicMember.resource(in).delete();
  }

  @Test
  @Order(6)
  void aPersonAddedToTheProjectMayThenBeBound() {
    refused(
        () -> owner.resource(binding("leads", "view", group("claims-leads"))).create(),
        "binds Group:claims-leads");
    h.editProject(
        "claims-summarizer",
        p -> p.getSpec().team.viewers = List.of(new TeamSubject("Group", "claims-leads", null)));
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> owner.resource(binding("leads", "view", group("claims-leads"))).create() != null);
    // at the declared level only
    refused(
        () -> owner.resource(binding("leads-edit", "edit", group("claims-leads"))).create(),
        "binds Group:claims-leads to ClusterRole edit");
    owner.resource(binding("leads", "view", group("claims-leads"))).delete();
    // and the operator itself wrote everything (the projects stayed Ready through all of it)
    h.awaitPhase("claims-summarizer", "Ready");
    h.awaitPhase("support-copilot", "Ready");
  }

  @Test
  @Order(7)
  void theGuardrailsThemselvesAreOutOfTheTeamsReach() {
    // RBAC: admin and edit (as aggregated by the cluster) write no quota, limit range or project
    for (KubernetesClient c : List.of(owner, member)) {
      forbidden(
          () ->
              c.resourceQuotas()
                  .inNamespace(CONFIDENTIAL)
                  .withName(Names.QUOTA)
                  .edit(
                      q -> {
                        q.getSpec().getHard().put("requests.nvidia.com/gpu", new Quantity("64"));
                        return q;
                      }));
      forbidden(
          () -> c.limitRanges().inNamespace(CONFIDENTIAL).withName(Names.LIMIT_RANGE).delete());
      forbidden(
          () ->
              c.resources(dev.platform.genai.api.GenAIProject.class)
                  .withName("claims-summarizer")
                  .edit(
                      p -> {
                        p.getSpec().resources.gpus = 8;
                        return p;
                      }));
    }
    // Pod Security (restricted for Confidential): no host network
    assertThatThrownBy(
            () ->
                member
                    .pods()
                    .inNamespace(CONFIDENTIAL)
                    .resource(
                        new PodBuilder()
                            .withNewMetadata()
                            .withName("host")
                            .endMetadata()
                            .withNewSpec()
                            .withHostNetwork(true)
                            .addNewContainer()
                            .withName("c")
                            .withImage("registry.example/app:1")
                            .endContainer()
                            .endSpec()
                            .build())
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("violates PodSecurity")
                    .contains("hostNetwork"));
  }

  @Test
  @Order(8)
  void breakGlassIsAPlatformGroupActingAsItselfWithAReasonAndTheAuditLogSaysSo() {
    String note =
        "oncall@example.com: INC-4711 the vendor's API moved, egress until the policy has it";
    // the responders' RBAC (the platform's own: admin in every namespace)
    try (RealClusterFixtures.Grant responders = RealClusterFixtures.breakGlassResponders(h);
        KubernetesClient oncall = h.real.as("oncall@example.com", RealCluster.BREAK_GLASS_GROUP);
        KubernetesClient impostor = h.real.as("dev@example.com", "claims-ai-devs")) {
      // without a reason the on-call is held by the same rules as the team
      refused(
          () -> oncall.resource(Samples.allowAllEgress(CONFIDENTIAL)).create(),
          "are the operator's");
      // a note naming someone else, by the on-call or by a member, is refused as such
      NetworkPolicy forged = Samples.allowAllEgress(CONFIDENTIAL);
      forged.getMetadata().setAnnotations(Map.of(BREAK_GLASS, "boss@example.com: because"));
      refused(
          () -> oncall.resource(forged).create(),
          "annotation genai.platform.dev/break-glass is \"<your user name>: <why>\"",
          "oncall@example.com cannot write \"boss@example.com: because\"");
      NetworkPolicy member = Samples.allowAllEgress(CONFIDENTIAL);
      member.getMetadata().setAnnotations(Map.of(BREAK_GLASS, "dev@example.com: I need it"));
      refused(() -> impostor.resource(member).create(), "dev@example.com cannot write");

      // the on-call, as itself, with a reason: admitted, and the API server's audit log says who
      // and why
      NetworkPolicy broken = Samples.allowAllEgress(CONFIDENTIAL);
      broken.getMetadata().setAnnotations(Map.of(BREAK_GLASS, note));
      oncall.resource(broken).create();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(
                          h.real.controlPlane.audit().requests().stream()
                              .filter(
                                  r ->
                                      r.user().equals("oncall@example.com")
                                          && r.verb().equals("create")
                                          && r.code() == 201)
                              .toList())
                      .anySatisfy(
                          r -> {
                            assertThat(r.annotations())
                                .containsEntry(
                                    "genai-operator-tenancy/break-glass",
                                    "CREATE networkpolicies "
                                        + CONFIDENTIAL
                                        + "/allow-all-egress by "
                                        + note);
                          }));
      // the team cannot change what the on-call wrote, nor take the note over
      refused(
          () ->
              impostor
                  .network()
                  .networkPolicies()
                  .inNamespace(CONFIDENTIAL)
                  .withName("allow-all-egress")
                  .edit(
                      np -> {
                        np.getMetadata().setLabels(Map.of("mine", "yes"));
                        return np;
                      }),
          "are the operator's");
      // and the on-call removes it again, as itself
      oncall.resource(broken).delete();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  h.client
                          .network()
                          .networkPolicies()
                          .inNamespace(CONFIDENTIAL)
                          .withName("allow-all-egress")
                          .get()
                      == null);
    }
  }

  @Test
  @Order(9)
  void theOperatorItselfBindsNothingButWhatItBuilds() {
    // RBAC would let the operator bind what it holds (RBAC's escalation check passes); the chart's
    // genai-operator-operator-rbac narrows it to the roles and bindings it builds
    io.fabric8.kubernetes.client.Config asOperator = h.real.operatorConfig();
    // told apart in the audit log from the operator's own requests, which must never be refused
    asOperator.setUserAgent(dev.platform.genai.controlplane.AuditLog.TEST_AS_USER_AGENT);
    try (KubernetesClient operator =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(asOperator).build()) {
      refused(
          () ->
              operator
                  .resource(
                      new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder()
                          .withNewMetadata()
                          .withName("genai-project:claims-summarizer-x")
                          .endMetadata()
                          .withNewRoleRef()
                          .withApiGroup("rbac.authorization.k8s.io")
                          .withKind("ClusterRole")
                          .withName("genai-operator")
                          .endRoleRef()
                          .withSubjects(user("mallory@example.com"))
                          .build())
                  .create(),
          "genai-operator-operator-rbac",
          "the operator binds only ClusterRole genai-project:<project>");
      refused(
          () ->
              operator
                  .resource(
                      new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder()
                          .withNewMetadata()
                          .withName("genai-project:someone-elses")
                          .endMetadata()
                          .addNewRule()
                          .withApiGroups("")
                          .withResources("namespaces")
                          .withVerbs("get", "list")
                          .endRule()
                          .build())
                  .dryRun()
                  .create(),
          "genai-operator-operator-rbac",
          "get and watch that one GenAIProject");
      RoleBinding toItsOwnRole =
          binding("operator-power", "genai-operator", user("mallory@example.com"));
      refused(
          () -> operator.resource(toItsOwnRole).create(),
          "genai-operator-operator-rbac",
          "not ClusterRole genai-operator");
    }
  }

  /**
   * Gateway API routes, where the cluster serves them (HTTPRoute, v1.5.1's CRD as it ships), and
   * the platform aggregates them into the built-in edit role as a platform that installs Gateway
   * API would: a member of the Confidential project is refused its route by the tenancy policy (not
   * by RBAC), a member of the Public project is not.
   */
  @Test
  @Order(10)
  void aRouteFromOutsideIsRefusedForConfidentialDataAndAdmittedForPublic() throws Exception {
    String crd = "httproutes.gateway.networking.k8s.io";
    io.fabric8.kubernetes.api.model.rbac.ClusterRole routesToEdit =
        new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder()
            .withNewMetadata()
            .withName("gateway-api-routes-edit")
            .addToLabels("rbac.authorization.k8s.io/aggregate-to-edit", "true")
            .endMetadata()
            .addNewRule()
            .withApiGroups("gateway.networking.k8s.io")
            .withResources("httproutes")
            .withVerbs("create", "update", "patch", "delete", "get", "list", "watch")
            .endRule()
            .build();
    try (KubernetesClient admin = h.real.admin();
        java.io.InputStream in =
            TenancyOnRealServerTest.class.getResourceAsStream(
                "/gateway-api/gateway.networking.k8s.io_httproutes.yaml")) {
      admin
          .resource(
              admin
                  .getKubernetesSerialization()
                  .unmarshal(
                      in,
                      io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition
                          .class))
          .create();
      admin.resource(routesToEdit).create();
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> dev.platform.genai.controlplane.KueueManager.established(admin, crd));
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(
                () ->
                    publicMember
                            .genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                            .resource(route(PUBLIC, "probe"))
                            .dryRun()
                            .create()
                        != null);
        refused(
            () ->
                member
                    .genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                    .resource(route(CONFIDENTIAL, "from-outside"))
                    .create(),
            "HTTPRoute from-outside",
            "is not reachable from outside the cluster");
        assertThat(
                publicMember
                    .genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                    .resource(route(PUBLIC, "from-outside"))
                    .create())
            .as("Public data may be exposed")
            .isNotNull();
      } finally {
        admin
            .genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
            .inNamespace(PUBLIC)
            .delete();
        admin.resource(routesToEdit).delete();
        admin.apiextensions().v1().customResourceDefinitions().withName(crd).delete();
      }
    }
  }

  /** An HTTPRoute to the namespace's Service "chat" from the platform's Gateway. */
  static io.fabric8.kubernetes.api.model.GenericKubernetesResource route(String ns, String name) {
    io.fabric8.kubernetes.api.model.GenericKubernetesResource r =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
    r.setApiVersion("gateway.networking.k8s.io/v1");
    r.setKind("HTTPRoute");
    r.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withNamespace(ns)
            .build());
    r.setAdditionalProperty(
        "spec",
        Map.of(
            "parentRefs",
            java.util.List.of(Map.of("name", "public", "namespace", "gateway-system")),
            "rules",
            java.util.List.of(
                Map.of("backendRefs", java.util.List.of(Map.of("name", "chat", "port", 80))))));
    return r;
  }

  static final String BREAK_GLASS = "genai.platform.dev/break-glass";

  private static void forbidden(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }

  /** Refused by one of the chart's admission policies (tenancy, operator RBAC), not by RBAC. */
  private static void refused(Runnable call, String... says) {
    RealClusterFixtures.refusedBy("genai-operator-", call, says);
  }

  static RoleBinding binding(String name, String clusterRole, Subject subject) {
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(CONFIDENTIAL)
        .endMetadata()
        .withNewRoleRef()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("ClusterRole")
        .withName(clusterRole)
        .endRoleRef()
        .withSubjects(subject)
        .build();
  }

  static Subject user(String name) {
    return new SubjectBuilder()
        .withKind("User")
        .withName(name)
        .withApiGroup("rbac.authorization.k8s.io")
        .build();
  }

  static Subject group(String name) {
    return new SubjectBuilder()
        .withKind("Group")
        .withName(name)
        .withApiGroup("rbac.authorization.k8s.io")
        .build();
  }

  static Subject serviceAccount(String namespace, String name) {
    return new SubjectBuilder()
        .withKind("ServiceAccount")
        .withName(name)
        .withNamespace(namespace)
        .build();
  }

  static Service service(String name, String type, List<String> externalIps) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(CONFIDENTIAL)
        .endMetadata()
        .withNewSpec()
        .withType(type)
        .withSelector(Map.of("app", name))
        .withExternalIPs(externalIps)
        .addNewPort()
        .withPort(8080)
        .endPort()
        .endSpec()
        .build();
  }

  static Ingress ingress(String ns) {
    return new IngressBuilder()
        .withNewMetadata()
        .withName("web")
        .withNamespace(ns)
        .endMetadata()
        .withNewSpec()
        .withNewDefaultBackend()
        .withNewService()
        .withName("web")
        .withNewPort()
        .withNumber(8080)
        .endPort()
        .endService()
        .endDefaultBackend()
        .endSpec()
        .build();
  }
}
