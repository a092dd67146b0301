package dev.platform.genai.plan;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.ModelEndpoint;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which other projects call the same managed-model providers from a project's Google project. A provider's usage
 * metric (e.g. Vertex AI's token_count) carries the Google project and the model, never the caller: when several
 * projects share the Google project, its token spend cannot be attributed to one of them. Pure: the operator asks
 * it with its cache of projects, {@code validate} with the files it reads.
 */
public final class GoogleProjectSharing {
  private GoogleProjectSharing() {}

  /** The name of the primary cache's index by {@link #indexKeys}. */
  public static final String INDEX = "google-project-provider";

  /**
   * The keys a project is indexed under: "googleProject/provider" for each managed provider it calls from its
   * Google project. Projects sharing a key are the candidates {@link #of} looks through.
   */
  public static List<String> indexKeys(GenAIProject p) {
    String google = googleProject(p);
    return google == null ? List.of() : providers(p).stream().sorted().map(pr -> google + "/" + pr).toList();
  }

  /** The names of the other projects sharing the project's Google project for a provider it uses, sorted. */
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
        .map(p -> p.getMetadata().getName()).sorted().toList();
  }

  /** The managed models a project calls, as "Provider/model", sorted. */
  public static List<String> managedModels(GenAIProject p) {
    if (p.getSpec() == null || p.getSpec().models == null) {
      return List.of();
    }
    return p.getSpec().models.stream().filter(Objects::nonNull).map((ModelEndpoint m) -> m.managed)
        .filter(m -> m != null && m.provider != null).map(m -> m.provider + "/" + m.model).distinct().sorted()
        .toList();
  }

  /**
   * What is shared, in words: each other project with the managed models it calls, and this project's own — "by
   * legal-search (VertexAI/gemini-2.5-pro); this project calls VertexAI/gemini-2.5-flash from it". The models may
   * differ: the Google project and the provider are what is shared (a black-box run found the message claiming
   * "the same managed models").
   */
  public static String describe(GenAIProject project, Collection<GenAIProject> others) {
    return others.stream().map(o -> o.getMetadata().getName() + " (" + String.join(", ", managedModels(o)) + ")")
        .sorted().collect(Collectors.joining(", ")) + "; this project calls "
        + String.join(", ", managedModels(project)) + " from it";
  }

  private static String googleProject(GenAIProject p) {
    return p.getSpec() == null || p.getSpec().gcp == null ? null : p.getSpec().gcp.projectId;
  }

  private static Set<String> providers(GenAIProject p) {
    if (p.getSpec() == null || p.getSpec().models == null) {
      return Set.of();
    }
    return p.getSpec().models.stream().filter(Objects::nonNull).map((ModelEndpoint m) -> m.managed)
        .filter(m -> m != null && m.provider != null).map(m -> m.provider).collect(Collectors.toSet());
  }
}
