package dev.platform.genai.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.TestFiles;
import org.junit.jupiter.api.Test;

/**
 * The GenAIProjectApproval CRD's own rules: a well-formed digest, every audit field, and
 * immutability.
 */
public class ApprovalAdmissionTest {
  public static ObjectNode sample() throws Exception {
    return (ObjectNode)
        TestFiles.yaml(TestFiles.samples().resolve("contract-assistant-approval.yaml"));
  }

  @Test
  void theSampleIsAdmitted() throws Exception {
    assertThat(AdmissionRules.approval().validate(sample())).isEmpty();
  }

  /** The documents {@code AdmissionOnRealServerTest} also sends to the real API server. */
  public static ObjectNode malformedDigest() throws Exception {
    ObjectNode a = sample();
    ((ObjectNode) a.get("spec")).put("digest", "9d3b4d19" + "0".repeat(63));
    return a;
  }

  public static ObjectNode missingReferenceAndShortDigest() throws Exception {
    ObjectNode a = sample();
    ((ObjectNode) a.get("spec")).put("digest", "9d3b4d19");
    ((ObjectNode) a.get("spec")).remove("reference");
    return a;
  }

  @Test
  void aMalformedDigestIsRejectedByItsRule() throws Exception {
    assertThat(AdmissionRules.approval().validate(malformedDigest()))
        .extracting(Violation::toString)
        .containsExactly(
            "spec.digest: digest must be sha256: followed by 64 lower-case hex digits, as"
                + " status.approval.requiredDigest shows");
  }

  @Test
  void aMissingAuditFieldStopsTheRulesAsTheApiServerDoes() throws Exception {
    // a Required error stops the CEL rules (apiextensions-apiserver's hasBlockingErr): the schema's
    // errors only
    assertThat(AdmissionRules.approval().validate(missingReferenceAndShortDigest()))
        .extracting(Violation::toString)
        .containsExactlyInAnyOrder(
            "spec.digest: Invalid value: \"9d3b4d19\": should be at least 71 characters long",
            "spec.reference: Required value");
  }

  @Test
  void anApprovalCannotBeEditedIntoAnotherOne() throws Exception {
    ObjectNode old = sample();
    ObjectNode changed = sample();
    ((ObjectNode) changed.get("spec")).put("digest", "sha256:" + "a".repeat(64));
    assertThat(AdmissionRules.approval().validate(changed, old))
        .extracting(Violation::toString)
        .containsExactly("spec: an approval is immutable: create a new one for a changed request");
    ObjectNode relabelled = sample();
    ((ObjectNode) relabelled.get("metadata")).putObject("labels").put("team", "legal");
    assertThat(AdmissionRules.approval().validate(relabelled, old)).isEmpty();
  }
}
