package dev.platform.genai.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.admission.Violation;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.TolerantReading;
import dev.platform.genai.model.Names;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Planner;
import dev.platform.genai.plan.ProjectRules;
import dev.platform.genai.values.Stage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random specs, valid and invalid: reading never throws, the operator's reading and validate's
 * agree on what is invalid (and why), and whatever is admitted yields desired objects within
 * policy.
 */
class SpecPropertiesTest {
  static final PlatformPolicy POLICY = Samples.policy();
  static final List<String> SAMPLES =
      List.of("public-pilot.yaml", "confidential-pilot.yaml", "restricted-production.yaml");
  static final List<String> PATHS =
      List.of(
          "metadata.name",
          "spec.stage",
          "spec.dataClassification",
          "spec.expiresAt",
          "spec.budget.monthlyLimit",
          "spec.budget.currency",
          "spec.budget.alertThresholds",
          "spec.budget.onExceeded",
          "spec.resources.gpus",
          "spec.resources.cpu",
          "spec.resources.memory",
          "spec.resources.gpuType",
          "spec.sponsor.email",
          "spec.sponsor.costCenter",
          "spec.sponsor",
          "spec.team.owners",
          "spec.compliance",
          "spec.compliance.dpiaRef",
          "spec.kpis",
          "spec.gcp",
          "spec.gcp.roles",
          "spec.unknownField");

  @Provide
  Arbitrary<JsonNode> values() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return Arbitraries.of(
        f.missingNode(),
        f.textNode(""),
        f.textNode("Pilot"),
        f.textNode("Production"),
        f.textNode("Restricted"),
        f.textNode("Public"),
        f.textNode("x"),
        f.numberNode(0),
        f.numberNode(-1),
        f.numberNode(3),
        f.numberNode(100),
        f.numberNode(12.5),
        f.textNode("12"),
        f.textNode("64Gi"),
        f.textNode("lots"),
        f.arrayNode(),
        f.arrayNode().add(50).add(80).add(100),
        f.arrayNode().add(100).add(50),
        f.objectNode(),
        f.objectNode().put("owner", "dpo@example.com").put("dpiaRef", "DPIA-1"),
        f.textNode("a@example.com"),
        f.textNode("cc-1"),
        f.textNode("Bad Value!"),
        f.textNode("2030-01-01T00:00:00Z"),
        f.booleanNode(true),
        f.textNode("nvidia-h100-80gb"),
        f.arrayNode().add(f.objectNode().put("kind", "User").put("name", "u@example.com")),
        f.objectNode()
            .put("projectId", "acme-genai-dev")
            .set("roles", f.arrayNode().add("roles/owner")),
        f.textNode("a".repeat(60)));
  }

  @Provide
  Arbitrary<JsonNode> specs() {
    Arbitrary<JsonNode> mutation =
        Combinators.combine(Arbitraries.of(PATHS), values())
            .as(
                (path, value) -> {
                  ObjectNode patch = JsonNodeFactory.instance.objectNode();
                  ObjectNode at = patch;
                  String[] parts = path.split("\\.");
                  for (int i = 0; i < parts.length - 1; i++) {
                    at = at.putObject(parts[i]);
                  }
                  at.set(
                      parts[parts.length - 1],
                      value.isMissingNode() ? JsonNodeFactory.instance.nullNode() : value);
                  return (JsonNode) patch;
                });
    return Combinators.combine(Arbitraries.of(SAMPLES), mutation.list().ofMinSize(0).ofMaxSize(3))
        .as(
            (sample, patches) -> {
              JsonNode doc = TestFiles.yaml(TestFiles.samples().resolve(sample));
              for (JsonNode p : patches) {
                doc = dev.platform.genai.Fixtures.mergePatch(doc, p);
              }
              return doc;
            });
  }

  @Property(tries = 400)
  void readingAgreesWithValidateAndAdmittedSpecsStayWithinPolicy(@ForAll("specs") JsonNode doc) {
    ProjectRules.Checked asValidated = ProjectRules.check(doc, POLICY);
    GenAIProject asRead =
        TolerantReading.serialization().convertValue(doc, GenAIProject.class); // never throws
    ProjectRules.Checked asReconciled = ProjectRules.check(asRead, POLICY);

    assertThat(asReconciled.admitted()).isEqualTo(asValidated.admitted());
    assertThat(asReconciled.violations().stream().map(Violation::toString).toList())
        .containsExactlyInAnyOrderElementsOf(
            asValidated.violations().stream().map(Violation::toString).toList());
    if (!asReconciled.admitted()) {
      return;
    }
    var model = asReconciled.model();
    var cap = POLICY.cap(model.stage());
    for (HasMetadata o :
        Planner.preview(
                asRead,
                POLICY,
                InstalledApis.of(List.of("prometheus-operator")),
                true,
                Instant.parse("2026-01-01T00:00:00Z"))
            .objects()) {
      if (o instanceof Namespace ns) {
        assertThat(ns.getMetadata().getName()).hasSizeLessThanOrEqualTo(63);
      } else if (o instanceof ResourceQuota q) {
        var hard = q.getSpec().getHard();
        assertThat(Integer.parseInt(hard.get("requests.nvidia.com/gpu").getAmount()))
            .isBetween(0, cap.gpus());
        assertThat(Quantity.getAmountInBytes(hard.get("requests.cpu")))
            .isLessThanOrEqualTo(cap.cpu().value());
        assertThat(Quantity.getAmountInBytes(hard.get("requests.memory")))
            .isLessThanOrEqualTo(cap.memory().value());
      } else if (o instanceof RoleBinding rb
          && Names.PROJECT_EVENTS.equals(rb.getRoleRef().getName())) {
        // the one other binding: the project's own Role that reads Events and nothing else
        assertThat(rb.getRoleRef().getKind()).isEqualTo("Role");
      } else if (o instanceof RoleBinding rb) {
        assertThat(rb.getRoleRef().getName()).isIn(Set.of("admin", "edit", "view"));
        assertThat(rb.getRoleRef().getKind()).isEqualTo("ClusterRole");
      } else if (o instanceof io.fabric8.kubernetes.api.model.rbac.Role r) {
        assertThat(r.getRules())
            .singleElement()
            .satisfies(
                rule -> {
                  assertThat(rule.getResources()).containsExactly("events");
                  assertThat(rule.getVerbs()).containsExactly("get", "list", "watch");
                });
      }
    }
    assertThat(model.stage()).isIn(Stage.Pilot, Stage.Production);
    assertThat(model.budget().monthlyLimit()).isGreaterThan(BigDecimal.ZERO);
  }
}
