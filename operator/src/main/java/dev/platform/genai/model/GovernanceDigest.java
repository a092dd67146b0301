package dev.platform.genai.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What compliance approves: the governance-relevant parts of a spec (data classification,
 * compliance, models and cloud access; not the budget, which is FinOps' concern), as {@code
 * sha256:} and the hex SHA-256 of their RFC 8785 canonical JSON. Recompute it with any JCS
 * implementation, e.g. {@code kubectl get gp NAME -o json | jq -cS '.spec | {dataClassification,
 * compliance, models, gcp, residency} | with_entries(select(.value != null))'} for documents
 * without non-ASCII characters or fractional numbers.
 */
public final class GovernanceDigest {
  private GovernanceDigest() {}

  /**
   * The spec fields covered, in the order documents list them. residency joined later: absent, it
   * is not in the subject, so approvals of projects without it keep their digest.
   */
  public static final List<String> FIELDS =
      List.of("dataClassification", "compliance", "models", "gcp", "residency");

  /** The object that is digested: the covered fields present in the spec. */
  public static ObjectNode subject(JsonNode spec) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (spec != null) {
      for (String f : FIELDS) {
        JsonNode v = spec.get(f);
        if (v != null && !v.isNull()) {
          out.set(f, v);
        }
      }
    }
    return out;
  }

  public static String of(JsonNode spec) {
    return sha256(CanonicalJson.of(subject(spec)));
  }

  /**
   * The digest of the endpoints' approval where data residency comes from the policy (the spec
   * names no regions): the regions the approver signs under join the subject as {@code
   * residencyRegions}, so a policy that changes them asks for a new approval. Without residency, or
   * with the spec's own regions (already in the subject), the same as {@link #of(JsonNode)}.
   */
  public static String of(JsonNode spec, Residency residency) {
    return sha256(CanonicalJson.of(subject(spec, residency)));
  }

  /** The subject of {@link #of(JsonNode, Residency)}. */
  public static ObjectNode subject(JsonNode spec, Residency residency) {
    ObjectNode subject = subject(spec);
    if (residency.applies() && !subject.has("residency")) {
      var regions = subject.putArray("residencyRegions");
      residency.regions().forEach(regions::add);
    }
    return subject;
  }

  /**
   * Digest version 2, what compliance approves for a promotion: {@code digestVersion: 2} and the
   * stage beside the fields of version 1, so an approval of the endpoints (version 1) stays valid
   * and never passes for a promotion, nor the other way round.
   */
  public static ObjectNode promotionSubject(JsonNode spec) {
    ObjectNode out = subject(spec);
    out.put("digestVersion", 2);
    JsonNode stage = spec == null ? null : spec.get("stage");
    if (stage != null && !stage.isNull()) {
      out.set("stage", stage);
    }
    return out;
  }

  public static String promotion(JsonNode spec) {
    return sha256(CanonicalJson.of(promotionSubject(spec)));
  }

  /** {@code sha256:} and the hex SHA-256 of a text's UTF-8 bytes. */
  public static String sha256(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
