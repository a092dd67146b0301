package dev.platform.genai.cli;

import dev.platform.genai.admission.Violation;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.desired.DesiredObjects;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Observed;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.plan.Planner;
import dev.platform.genai.plan.ProjectRules;
import dev.platform.genai.plan.finops.GoogleProjectSharing;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.vocabulary.Reason;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Prints every object the operator would create for a GenAIProject: the objects of the plan the
 * running operator makes ({@link Planner}), from a stated observation — the optional APIs named,
 * nothing running yet, the approval given (unless {@code --unapproved}), no spend recorded, the
 * current time.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description =
        "Print, as multi-document YAML, the objects the operator would create for GenAIProject FILE, on a"
            + " cluster with the optional APIs named by --installed, once any approval needed is given.")
final class RenderCommand extends Subcommand {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Mixin PolicyOption policy;

  @Option(
      names = "--installed",
      split = ",",
      paramLabel = "API",
      defaultValue = InstalledApis.PROMETHEUS_OPERATOR,
      description =
          "Optional APIs the cluster serves: "
              + InstalledApis.PROMETHEUS_OPERATOR
              + ", "
              + InstalledApis.KSERVE
              + ", "
              + InstalledApis.KUEUE
              + " (kueue.x-k8s.io/v1beta2) or "
              + InstalledApis.KUEUE_V1BETA1
              + ", "
              + InstalledApis.ENVOY_AI_GATEWAY
              + " (endpoints behind the policy's"
              + " Gateway, with their token budget) (default: ${DEFAULT-VALUE}; an empty value for none).")
  List<String> installed = new ArrayList<>();

  @Option(
      names = "--unapproved",
      description =
          "Render as if compliance had not approved yet (Confidential and"
              + " Restricted data: no model endpoints).")
  boolean unapproved;

  @Option(
      names = "--observed",
      paramLabel = "OBSERVED",
      description =
          "A YAML file stating what the cluster looks like (the time, the optional APIs served,"
              + " whether approvals are given, spend just read, the endpoints running, the cluster's"
              + " regions): the plan the operator would make then — Throttled, Suspended, Expired,"
              + " endpoints frozen behind a pending approval. Replaces --installed and --unapproved.")
  Path observed;

  @Parameters(
      arity = "1",
      paramLabel = "FILE",
      description = "A YAML file with one or more GenAIProjects.")
  Path file;

  @Override
  public Integer call() {
    Optional<Integer> refused = checkOptions();
    if (refused.isPresent()) {
      return refused.get();
    }
    ObservedFile stated = null;
    if (observed != null) {
      try {
        stated = ObservedFile.read(observed);
      } catch (IOException e) {
        err().println("render: --observed " + e.getMessage());
        return 2;
      }
    }
    PlatformPolicy platform;
    List<YamlDocuments.Document> docs;
    try {
      platform = policy.load();
      docs = YamlDocuments.read(file);
    } catch (PolicyFile.PolicyFileException e) {
      err().println(e.getMessage());
      return 2;
    } catch (IOException e) {
      err().println("cannot read " + file + ": " + e.getMessage());
      return 2;
    } catch (YamlDocuments.MalformedYamlException e) {
      err().println(file + ":" + e.line() + ": " + e.getMessage());
      return 1;
    }
    if (InstalledApis.of(installed).aiGateway() && platform.aiGateway() == null) {
      err()
          .println(
              "render: note: --installed "
                  + InstalledApis.ENVOY_AI_GATEWAY
                  + ", but the policy names no Gateway"
                  + " (spec.aiGateway of the GenAIPlatformPolicy): endpoints are rendered as without the gateway");
    }
    int rendered = 0;
    int rejected = 0;
    List<YamlDocuments.Document> projects =
        docs.stream().filter(d -> GenAIProject.KIND.equals(d.kind())).toList();
    // projects read together share Google projects as they would on the cluster
    // (GoogleProjectSharing)
    List<GenAIProject> admitted =
        projects.stream()
            .filter(d -> ProjectRules.check(d.tree(), platform).admitted())
            .map(d -> SERIALIZATION.convertValue(d.tree(), GenAIProject.class))
            .toList();
    for (YamlDocuments.Document doc : projects) {
      if (render(doc, platform, admitted, stated)) {
        rendered++;
      } else {
        rejected++;
      }
    }
    out().flush();
    if (rendered + rejected == 0) {
      err().println(file + ": no GenAIProject in this file");
      return 1;
    }
    return rejected > 0 ? 1 : 0;
  }

