package dev.platform.genai.cli;

import dev.platform.genai.admission.AdmissionRules;
import dev.platform.genai.admission.Violation;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.plan.GoogleProjectSharing;
import dev.platform.genai.plan.ProjectRules;
import dev.platform.genai.plan.PromotionGate;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.policy.PolicyResolver;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The check a pilot team's pull request runs before merge: exactly the rules the cluster applies (the CRD's
 * schema and CEL rules, then the policy's). Exit 0 all valid, 1 any invalid, 2 usage error or unreadable input.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check GenAIProject files against the CRD's rules and the cluster policy, as the cluster would.")
final class ValidateCommand extends Subcommand {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Mixin
  PolicyOption policyOption;

  @Mixin
  InputFiles inputs;

  @Override
  public Integer call() {
    PrintWriter out = out();
    PrintWriter err = err();
    PlatformPolicy policy;
    List<Path> files;
    try {
      policy = policyOption.load();
      files = inputs.expand();
    } catch (PolicyFile.PolicyFileException e) {
      err.println(e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("cannot read " + e.getMessage());
      return 2;
    }
    List<Located> admitted = new ArrayList<>();
    int valid = 0;
    int invalid = 0;
    int skipped = 0;
    for (Path file : files) {
      List<YamlDocuments.Document> docs;
      try {
        docs = YamlDocuments.read(file);
      } catch (YamlDocuments.MalformedYamlException e) {
        out.println(file + ":" + e.line() + ": " + e.getMessage());
        invalid++;
        continue;
      } catch (IOException e) {
        err.println("cannot read " + file + ": " + e.getMessage());
        return 2;
      }
      for (YamlDocuments.Document doc : docs) {
        List<Violation> problems;
        if (GenAIProject.KIND.equals(doc.kind())) {
          ProjectRules.Checked checked = ProjectRules.check(doc.tree(), policy);
          problems = checked.all();
          if (checked.admitted()) {
            GenAIProject project = SERIALIZATION.convertValue(doc.tree(), GenAIProject.class);
            PromotionGate.preview(project, policy, checked.model()).forEach(note ->
                out.println(file + ":" + doc.lineOf("spec.stage") + ": note: promotion: " + note));
            admitted.add(new Located(project, file + ":" + doc.lineOf("spec.gcp.projectId")));
          }
        } else if ("GenAIPlatformPolicy".equals(doc.kind())) {
          problems = AdmissionRules.policy().validate(doc.tree());
          if (problems.isEmpty()) { // what the schema cannot say: the resolver's checks (templates, prices, ...)
            problems = PolicyResolver.resolve(SERIALIZATION.convertValue(doc.tree(), GenAIPlatformPolicy.class))
                .problems().stream().map(Violation::parse).toList();
          }
        } else if (GenAIProjectApproval.KIND.equals(doc.kind())) {
          problems = AdmissionRules.approval().validate(doc.tree());
        } else {
          skipped++;
          continue;
        }
        if (problems.isEmpty()) {
          valid++;
        } else {
          invalid++;
          for (Violation v : problems) {
            out.println(file + ":" + doc.lineOf(v.path()) + ": " + v);
          }
        }
      }
    }
    sharedGoogleProjects(admitted, policy, out);
    out.printf("validate: %d valid, %d invalid, %d skipped (not a genai.platform.dev kind)%n", valid, invalid,
        skipped);
    out.flush();
    return invalid > 0 ? 1 : 0;
  }

  /** A project read from a file, and where its spec.gcp.projectId is. */
  private record Located(GenAIProject project, String where) {}

  /**
   * Projects among those read that call the same managed providers from one Google project: their managed spend
   * cannot be attributed (reported, not enforced), or the policy refuses their managed models.
   */
  private static void sharedGoogleProjects(List<Located> admitted, PlatformPolicy policy, PrintWriter out) {
    List<GenAIProject> all = admitted.stream().map(Located::project).toList();
    for (Located l : admitted) {
      List<String> others = GoogleProjectSharing.of(l.project(), all);
      if (!others.isEmpty()) {
        out.println(l.where() + ": warning: Google project " + l.project().getSpec().gcp.projectId
            + " is also used for managed models by " + GoogleProjectSharing.describe(l.project(),
                all.stream().filter(p -> others.contains(p.getMetadata().getName())).toList()) + ": "
            + (policy.models().refuseSharedGoogleProjects()
                ? "the policy refuses managed models on shared Google projects (spec.models.sharedGoogleProjects:"
                    + " Refuse), so they will not be provisioned"
                : "their token spend cannot be told apart, so it is reported as shared and not counted against"
                    + " either project's cap")
            + "; give each project a Google project of its own");
      }
    }
  }
}
