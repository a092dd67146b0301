package dev.platform.genai.plan.finops;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.ModelEndpoint;
import dev.platform.genai.policy.PlatformPolicy;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which other projects call the same managed-model providers from a project's Google project. A
 * provider's usage metric (e.g. Vertex AI's token_count) carries the Google project and the model,
 * never the caller: when several projects share the Google project, its token spend cannot be
 * attributed to one of them. Pure: the operator asks it with its cache of projects, {@code
 * validate} with the files it reads.
 */
public final class GoogleProjectSharing {
  private GoogleProjectSharing() {}

  /** The name of the primary cache's index by {@link #indexKeys}. */
  public static final String INDEX = "google-project-provider";

  /**
   * The keys a project is indexed under: "googleProject/provider" for each managed provider it
   * calls from its Google project. Projects sharing a key are the candidates {@link #of} looks
   * through.
   */
  public static List<String> indexKeys(GenAIProject p) {
    String google = googleProject(p);
    return google == null
        ? List.of()
        : providers(p).stream().sorted().map(pr -> google + "/" + pr).toList();
  }

  /**
   * The names of the other projects sharing the project's Google project for a provider it uses,
   * sorted.
   */
  public static List<String> of(GenAIProject project, Collection<GenAIProject> all) {
    String google = googleProject(project);
    Set<String> providers = providers(project);
    if (google == null || providers.isEmpty()) {
      return List.of();
    }
    String name = project.getMetadata().getName();
    return all.stream()
        .filter(p -> p.getMetadata() != null && !Objects.equals(name, p.getMetadata().getName()))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> google.equals(googleProject(p)))
        .filter(p -> providers(p).stream().anyMatch(providers::contains))
        .map(p -> p.getMetadata().getName())
        .sorted()
        .toList();
  }

  /**
   * The projects sharing a project's Google project for managed models: their names (sorted) and
   * what is shared, in words. NONE when nothing is.
   */
  public record Sharing(List<String> names, String described) {
    public static final Sharing NONE = new Sharing(List.of(), "");

    public Sharing {
      names = List.copyOf(names);
    }
  }

  /**
   * Who shares the project's Google project among {@code candidates} (the operator's cache index,
   * or the projects {@code validate} and {@code render} read), and what each calls.
   */
  public static Sharing among(GenAIProject project, Collection<GenAIProject> candidates) {
    List<String> names = of(project, candidates);
    return names.isEmpty()
        ? Sharing.NONE
        : new Sharing(
            names,
            describe(
                project,
                candidates.stream()
                    .filter(c -> names.contains(c.getMetadata().getName()))
                    .distinct()
                    .toList()));
  }

  /** The managed models a project calls, as "Provider/model", sorted. */
  public static List<String> managedModels(GenAIProject p) {
    if (p.getSpec() == null || p.getSpec().models == null) {
      return List.of();
    }
    return p.getSpec().models.stream()
        .filter(Objects::nonNull)
        .map((ModelEndpoint m) -> m.managed)
        .filter(m -> m != null && m.provider != null)
        .map(m -> m.provider + "/" + m.model)
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * What is shared, in words: each other project with the managed models it calls, and this
   * project's own — "by legal-search (VertexAI/gemini-2.5-pro); this project calls
   * VertexAI/gemini-2.5-flash from it". The models may differ: the Google project and the provider
   * are what is shared (a black-box run found the message claiming "the same managed models").
   */
  public static String describe(GenAIProject project, Collection<GenAIProject> others) {
    return others.stream()
            .map(o -> o.getMetadata().getName() + " (" + String.join(", ", managedModels(o)) + ")")
            .sorted()
            .collect(Collectors.joining(", "))
        + "; this project calls "
        + String.join(", ", managedModels(project))
        + " from it";
  }

  /**
   * The shared-Google-project gate, in one place for the operator's plan, {@code render} and {@code
   * validate}: when the policy refuses managed models on shared Google projects
   * (spec.models.sharedGoogleProjects: Refuse), why each managed endpoint of the project is refused
   * — or empty (no sharing, or the policy reports it instead).
   *
   * @param described what is shared, in words ({@link #describe})
   */
  public static Optional<String> refusal(
      String googleProject, List<String> sharing, String described, PlatformPolicy policy) {
    return sharing.isEmpty() || !policy.models().refuseSharedGoogleProjects()
        ? Optional.empty()
        : Optional.of(
            "Google project "
                + googleProject
                + " is also used for managed models by "
                + described
                + ", and the policy refuses managed models on shared Google projects (spec.models.sharedGoogleProjects:"
                + " Refuse): give this project a Google project of its own (spec.gcp.projectId)");
  }

  /**
   * Where the policy reports sharing rather than refusing it: what the operator says in
   * ManagedSpendTracked (SharedGoogleProject) and {@code validate} warns, the month's figure given
   * when known.
   */
  public static String reported(String googleProject, String described, String spendThisMonth) {
    return "Google project "
        + googleProject
        + " is also used for managed models by "
        + described
        + ": its token spend"
        + (spendThisMonth == null ? "" : " (" + spendThisMonth + " this month)")
        + " cannot be told apart, so it is reported, not counted against this project's cap. Give each project a"
        + " Google project of its own (spec.gcp.projectId), or have the policy refuse this"
        + " (spec.models.sharedGoogleProjects: Refuse).";
  }

  private static String googleProject(GenAIProject p) {
    return p.getSpec() == null || p.getSpec().gcp == null ? null : p.getSpec().gcp.projectId;
  }

  private static Set<String> providers(GenAIProject p) {
    if (p.getSpec() == null || p.getSpec().models == null) {
      return Set.of();
    }
    return p.getSpec().models.stream()
        .filter(Objects::nonNull)
        .map((ModelEndpoint m) -> m.managed)
        .filter(m -> m != null && m.provider != null)
        .map(m -> m.provider)
        .collect(Collectors.toSet());
  }
}
