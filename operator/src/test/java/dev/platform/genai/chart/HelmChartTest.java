package dev.platform.genai.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.platform.genai.TestFiles;
import dev.platform.genai.admission.AdmissionRules;
import dev.platform.genai.config.Settings;
import dev.platform.genai.operator.RbacRequirements;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The chart, rendered and linted in-process with helm-java. */
class HelmChartTest {
  static final Path CHART = TestFiles.repoRoot().resolve("charts/genai-operator");
  static final KubernetesSerialization K8S = new KubernetesSerialization();

  static List<HasMetadata> template(UnaryOperator<TemplateCommand> values) {
    String yaml =
        values
            .apply(
                new Helm(CHART).template().withName("genai-operator").withNamespace("genai-system"))
            .call();
    List<HasMetadata> out = new java.util.ArrayList<>();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
        out.add(K8S.unmarshal(doc));
      }
    }
    return out;
  }

  static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type, String name) {
    return objects.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void lintIsClean() {
    LintResult r = new Helm(CHART).lint().strict().call();
    assertThat(r.isFailed()).as(String.join("\n", r.getMessages())).isFalse();
  }

  @Test
  void defaultsGiveAnHaLeastPrivilegeHardenedDeployment() {
    List<HasMetadata> objects = template(t -> t);
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder(
            "ServiceAccount",
            "ClusterRole",
            "ClusterRole",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Service",
            "Deployment",
            "PodDisruptionBudget",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding",
            "CustomResourceDefinition",
            "CustomResourceDefinition",
            "CustomResourceDefinition",
            "CustomResourceDefinition",
            "CustomResourceDefinition",
            "ConfigMap",
            "ConfigMap");
    Deployment d = only(objects, Deployment.class, "genai-operator");
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    var pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var c = pod.getContainers().get(0);
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(env(d))
        .containsEntry("GENAI_LEADER_ELECTION", "true")
        .containsEntry("GENAI_LEADER_ELECTION_NAMESPACE", "genai-system")
        .doesNotContainKeys("GENAI_GCP_CLUSTER_PROJECT", "GENAI_PROMETHEUS_URL");
  }

  @Test
  void nonDefaultValuesReachTheOperatorAsItsSettings() {
    List<HasMetadata> objects =
        template(
            t ->
                t.set("replicaCount", 1)
                    .set("gcp.clusterProject", "acme-gke-prod")
                    .set("prometheus.url", "http://prometheus.monitoring:9090")
                    .set("metrics.serviceMonitor.enabled", true)
                    .set("logging.format", "json")
                    .set(
                        "serviceAccount.annotations.iam\\.gke\\.io/gcp-service-account",
                        "op@acme-gke-prod.iam.gserviceaccount.com")
                    .set("policy.create", true)
                    .set("policy.spec.namespacePrefix", "ai-")
                    .set("rbac.complianceGroup", "compliance-officers")
                    .set("policy.spec.caps.pilot.gpus", 2));
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains("ServiceMonitor", "GenAIPlatformPolicy")
        .doesNotContain("PodDisruptionBudget");
    var complianceBinding =
        only(
            objects,
            io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class,
            "genai-operator-compliance");
    assertThat(complianceBinding.getSubjects())
        .singleElement()
        .satisfies(sub -> assertThat(sub.getName()).isEqualTo("compliance-officers"));
    assertThat(
            only(objects, ClusterRole.class, "genai-operator-compliance")
                .getRules()
                .get(0)
                .getResources())
        .containsExactly("genaiprojectapprovals");
    Deployment d = only(objects, Deployment.class, "genai-operator");
    Map<String, String> env = env(d);
    assertThat(env)
        .containsEntry("GENAI_GCP_CLUSTER_PROJECT", "acme-gke-prod")
        .containsEntry("GENAI_PROMETHEUS_URL", "http://prometheus.monitoring:9090")
        .containsEntry("GENAI_LOG_FORMAT", "json");
    Settings s = Settings.from(env); // what the operator will read: valid, and what was asked
    assertThat(s.cloudIamEnabled()).isTrue();
    assertThat(objects)
        .filteredOn(o -> o.getKind().equals("ServiceAccount"))
        .singleElement()
        .satisfies(
            sa ->
                assertThat(sa.getMetadata().getAnnotations())
                    .containsEntry(
                        "iam.gke.io/gcp-service-account",
                        "op@acme-gke-prod.iam.gserviceaccount.com"));
    HasMetadata policy =
        objects.stream()
            .filter(o -> o.getKind().equals("GenAIPlatformPolicy"))
            .findFirst()
            .orElseThrow();
    assertThat(
            AdmissionRules.policy()
                .validate(K8S.convertValue(policy, com.fasterxml.jackson.databind.JsonNode.class)))
        .isEmpty();
  }

  @Test
  void everyEnvironmentVariableTheChartSetsIsASettingOfTheOperator() throws Exception {
    Set<String> known =
        Arrays.stream(Settings.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(
                f -> {
                  try {
                    return (String) f.get(null);
                  } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .filter(v -> v.startsWith("GENAI_"))
            .collect(Collectors.toSet());
    Deployment d =
        only(
            template(
                t ->
                    t.set("gcp.clusterProject", "acme-gke-prod")
                        .set("gcp.iamEndpoint", "http://127.0.0.1:1")
                        .set("gcp.resourceManagerEndpoint", "http://127.0.0.1:2")
                        .set("prometheus.url", "http://p:9090")),
            Deployment.class,
            "genai-operator");
    assertThat(env(d).keySet()).filteredOn(k -> k.startsWith("GENAI_")).isSubsetOf(known);
  }

  @Test
  void aValueOutsideTheSchemaIsRefused() {
    assertThatThrownBy(() -> template(t -> t.set("gcp.credentials", "json-key")))
        .hasMessageContaining("credentials");
    assertThatThrownBy(() -> template(t -> t.set("replicas", 3))).hasMessageContaining("replicas");
  }

  @Test
  void theClusterRoleGrantsExactlyWhatTheOperatorUses() {
    assertGrantsExactly(template(t -> t), false);
    assertGrantsExactly(template(t -> t.set("gcp.clusterProject", "acme-gke-prod")), true);
  }

  static void assertGrantsExactly(List<HasMetadata> objects, boolean cloudIam) {
    ClusterRole role = only(objects, ClusterRole.class, "genai-operator");
    Set<String> granted = new TreeSet<>();
    PolicyRule bind = null;
    for (PolicyRule r : role.getRules()) {
      assertThat(r.getVerbs()).doesNotContain("*", "escalate", "impersonate");
      assertThat(r.getResources()).doesNotContain("*");
      if (r.getVerbs().contains("bind")) {
        bind = r;
        continue;
      }
      for (String g : r.getApiGroups()) {
        for (String res : r.getResources()) {
          for (String v : r.getVerbs()) {
            granted.add(g + "/" + res + ":" + v);
          }
        }
      }
    }
    assertThat(granted).isEqualTo(RbacRequirements.clusterWide(cloudIam));
    assertThat(bind).isNotNull();
    assertThat(bind.getResources()).containsExactly("clusterroles");
    assertThat(bind.getResourceNames()).containsExactlyInAnyOrder("admin", "edit", "view");
  }

  /**
   * The approval policy's CEL, evaluated offline with the operator's own standard-CEL evaluator:
   * approvedBy must be the requesting user; an update that leaves the spec alone (a label) is not
   * blocked.
   */
  @Test
  void approvalsCannotNameSomeoneElseAsApprover() throws IOException {
    List<HasMetadata> objects = template(t -> t);
    var vap =
        only(
            objects,
            io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy
                .class,
            "genai-operator-approved-by");
    var binding =
        only(
            objects,
            io.fabric8.kubernetes.api.model.admissionregistration.v1
                .ValidatingAdmissionPolicyBinding.class,
            "genai-operator-approved-by");
    assertThat(binding.getSpec().getPolicyName()).isEqualTo(vap.getMetadata().getName());
    assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
    assertThat(vap.getSpec().getFailurePolicy()).isEqualTo("Fail");
    assertThat(vap.getSpec().getMatchConstraints().getResourceRules())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getResources()).containsExactly("genaiprojectapprovals");
              assertThat(r.getOperations()).containsExactlyInAnyOrder("CREATE", "UPDATE");
            });
    var validation = vap.getSpec().getValidations().get(0);
    var rule =
        new dev.platform.genai.admission.AdmissionPolicyExpression(validation.getExpression());
    var message =
        new dev.platform.genai.admission.AdmissionPolicyExpression(
            validation.getMessageExpression());
    var json =
        new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    var approval =
        json.readTree(
            TestFiles.repoRoot().resolve("samples/contract-assistant-approval.yaml").toFile());
    var relabelled = approval.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) relabelled.get("metadata"))
        .putObject("labels")
        .put("team", "legal");
    var otherSpec = approval.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) otherSpec.get("spec"))
        .put("approvedBy", "mallory@example.com");

    assertThat(rule.evaluate(approval, null, request("CREATE", "dpo@example.com"))).isEqualTo(true);
    assertThat(rule.evaluate(approval, null, request("CREATE", "mallory@example.com")))
        .isEqualTo(false);
    assertThat(message.evaluate(approval, null, request("CREATE", "mallory@example.com")))
        .isEqualTo(
            "spec.approvedBy must be your own user name, mallory@example.com: an approval records who"
                + " approved and cannot name someone else");
    assertThat(rule.evaluate(relabelled, approval, request("UPDATE", "platform-bot")))
        .isEqualTo(true);
    assertThat(rule.evaluate(otherSpec, approval, request("UPDATE", "platform-bot")))
        .isEqualTo(false);
    assertThat(rule.evaluate(otherSpec, approval, request("UPDATE", "mallory@example.com")))
        .as("the CRD's immutability rule, not this policy, refuses a changed spec")
        .isEqualTo(true);

    assertThat(template(t -> t.set("rbac.approvalAdmissionPolicy", false)))
        .extracting(o -> o.getMetadata().getName())
        .doesNotContain("genai-operator-approved-by");
  }

  /**
   * The tenant boundary (docs/tenancy.md) binds everyone writing in project namespaces but the
   * operator's own ServiceAccount (as the release names it), kube-system's controllers and the
   * identities the values exempt; what it refuses is judged on the real API server
   * (TenancyOnRealServerTest).
   */
  @Test
  void theTenantBoundaryExemptsTheOperatorAndTheNamedIdentitiesOnly() {
    var vap =
        only(
            template(
                t ->
                    t.set("serviceAccount.name", "genai-op")
                        .set("tenancy.exemptUsers[0]", "system:serviceaccount:kserve:kserve-mgr")
                        .set("tenancy.exemptGroups[0]", "platform-admins")),
            io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy
                .class,
            "genai-operator-tenancy");
    assertThat(vap.getSpec().getFailurePolicy()).isEqualTo("Fail");
    assertThat(vap.getSpec().getMatchConstraints().getNamespaceSelector().getMatchLabels())
        .containsExactly(java.util.Map.entry("app.kubernetes.io/managed-by", "genai-operator"));
    String exempt = vap.getSpec().getMatchConditions().get(0).getExpression();
    assertThat(exempt)
        .contains("'system:serviceaccount:genai-system:genai-op'")
        .contains("[\"system:serviceaccount:kserve:kserve-mgr\"]")
        .contains("g in [\"platform-admins\"]")
        .as("system:masters is exempt only by the default value")
        .doesNotContain("system:masters");
    // CEL reserves "namespace": before 1.32 a subject's is read escaped, from 1.32 plainly (where
    // the escaped name is never set: found on the real API server, 1.33)
    java.util.function.Function<String, String> subjects =
        version ->
            only(
                    template(t -> t.set("kubeVersionOverride", version)),
                    io.fabric8.kubernetes.api.model.admissionregistration.v1
                        .ValidatingAdmissionPolicy.class,
                    "genai-operator-tenancy")
                .getSpec()
                .getVariables()
                .stream()
                .filter(v -> v.getName().equals("subjects"))
                .findFirst()
                .orElseThrow()
                .getExpression();
    assertThat(subjects.apply("v1.31.4")).contains("has(s.__namespace__)");
    assertThat(subjects.apply("v1.33.13")).contains("has(s.namespace)").doesNotContain("__");
    assertThat(vap.getSpec().getValidations())
        .allSatisfy(v -> assertThat(v.getMessageExpression()).doesNotContain("request.namespace"));
    // the images policy: the same exemptions but the operator's (its runtime images are judged too)
    var images =
        only(
            template(
                t -> t.set("tenancy.exemptUsers[0]", "system:serviceaccount:kserve:kserve-mgr")),
            io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy
                .class,
            "genai-operator-images");
    assertThat(images.getSpec().getParamKind().getKind()).isEqualTo("GenAIPlatformPolicy");
    assertThat(images.getSpec().getMatchConditions().get(0).getExpression())
        .contains("[\"system:serviceaccount:kserve:kserve-mgr\"]")
        .contains("[\"system:masters\"]")
        .doesNotContain("genai-system:genai-operator");
    assertThat(
            template(
                t ->
                    t.set("tenancy.admissionPolicy", false)
                        .set("tenancy.imagesAdmissionPolicy", false)))
        .extracting(o -> o.getMetadata().getName())
        .doesNotContain("genai-operator-tenancy", "genai-operator-images");
  }

  private static com.fasterxml.jackson.databind.JsonNode request(String operation, String user) {
    var r = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    r.put("operation", operation);
    r.putObject("userInfo").put("username", user);
    return r;
  }

  @Test
  void theChartShipsTheSameCrdsAsCrdsFolder() throws IOException {
    Path files = CHART.resolve("files/crds");
    try (var s = Files.list(TestFiles.repoRoot().resolve("crds"))) {
      List<Path> crds = s.sorted().toList();
      assertThat(crds).isNotEmpty();
      for (Path p : crds) {
        assertThat(Files.readString(files.resolve(p.getFileName())))
            .as(
                "charts/genai-operator/files/crds/%s must equal crds/%s: cp crds/*.yml charts/genai-operator/files/crds/",
                p.getFileName(), p.getFileName())
            .isEqualTo(Files.readString(p));
      }
    }
    try (var s = Files.list(files)) {
      assertThat(s.count()).isEqualTo(Files.list(TestFiles.repoRoot().resolve("crds")).count());
    }
    assertThat(CHART.resolve("crds"))
        .as("Helm never upgrades what crds/ holds: the CRDs are templates")
        .doesNotExist();
  }

  /**
   * What {@code helm install} and every {@code helm upgrade} apply: the current CRDs, spec for spec
   * as generated, owned by the release (so an upgrade updates them) and kept on uninstall (projects
   * survive it); Argo CD syncs them before the rest.
   */
  @Test
  void installAndUpgradeApplyTheCurrentCrdsKeptOnUninstall() throws IOException {
    List<HasMetadata> crds =
        template(t -> t).stream()
            .filter(o -> o.getKind().equals("CustomResourceDefinition"))
            .toList();
    assertThat(crds)
        .extracting(o -> o.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "genaiprojects.genai.platform.dev",
            "genaiplatformpolicies.genai.platform.dev",
            "genaiprojectapprovals.genai.platform.dev",
            "googleiampolicies.genai.platform.dev",
            "genaiprojectrecords.genai.platform.dev");
    for (HasMetadata crd : crds) {
      assertThat(crd.getMetadata().getAnnotations())
          .containsEntry("helm.sh/resource-policy", "keep")
          .containsEntry("argocd.argoproj.io/sync-wave", "-1");
      assertThat(crd.getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/managed-by", "Helm")
          .containsEntry("app.kubernetes.io/instance", "genai-operator");
      Path generated =
          TestFiles.repoRoot().resolve("crds").resolve(crd.getMetadata().getName() + "-v1.yml");
      assertThat(K8S.convertValue(crd, Map.class).get("spec"))
          .as("%s as rendered equals the generated CRD", crd.getMetadata().getName())
          .isEqualTo(
              K8S.convertValue(K8S.unmarshal(Files.readString(generated)), Map.class).get("spec"));
    }
    assertThat(template(t -> t.set("crds.install", false)))
        .extracting(HasMetadata::getKind)
        .doesNotContain("CustomResourceDefinition");
  }

  private static Map<String, String> env(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
  }
}
