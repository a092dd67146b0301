package dev.platform.genai.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.TestFiles;
import org.junit.jupiter.api.Test;

/** The GenAIProjectApproval CRD's own rules: a well-formed digest, every audit field, and immutability. */
class ApprovalAdmissionTest {
  static ObjectNode sample() throws Exception {
    return (ObjectNode) TestFiles.yaml(TestFiles.samples().resolve("contract-assistant-approval.yaml"));
  }

  @Test
  void theSampleIsAdmitted() throws Exception {
    assertThat(AdmissionRules.approval().validate(sample())).isEmpty();
  }

  @Test
  void aMalformedDigestOrAMissingAuditFieldIsRejected() throws Exception {
    ObjectNode a = sample();
    ((ObjectNode) a.get("spec")).put("digest", "9d3b4d19");
    ((ObjectNode) a.get("spec")).remove("reference");
    assertThat(AdmissionRules.approval().validate(a)).extracting(Violation::toString).contains(
        "spec.digest: digest must be sha256: followed by 64 lower-case hex digits, as"
            + " status.approval.requiredDigest shows",
        "spec.reference: Required value");
  }

  @Test
  void anApprovalCannotBeEditedIntoAnotherOne() throws Exception {
    ObjectNode old = sample();
    ObjectNode changed = sample();
    ((ObjectNode) changed.get("spec")).put("digest", "sha256:" + "a".repeat(64));
    assertThat(AdmissionRules.approval().validate(changed, old)).extracting(Violation::toString)
        .containsExactly("spec: an approval is immutable: create a new one for a changed request");
    ObjectNode relabelled = sample();
    ((ObjectNode) relabelled.get("metadata")).putObject("labels").put("team", "legal");
    assertThat(AdmissionRules.approval().validate(relabelled, old)).isEmpty();
  }
}
