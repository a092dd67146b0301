package dev.platform.genai.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.model.build.ProjectModels;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8785 (JCS), with the RFC's own examples, and the governance digest built on it. */
class CanonicalJsonTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void membersAreSortedByUtf16CodeUnitsAsTheRfcExampleShows() throws Exception {
    String input =
        "{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew Letter Dalet"
            + " With Dagesh\", \"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji: Grinning Face\", \"\\u0080\": \"Control\","
            + " \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}";
    String canonical = CanonicalJson.of(JSON.readTree(input));
    assertThat(canonical)
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":"
                + "\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void stringsUseTheMinimalEscaping() throws Exception {
    assertThat(
            CanonicalJson.of(JSON.readTree("[\"\\u0000\\u001f\\\"\\\\/\\b\\f\\n\\r\\t\\u20ac\"]")))
        .isEqualTo("[\"\\u0000\\u001f\\\"\\\\/\\b\\f\\n\\r\\t\u20ac\"]");
    assertThat(CanonicalJson.of(JSON.readTree("{ \"b\" : [ true , false , null ] , \"a\" : { } }")))
        .isEqualTo("{\"a\":{},\"b\":[true,false,null]}");
  }

  /** RFC 8785 Appendix B: IEEE 754 doubles as ECMAScript prints them. */
  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "-0.0, 0",
    "1, 1",
    "-1, -1",
    "4.5, 4.5",
    "0.002, 0.002",
    "1e-7, 1e-7",
    "0.000001, 0.000001",
    "1e21, 1e+21",
    "1e20, 100000000000000000000",
    "9007199254740992, 9007199254740992",
    "295147905179352830000, 295147905179352830000",
    "333333333.3333333, 333333333.3333333",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "5e-324, 5e-324",
    "-1.5e-10, -1.5e-10"
  })
  void numbersPrintAsEcmaScriptDoes(double value, String expected) {
    assertThat(CanonicalJson.number(value)).isEqualTo(expected);
  }

  @Test
  void theDigestCoversGovernanceNotBudget() throws Exception {
    var yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    var doc = yaml.readTree(TestFiles.samples().resolve("contract-assistant.yaml").toFile());
    var spec = (com.fasterxml.jackson.databind.node.ObjectNode) doc.get("spec");
    String digest = GovernanceDigest.of(spec);
    var approval =
        yaml.readTree(
            Files.readString(TestFiles.samples().resolve("contract-assistant-approval.yaml")));
    assertThat(digest).isEqualTo(approval.at("/spec/digest").asText());
    assertThat(digest).matches("sha256:[0-9a-f]{64}");

    var budget = spec.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) budget.get("budget"))
        .put("monthlyLimit", "9000");
    budget.put("displayName", "renamed");
    budget.withArray("kpis").removeAll();
    assertThat(GovernanceDigest.of(budget))
        .as("budget, display name and KPIs are not compliance's concern")
        .isEqualTo(digest);

    var reordered =
        yaml.readTree(
            """
        gcp: {roles: [roles/aiplatform.user, roles/storage.objectViewer], projectId: acme-legal-ai}
        """);
    var other = spec.deepCopy();
    other.set("gcp", reordered.get("gcp"));
    assertThat(GovernanceDigest.of(other)).as("member order is not significant").isEqualTo(digest);

    for (String field : GovernanceDigest.FIELDS) {
      if (!spec.has(field)) { // residency: not in the sample; adding it changes the digest (below)
        continue;
      }
      var changed = spec.deepCopy();
      changed.remove(field);
      assertThat(GovernanceDigest.of(changed)).as(field).isNotEqualTo(digest);
    }
    var narrowed = spec.deepCopy();
    narrowed.putObject("residency").putArray("regions").add("europe-west4");
    assertThat(GovernanceDigest.of(narrowed))
        .as("the regions the approver signs")
        .isNotEqualTo(digest);
    var replicas = spec.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) replicas.at("/models/0/selfHosted"))
        .put("replicas", 2);
    assertThat(GovernanceDigest.of(replicas)).isNotEqualTo(digest);
    assertThat(
            ProjectModels.build(Samples.project("contract-assistant.yaml"), Samples.policy())
                .endpoints()
                .digest())
        .as("the typed project, without a stored document, digests the same")
        .isEqualTo(digest);
  }
}
