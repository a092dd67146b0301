package dev.platform.genai.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.Fixtures;
import dev.platform.genai.TestFiles;
import dev.platform.genai.admission.AdmissionRules;
import dev.platform.genai.admission.ApprovalAdmissionTest;
import dev.platform.genai.admission.CrdValidator;
import dev.platform.genai.admission.Violation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole admission corpus through the real API server: every sample, every invalid fixture and
 * every transition, as a dry-run create or update. The server's verdict must equal {@code
 * validate}'s (the offline evaluator that pull-request checks use), refused on the same fields; for
 * the CRDs' own rules (CEL) with the same message.
 */
class AdmissionOnRealServerTest {
  /**
   * What the server adds when it skips CEL rules because of a type error (not a violation of its
   * own).
   */
  static final String NOT_CHECKED = "some validation rules were not checked";

  static final String STRICT_DECODING = "strict decoding error: ";

  static final Pattern UNKNOWN_FIELD = Pattern.compile("unknown field \"([^\"]+)\"");

  /**
   * The server writes "Invalid value:" before a rule's message, with the refused value on 1.33
   * ({@code Invalid value: "object": <message>}) and without it on 1.37 ({@code Invalid value:
   * <message>}); the value is a quoted string or one token, a message has spaces.
   */
  static final Pattern INVALID_VALUE =
      Pattern.compile("^Invalid value: (?:(\"[^\"]*\"|[^\\s:]+): )?");

  /**
   * Kubernetes 1.37 reports a value of the wrong type twice: on its field, as 1.33 does, and again
   * on the whole object from its declarative validation ({@code Checked value must be of type
   * integer (default format) in spec.resources.gpus}). The second says nothing the first does not.
   */
  static final String TYPE_CHECKED_AGAIN = "Checked value must be of type";

  @BeforeAll
  static void start() {
    RealCluster.shared();
  }

