package dev.platform.genai.cli;

import dev.platform.genai.admission.AdmissionRules;
import dev.platform.genai.admission.Violation;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.plan.ProjectRules;
import dev.platform.genai.plan.PromotionGate;
import dev.platform.genai.plan.finops.GoogleProjectSharing;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.policy.PolicyResolver;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * The check a pilot team's pull request runs before merge: exactly the rules the cluster applies
 * (the CRD's schema and CEL rules, then the policy's). Exit 0 all valid, 1 any invalid, 2 usage
 * error or unreadable input.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check GenAIProject files against the CRD's rules and the cluster policy, as the cluster would.")
final class ValidateCommand extends FilesCommand {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Override
  int run(PolicyOption.Read read, PrintWriter out, PrintWriter err) {
    PlatformPolicy policy = read.policy();
    List<Path> files = read.files();
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
            PromotionGate.preview(project, policy, checked.model(), Clock.systemUTC().instant())
                .forEach(
                    note ->
                        out.println(
                            file + ":" + doc.lineOf("spec.stage") + ": note: promotion: " + note));
            admitted.add(new Located(project, checked, file, doc, checked.all().isEmpty()));
          }
        } else if ("GenAIPlatformPolicy".equals(doc.kind())) {
          problems = AdmissionRules.policy().validate(doc.tree());
          if (problems
              .isEmpty()) { // what the schema cannot say: the resolver's checks (templates, prices,
            // ...)
            problems =
                PolicyResolver.resolve(
                        SERIALIZATION.convertValue(doc.tree(), GenAIPlatformPolicy.class))
                    .problems()
                    .stream()
                    .map(Violation::parse)
                    .toList();
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
    int refused = sharedGoogleProjects(admitted, policy, out);
    valid -= refused;
    invalid += refused;
    out.printf(
        "validate: %d valid, %d invalid, %d skipped (not a genai.platform.dev kind)%n",
        valid, invalid, skipped);
    out.flush();
    return invalid > 0 ? 1 : 0;
  }

  /** A project read from a file, its check, where it is, and whether it was counted valid. */
  private record Located(
      GenAIProject project,
      ProjectRules.Checked checked,
      Path file,
      YamlDocuments.Document doc,
      boolean valid) {}

  /**
   * Projects among those read that call the same managed providers from one Google project: the
   * operator's gate ({@link GoogleProjectSharing#refusal}) refuses their managed endpoints where
   * the policy says so — an error here, in the operator's words and at the fields it names — else
   * their managed spend is reported as shared, a warning. Returns how many projects counted valid
   * are refused.
   */
  private static int sharedGoogleProjects(
      List<Located> admitted, PlatformPolicy policy, PrintWriter out) {
    List<GenAIProject> all = admitted.stream().map(Located::project).toList();
    int refused = 0;
    for (Located l : admitted) {
      GoogleProjectSharing.Sharing sharing = GoogleProjectSharing.among(l.project(), all);
      if (sharing.names().isEmpty()) {
        continue;
      }
      String google = l.project().getSpec().gcp.projectId;
      var refusal =
          GoogleProjectSharing.refusal(google, sharing.names(), sharing.described(), policy);
      if (refusal.isPresent()) {
        for (String problem :
            l.checked().model().endpoints().withoutManaged(refusal.get()).notAllowed()) {
          if (!l.checked().model().endpoints().notAllowed().contains(problem)) {
            Violation v = Violation.parse(problem);
            out.println(l.file() + ":" + l.doc().lineOf(v.path()) + ": " + v);
          }
        }
        refused += l.valid() ? 1 : 0;
      } else {
        out.println(
            l.file()
                + ":"
                + l.doc().lineOf("spec.gcp.projectId")
                + ": warning: "
                + GoogleProjectSharing.reported(google, sharing.described(), null));
      }
    }
    return refused;
  }
}
