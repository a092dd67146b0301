package dev.platform.genai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.CanonicalJson;
import dev.platform.genai.model.GovernanceDigest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Compliance's tool: the digest a GenAIProjectApproval must carry for a project file, computed as
 * the operator computes status.approval.requiredDigest (or, with --promotion,
 * status.promotion.requiredDigest). With --show, also the canonical JSON that is hashed.
 */
@Command(
    name = "digest",
    mixinStandardHelpOptions = true,
    description =
        "Print the approval digest (status.approval.requiredDigest) of GenAIProject files; with"
            + " --promotion, the digest that approves the promotion to Production (status.promotion.requiredDigest).")
final class DigestCommand extends FilesCommand {
  @Option(names = "--show", description = "Also print the RFC 8785 canonical JSON that is hashed.")
  boolean show;

  @Option(
      names = "--promotion",
      description = "The digest of the promotion (version 2: the stage too).")
  boolean promotion;

  @Override
  int run(PolicyOption.Read read, PrintWriter out, PrintWriter err) {
    int found = 0;
    dev.platform.genai.policy.PlatformPolicy policy = read.policy();
    try {
      for (Path file : read.files()) {
        for (YamlDocuments.Document doc : YamlDocuments.read(file)) {
          if (!GenAIProject.KIND.equals(doc.kind())) {
            continue;
          }
          JsonNode specNode = doc.tree().get("spec");
          out.println(
              doc.tree().path("metadata").path("name").asText()
                  + " "
                  + (promotion
                      ? GovernanceDigest.promotion(specNode)
                      : endpointsDigest(doc, specNode, policy)));
          if (show) {
            out.println(
                "  "
                    + CanonicalJson.of(
                        promotion
                            ? GovernanceDigest.promotionSubject(specNode)
                            : GovernanceDigest.subject(specNode, residency(doc, policy))));
          }
          found++;
        }
      }
    } catch (YamlDocuments.MalformedYamlException e) {
      err.println(e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("cannot read " + e.getMessage());
      return 2;
    }
    out.flush();
    if (found == 0) {
      err.println("no GenAIProject found in " + inputs.paths);
      return 1;
    }
    return 0;
  }

  private static dev.platform.genai.model.Residency residency(
      YamlDocuments.Document doc, dev.platform.genai.policy.PlatformPolicy policy) {
    dev.platform.genai.plan.ProjectRules.Checked checked =
        dev.platform.genai.plan.ProjectRules.check(doc.tree(), policy);
    return checked.admitted() && checked.model() != null
        ? checked.model().residency()
        : dev.platform.genai.model.Residency.NONE;
  }

  /**
   * The endpoints' digest as the operator computes it: with the policy's data-residency regions
   * where they apply (--policy), else of the spec's covered fields alone.
   */
  private static String endpointsDigest(
      YamlDocuments.Document doc, JsonNode spec, dev.platform.genai.policy.PlatformPolicy policy) {
    dev.platform.genai.plan.ProjectRules.Checked checked =
        dev.platform.genai.plan.ProjectRules.check(doc.tree(), policy);
    return checked.admitted() && checked.model() != null
        ? checked.model().endpoints().digest()
        : GovernanceDigest.of(spec);
  }
}