  static List<Path> samples() throws IOException {
    try (Stream<Path> files = Files.list(TestFiles.samples())) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everySampleIsAdmittedByBoth(Path sample) {
    JsonNode doc = TestFiles.yaml(sample);
    assertThat(validator(doc).validate(doc)).as("validate").isEmpty();
    assertThat(server(doc, null)).as("the API server").isEmpty();
  }

  static List<Fixtures.Invalid> invalid() {
    return Fixtures.invalid();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void everyInvalidFixtureIsRefusedByBothOnTheSameFields(Fixtures.Invalid f) {
    agree(f.name(), f.document(), null);
  }

  static List<Fixtures.Transition> transitions() {
    return Fixtures.transitions();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void everyTransitionIsJudgedAlikeByBoth(Fixtures.Transition t) {
    agree(t.name(), t.updated(), t.old());
  }

  @Test
  void malformedApprovalsAreJudgedAlikeByBoth() throws Exception {
    agree("malformed digest", ApprovalAdmissionTest.malformedDigest(), null);
    agree(
        "missing reference, short digest",
        ApprovalAdmissionTest.missingReferenceAndShortDigest(),
        null);
  }

  @Test
  void theCorpusIsWhole() {
    assertThat(invalid()).hasSizeGreaterThanOrEqualTo(80);
    assertThat(transitions()).hasSizeGreaterThanOrEqualTo(7);
  }

  /** Both refuse or both accept; refused on the same fields; a CRD rule's message word for word. */
  private static void agree(String name, JsonNode document, JsonNode old) {
    List<Violation> ours = validator(document).validate(document, old);
    List<Violation> theirs = server(document, old);
    assertThat(theirs.isEmpty())
        .as(
            "%s: the server %s, validate says %s",
            name, theirs.isEmpty() ? "accepts" : "refuses " + theirs, ours)
        .isEqualTo(ours.isEmpty());
    assertThat(fields(theirs))
        .as("%s: refused fields (server %s, validate %s)", name, theirs, ours)
        .isEqualTo(fields(ours));
    Set<String> ruleMessages = ruleMessages(document);
    for (Violation v : ours) {
      if (ruleMessages.contains(v.message())) {
        assertThat(theirs).as("%s: the server words the rule as validate does", name).contains(v);
      }
    }
  }

  private static Set<String> fields(List<Violation> vs) {
    return vs.stream().map(Violation::path).collect(Collectors.toCollection(TreeSet::new));
  }

  private static CrdValidator validator(JsonNode doc) {
    return AdmissionRules.forKind(doc.path("kind").asText()).orElseThrow();
  }

  /** The messages of every x-kubernetes-validations rule of the document's CRD. */
  private static Set<String> ruleMessages(JsonNode doc) {
    Set<String> out = new TreeSet<>();
    for (String r : AdmissionRules.crds()) {
      JsonNode crd =
          TestFiles.yaml(TestFiles.repoRoot().resolve("crds").resolve(Path.of(r).getFileName()));
      if (crd.path("spec").path("names").path("kind").asText().equals(doc.path("kind").asText())) {
        crd.findValues("x-kubernetes-validations")
            .forEach(
                list ->
                    list.forEach(
                        rule -> {
                          if (rule.has("message")) {
                            out.add(rule.get("message").asText());
                          }
                        }));
      }
    }
    return out;
  }

  /**
   * The server's answer to a dry-run create (or, given the old object, to a dry-run update of it,
   * which is created for real first, its status written through the status subresource, and deleted
   * after): the refused fields and messages, empty when admitted. Sent with strict field
   * validation, as kubectl sends it by default (without it the server drops unknown fields with a
   * warning). An approval is created by the user it names, as the chart's admission policy
   * requires.
   */
  static List<Violation> server(JsonNode document, JsonNode old) {
    String approver = document.path("spec").path("approvedBy").asText(null);
    try (KubernetesClient client =
        "GenAIProjectApproval".equals(document.path("kind").asText()) && approver != null
            ? RealCluster.shared().as(approver, RealCluster.COMPLIANCE_GROUP)
            : RealCluster.shared().admin()) {
      return server(client, document, old);
    }
  }

  private static List<Violation> server(KubernetesClient client, JsonNode document, JsonNode old) {
    var resources = client.genericKubernetesResources(context(document));
    GenericKubernetesResource doc =
        client.getKubernetesSerialization().convertValue(document, GenericKubernetesResource.class);
    try {
      if (old == null) {
        resources.resource(doc).dryRun().fieldValidation(Validation.STRICT).create();
      } else {
        GenericKubernetesResource given =
            client.getKubernetesSerialization().convertValue(old, GenericKubernetesResource.class);
        GenericKubernetesResource stored = resources.resource(given).create();
        try {
          if (given.get("status") != null) {
            stored.setAdditionalProperty("status", given.get("status"));
            stored = resources.resource(stored).updateStatus();
          }
          doc.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
          resources.resource(doc).dryRun().fieldValidation(Validation.STRICT).update();
        } finally {
          resources.withName(stored.getMetadata().getName()).delete();
        }
      }
      return List.of();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 400
          && e.getStatus() != null
          && e.getStatus().getMessage().contains(STRICT_DECODING)) {
        return unknownFields(e.getStatus().getMessage());
      }
      if (e.getCode() != 422 || e.getStatus() == null || e.getStatus().getDetails() == null) {
        throw e;
      }
      List<Violation> out = new ArrayList<>();
      for (StatusCause c : e.getStatus().getDetails().getCauses()) {
        if (c.getMessage() != null && c.getMessage().contains(NOT_CHECKED)) {
          continue;
        }
        if (c.getMessage() != null && c.getMessage().contains(TYPE_CHECKED_AGAIN)) {
          continue;
        }
        // a rule on the whole object: the server writes no field ("<nil>"), validate an empty path
        String field = c.getField() == null || "<nil>".equals(c.getField()) ? "" : c.getField();
        out.add(new Violation(field, INVALID_VALUE.matcher(c.getMessage()).replaceFirst("")));
      }
      return out;
    }
  }

  /**
   * Strict field validation refuses unknown fields before any schema check, with one 400 naming
   * them all: {@code strict decoding error: unknown field "spec.a", unknown field "spec.b[0].c"}.
   */
  private static List<Violation> unknownFields(String message) {
    List<Violation> out = new ArrayList<>();
    Matcher m = UNKNOWN_FIELD.matcher(message.substring(message.indexOf(STRICT_DECODING)));
    while (m.find()) {
      out.add(new Violation(m.group(1), "unknown field \"" + m.group(1) + "\""));
    }
    return out;
  }

  private static ResourceDefinitionContext context(JsonNode doc) {
    String kind = doc.path("kind").asText();
    String[] gv = doc.path("apiVersion").asText().split("/");
    String plural =
        kind.endsWith("y")
            ? kind.toLowerCase().replaceFirst("y$", "ies")
            : kind.toLowerCase() + "s";
    return new ResourceDefinitionContext.Builder()
        .withGroup(gv[0])
        .withVersion(gv[1])
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(false)
        .build();
  }
}
