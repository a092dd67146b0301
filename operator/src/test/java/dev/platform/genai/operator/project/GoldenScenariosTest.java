package dev.platform.genai.operator.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.TestFiles;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.cli.CliRun;
import dev.platform.genai.cli.ObservedFile;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.plan.Planner;
import dev.platform.genai.plan.finops.GoogleProjectSharing;
import dev.platform.genai.policy.PlatformPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden scenarios, a folder each (operator/src/test/resources/scenarios/NAME): the project ({@code
 * in-project.yaml}), the policy ({@code in-policy.yaml}, else samples/platform-policy.yaml) and
 * what the cluster looks like ({@code in-observed.yaml}: the time, spend just read, the endpoints
 * running, the approvals, the cluster's regions) → what {@code render --observed} prints ({@code
 * out-objects.yaml}, its notes in {@code out-notes.txt}) and the status the operator's status
 * factory writes once the plan is applied ({@code out-status.yaml}). Both sides read the same
 * folder. Regenerate with {@code mvn test -Dgolden.update=true} and review the diff.
 */
class GoldenScenariosTest {
  static final Path SCENARIOS =
      TestFiles.repoRoot().resolve("operator/src/test/resources/scenarios");
  static final KubernetesSerialization JSON = new KubernetesSerialization();

  static List<String> scenarios() throws IOException {
    try (Stream<Path> s = Files.list(SCENARIOS)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static Path policyOf(Path dir) {
    Path own = dir.resolve("in-policy.yaml");
    return Files.exists(own) ? own : TestFiles.samples().resolve("platform-policy.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void renderPrintsTheScenariosObjects(String name) throws IOException {
    Path dir = SCENARIOS.resolve(name);
    CliRun run =
        CliRun.of(
            "render",
            "--policy",
            policyOf(dir).toString(),
            "--observed",
            dir.resolve("in-observed.yaml").toString(),
            dir.resolve("in-project.yaml").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    check(dir.resolve("out-objects.yaml"), run.out());
    check(dir.resolve("out-notes.txt"), run.err().replace(dir + "/", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void theOperatorsStatusOnceThePlanIsApplied(String name) throws IOException {
    Path dir = SCENARIOS.resolve(name);
    GenAIProject project =
        JSON.unmarshal(Files.readString(dir.resolve("in-project.yaml")), GenAIProject.class);
    project.getMetadata().setGeneration(1L);
    project.getMetadata().setUid("uid-" + name);
    PlatformPolicy policy = Samples.policy(policyOf(dir));
    ObservedFile observed = ObservedFile.read(dir.resolve("in-observed.yaml"));
    Plan plan =
        Planner.preview(
            project,
            policy,
            observed.observed(),
            observed.isApproved(),
            GoogleProjectSharing.Sharing.NONE);
    // every dependent the workflow runs reconciled; the endpoints not yet reported (just written)
    Set<String> reconciled =
        Arrays.stream(GenAIProjectReconciler.class.getAnnotation(Workflow.class).dependents())
            .map(d -> d.name())
            .collect(Collectors.toSet());
    Applied applied = new Applied(Map.of(), reconciled, null, CloudAccessStep.Result.NONE);
    var status =
        new ProjectStatusFactory(Clock.fixed(observed.now(), ZoneOffset.UTC))
            .build(plan, plan.applies() ? applied : null);
    check(dir.resolve("out-status.yaml"), JSON.asYaml(status));
  }

  private static void check(Path golden, String actual) throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      if (actual.isEmpty()) {
        Files.deleteIfExists(golden);
      } else {
        Files.writeString(golden, actual);
      }
    }
    String expected = Files.exists(golden) ? Files.readString(golden) : "";
    assertThat(actual).as("%s (regenerate with -Dgolden.update=true)", golden).isEqualTo(expected);
  }
}
