package dev.platform.genai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.report.FocusExport;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Finance's export: the month's spend of every GenAIProject as FOCUS rows (CSV), from the figures
 * their status shows — read from the cluster (the current kubeconfig context), or from files such
 * as {@code kubectl get gp -o yaml}. Exit 0 written, 1 nothing to export, 2 usage error or
 * unreadable input.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Export the projects' spend for a month in the FinOps Foundation's FOCUS format ("
            + "version "
            + FocusExport.FOCUS_VERSION
            + ", CSV), from their status: the cluster's GenAIProjects, or the files given"
            + " (e.g. kubectl get gp -o yaml).")
final class ReportCommand extends Subcommand {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Option(names = "--focus", description = "FOCUS rows (the only format so far).")
  boolean focus;

  @Option(
      names = "--month",
      paramLabel = "YYYY-MM",
      description =
          "The month (UTC); default: the current one,"
              + " month to date. A month that ended comes from status.budget.history.")
  String month;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the CSV here (default: standard" + " output).")
  Path output;

  @Option(
      names = "--billing-account",
      paramLabel = "NAME",
      defaultValue = "genai-platform",
      description =
          "BillingAccountId/Name and InvoiceIssuerName of the rows: the platform that shows the cost back"
              + " (default: ${DEFAULT-VALUE}).")
  String account;

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description =
          "YAML files or folders with GenAIProjects (kind"
              + " GenAIProject, or a List of them); without, the cluster's.")
  List<Path> paths = new ArrayList<>();

  @Override
  public Integer call() {
    if (!focus) {
      err().println("report: choose a format: --focus");
      return 2;
    }
    YearMonth ym;
    try {
      ym =
          month == null
              ? YearMonth.now(Clock.systemUTC().withZone(ZoneOffset.UTC))
              : YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      err().println("report: --month takes YYYY-MM, e.g. 2026-11, not " + month);
      return 2;
    }
    List<GenAIProject> projects;
    try {
      projects = paths.isEmpty() ? fromCluster() : fromFiles(paths);
    } catch (IOException e) {
      err().println("cannot read " + e.getMessage());
      return 2;
    } catch (YamlDocuments.MalformedYamlException e) {
      err().println(e.getMessage());
      return 2;
    } catch (KubernetesClientException e) {
      err()
          .println(
              "report: cannot list GenAIProjects from the cluster ("
                  + e.getMessage()
                  + "); give files"
                  + " instead, e.g. kubectl get gp -o yaml > projects.yaml");
      return 2;
    }
    FocusExport.Result result =
        FocusExport.of(projects, ym, new FocusExport.Issuer(account, account));
    result.skipped().forEach(s -> err().println("report: skipped " + s));
    String csv = FocusExport.csv(result.rows());
    try {
      if (output == null) {
        out().print(csv);
        out().flush();
      } else {
        Files.writeString(output, csv, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      err().println("cannot write " + output + ": " + e.getMessage());
      return 2;
    }
    err()
        .printf(
            "report: %d FOCUS %s rows for %d projects, %s%n",
            result.rows().size(),
            FocusExport.FOCUS_VERSION,
            projects.size() - result.skipped().size(),
            ym);
    err().flush();
    return result.rows().isEmpty() ? 1 : 0;
  }

  private static List<GenAIProject> fromCluster() {
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      return client.resources(GenAIProject.class).list().getItems();
    }
  }

  private static List<GenAIProject> fromFiles(List<Path> paths)
      throws IOException, YamlDocuments.MalformedYamlException {
    List<GenAIProject> out = new ArrayList<>();
    for (Path file : InputFiles.expand(paths)) {
      for (YamlDocuments.Document doc : YamlDocuments.read(file)) {
        if (GenAIProject.KIND.equals(doc.kind())) {
          out.add(SERIALIZATION.convertValue(doc.tree(), GenAIProject.class));
        } else if (doc.kind().endsWith("List") && doc.tree().has("items")) {
          for (JsonNode item : doc.tree().get("items")) {
            if (GenAIProject.KIND.equals(item.path("kind").asText())) {
              out.add(SERIALIZATION.convertValue(item, GenAIProject.class));
            }
          }
        }
      }
    }
    return out;
  }
}
