package dev.platform.genai.cli;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.desired.DesiredObjects;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.plan.ProjectRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints every object the operator would create for a GenAIProject: the running operator's desired objects. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Print, as multi-document YAML, the objects the operator would create for GenAIProject FILE.")
final class RenderCommand implements Callable<Integer> {
  @Option(names = "--policy", paramLabel = "FILE",
      description = "GenAIPlatformPolicy to render under (default: the built-in defaults).")
  Path policyFile;

  @Parameters(arity = "1", paramLabel = "FILE", description = "A YAML file with one or more GenAIProjects.")
  Path file;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PlatformPolicy policy;
    List<YamlDocuments.Document> docs;
    try {
      policy = PolicyFile.load(policyFile);
      docs = YamlDocuments.read(file);
    } catch (PolicyFile.PolicyFileException e) {
      err.println(e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("cannot read " + file + ": " + e.getMessage());
      return 2;
    } catch (YamlDocuments.MalformedYamlException e) {
      err.println(file + ":" + e.line() + ": " + e.getMessage());
      return 1;
    }
    int rendered = 0;
    int rejected = 0;
    for (YamlDocuments.Document doc : docs) {
      if (!GenAIProject.KIND.equals(doc.kind())) {
        continue;
      }
      ProjectRules.Checked checked = ProjectRules.check(doc.tree(), policy);
      if (!checked.admitted()) {
        checked.violations().forEach(v -> err.println(file + ":" + doc.lineOf(v.path()) + ": " + v));
        rejected++;
        continue;
      }
      checked.policyFindings().forEach(v -> err.println(file + ":" + doc.lineOf(v.path()) + ": warning: " + v
          + " (rendered at the cap)"));
      out.print(DesiredObjects.toYaml(DesiredObjects.of(checked.model())));
      rendered++;
    }
    out.flush();
    if (rendered + rejected == 0) {
      err.println(file + ": no GenAIProject in this file");
      return 1;
    }
    return rejected > 0 ? 1 : 0;
  }
}