  /** The options' combination: an exit code when it cannot be rendered. */
  private Optional<Integer> checkOptions() {
    List<String> unknown =
        installed.stream().filter(n -> !n.isEmpty() && !InstalledApis.NAMES.contains(n)).toList();
    if (!unknown.isEmpty()) {
      err()
          .println(
              "render: --installed takes "
                  + String.join(", ", InstalledApis.NAMES)
                  + ", not "
                  + String.join(", ", unknown));
      return Optional.of(2);
    }
    if (observed != null
        && (unapproved || !installed.equals(List.of(InstalledApis.PROMETHEUS_OPERATOR)))) {
      err()
          .println(
              "render: --observed states the APIs and approvals: drop --installed and --unapproved");
      return Optional.of(2);
    }
    return Optional.empty();
  }

  /**
   * One project's objects on standard output, or why not on standard error.
   *
   * @return whether it was rendered
   */
  private boolean render(
      YamlDocuments.Document doc,
      PlatformPolicy platform,
      List<GenAIProject> admitted,
      ObservedFile stated) {
    ProjectRules.Checked checked = ProjectRules.check(doc.tree(), platform);
    if (!checked.admitted()) {
      checked
          .violations()
          .forEach(v -> err().println(file + ":" + doc.lineOf(v.path()) + ": " + v));
      return false;
    }
    GenAIProject project = SERIALIZATION.convertValue(doc.tree(), GenAIProject.class);
    // the cluster as stated (--observed), or fresh with the APIs named, now
    Plan plan =
        Planner.preview(
            project,
            platform,
            stated == null
                ? Observed.at(Clock.systemUTC().instant(), InstalledApis.of(installed))
                : stated.observed(),
            stated == null ? !unapproved : stated.isApproved(),
            GoogleProjectSharing.among(project, admitted));
    if (plan.blocker() != null) {
      // what the operator would refuse, in its words (the plan is the operator's): nothing to
      // render
      err()
          .println(
              file
                  + ":"
                  + doc.lineOf("spec")
                  + ": "
                  + plan.blocker().reason()
                  + ": "
                  + plan.blocker().message());
      return false;
    }
    List<String> notAllowed = plan.model().endpoints().notAllowed();
    if (!notAllowed.isEmpty()) {
      // models the operator refuses (ModelEndpointsReady=False ModelNotAllowed): an error,
      // nothing half-rendered
      notAllowed.stream()
          .map(Violation::parse)
          .forEach(
              v ->
                  err()
                      .println(
                          file
                              + ":"
                              + doc.lineOf(v.path())
                              + ": "
                              + Reason.ModelNotAllowed
                              + ": "
                              + v));
      return false;
    }
    checked
        .policyFindings()
        .forEach(
            v ->
                err()
                    .println(
                        file
                            + ":"
                            + doc.lineOf(v.path())
                            + ": warning: "
                            + v
                            + " (rendered at the cap)"));
    if (plan.promotion() != null
        && plan.promotion().held()) { // the operator's checklist, as it would hold it
      err()
          .println(
              file
                  + ":"
                  + doc.lineOf("spec.stage")
                  + ": note: "
                  + plan.promotion().part().reason()
                  + ": "
                  + plan.promotion().part().message()
                  + " (rendered as the Pilot it runs as)");
    }
    out().print(DesiredObjects.toYaml(plan.objects()));
    return true;
  }
}
