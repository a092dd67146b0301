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
 * What compliance approves: the governance-relevant parts of a spec (data classification, compliance, models and
 * cloud access; not the budget, which is FinOps' concern), as {@code sha256:} and the hex SHA-256 of their RFC 8785
 * canonical JSON. Recompute it with any JCS implementation, e.g.
 * {@code kubectl get gp NAME -o json | jq -cS '.spec | {dataClassification, compliance, models, gcp} | with_entries(select(.value != null))'}
 * for documents without non-ASCII characters or fractional numbers.
 */
public final class GovernanceDigest {
  private GovernanceDigest() {}

  /** The spec fields covered, in the order documents list them. */
  public static final List<String> FIELDS = List.of("dataClassification", "compliance", "models", "gcp");

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
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(CanonicalJson.of(subject(spec)).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
