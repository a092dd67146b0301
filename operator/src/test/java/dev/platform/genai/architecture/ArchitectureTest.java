package dev.platform.genai.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/architecture.md, on the compiled runtime (tests excluded): nothing waits by
 * sleeping a thread (a wait is a reschedule), the pure layers call no client, no cloud, no
 * framework runtime and no clock (fabric8's model and serialization utilities are data, not a
 * client), and Google is called from one package. The running operator is rooms: the wiring ({@code
 * operator}) over the project controller, the Google IAM controller, the protocol between them and
 * what they share; no import runs back up.
 */
class ArchitectureTest {
  static JavaClasses runtime;

  @BeforeAll
  static void importRuntime() {
    runtime =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.platform.genai");
  }

  @Test
  void noThreadSleepsInTheRuntime() {
    noClasses()
        .should()
        .callMethod(Thread.class, "sleep", long.class)
        .orShould()
        .callMethod(Thread.class, "sleep", long.class, int.class)
        .orShould()
        .callMethod(Thread.class, "sleep", java.time.Duration.class)
        .orShould()
        .callMethod(java.util.concurrent.TimeUnit.class, "sleep", long.class)
        .because(
            "a wait is a reschedule (JOSDK's rescheduleAfter, a scheduled executor), never a held thread")
        .check(runtime);
  }

  @Test
  void theStatusVocabularyDependsOnNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("dev.platform.genai.vocabulary..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.platform.genai.plan..",
            "dev.platform.genai.operator..",
            "dev.platform.genai.api..",
            "dev.platform.genai.model..",
            "io.fabric8..",
            "io.javaoperatorsdk..")
        .because(
            "condition types, reasons and phases are words everyone speaks: they import nothing of ours")
        .check(runtime);
  }

  @Test
  void theModelIsBuiltInModelAndKnowsNoPlan() {
    noClasses()
        .that()
        .resideInAPackage("dev.platform.genai.model")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.platform.genai.policy..", "dev.platform.genai.model.build..")
        .because(
            "the model's value types stand below the policy; only its builder (model.build) reads the policy")
        .check(runtime);
    noClasses()
        .that()
        .resideInAPackage("dev.platform.genai.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.platform.genai.model..")
        .check(runtime);
    noClasses()
        .that()
        .resideInAPackage("dev.platform.genai.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.platform.genai.plan..", "dev.platform.genai.operator..")
        .because("plan/ holds planning only: the model is built before anything is planned")
        .check(runtime);
  }

  @Test
  void thePureLayersCallNoClientCloudOrFramework() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.platform.genai.model..",
            "dev.platform.genai.policy..",
            "dev.platform.genai.desired..",
            "dev.platform.genai.plan..",
            "dev.platform.genai.vocabulary..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fabric8.kubernetes.client.dsl..",
            "io.javaoperatorsdk..",
            "com.google.cloud..",
            "com.google.api.services..",
            "java.net.http..",
            "okhttp3..")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(io.fabric8.kubernetes.client.KubernetesClient.class)
        .orShould()
        .callMethod(java.time.Clock.class, "systemUTC")
        .orShould()
        .callMethod(java.time.Instant.class, "now")
        .because("planning is pure: the operator observes, the plan decides (docs/architecture.md)")
        .check(runtime);
  }

  @Test
  void googleIsCalledOnlyFromTheCloudPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.platform.genai.cloud..", "dev.platform.genai.cost..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.google.cloud.resourcemanager..",
            "com.google.api.services.iam..",
            "com.google.api.services.storage..")
        .check(runtime);
  }

  @Test
  void theCloudPackageKnowsNothingOfTheOperator() {
    noClasses()
        .that()
        .resideInAPackage("dev.platform.genai.cloud..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.platform.genai.operator..",
            "io.javaoperatorsdk..",
            "io.fabric8.kubernetes.client..")
        .check(runtime);
  }

  private static final String OPERATOR = "dev.platform.genai.operator";

  @Test
  void theTwoControllersMeetOnlyThroughTheProtocol() {
    noClasses()
        .that()
        .resideInAPackage(OPERATOR + ".project..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(OPERATOR + ".iam..")
        .because("what a project asks of Google IAM goes through operator.intents")
        .check(runtime);
    noClasses()
        .that()
        .resideInAPackage(OPERATOR + ".iam..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(OPERATOR + ".project..")
        .because(
            "the policy controller reads projects' wishes from operator.intents, not from the project side")
        .check(runtime);
  }

  @Test
  void theProtocolAndTheSharedPartsKnowNeitherController() {
    noClasses()
        .that()
        .resideInAnyPackage(OPERATOR + ".intents..", OPERATOR + ".shared..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(OPERATOR + ".project..", OPERATOR + ".iam..", OPERATOR)
        .because("both controllers import them; they import neither")
        .check(runtime);
  }

  @Test
  void nothingImportsTheWiring() {
    noClasses()
        .that()
        .resideOutsideOfPackages(OPERATOR, "dev.platform.genai.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(OPERATOR)
        .because("the wiring builds the rooms; a room that reached back up would make a cycle")
        .check(runtime);
    noClasses()
        .that()
        .resideInAPackage(OPERATOR + ".project.dependent..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(OPERATOR + ".project")
        .because("the dependents read the plan from the context; the reconciler declares them")
        .check(runtime);
    slices().matching(OPERATOR + ".(**)").should().beFreeOfCycles().check(runtime);
  }
}
