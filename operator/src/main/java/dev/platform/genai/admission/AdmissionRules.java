package dev.platform.genai.admission;

import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The admission rules of this operator's kinds, loaded once from the CRDs the build generated. */
public final class AdmissionRules {
  private AdmissionRules() {}

  private static final Map<String, Supplier<CrdValidator>> BY_KIND =
      Map.of(
          GenAIProject.KIND,
          Holder::project,
          "GenAIPlatformPolicy",
          Holder::policy,
          GenAIProjectApproval.KIND,
          Holder::approval);

  /** The CRD resources of every kind of ours, for installing them (sandbox, tests). */
  public static List<String> crds() {
    return List.of(
        crdResource(GenAIProject.class),
        crdResource(GenAIPlatformPolicy.class),
        crdResource(GenAIProjectApproval.class),
        crdResource(dev.platform.genai.api.GoogleIamPolicy.class),
        crdResource(dev.platform.genai.api.GenAIProjectRecord.class));
  }

  public static CrdValidator approval() {
    return Holder.APPROVAL;
  }

  public static CrdValidator project() {
    return Holder.PROJECT;
  }

  public static CrdValidator policy() {
    return Holder.POLICY;
  }

  /** The validator for a kind of ours, or empty for any other kind. */
  public static Optional<CrdValidator> forKind(String kind) {
    return Optional.ofNullable(BY_KIND.get(kind)).map(Supplier::get);
  }

  /** Class-path resource of the generated CRD of a kind. */
  public static String crdResource(Class<? extends HasMetadata> type) {
    return "META-INF/fabric8/" + HasMetadata.getFullResourceName(type) + "-v1.yml";
  }

  private static final class Holder {
    static final CrdValidator PROJECT = CrdValidator.fromClasspath(crdResource(GenAIProject.class));
    static final CrdValidator POLICY =
        CrdValidator.fromClasspath(crdResource(GenAIPlatformPolicy.class));

    static final CrdValidator APPROVAL =
        CrdValidator.fromClasspath(crdResource(GenAIProjectApproval.class));

    static CrdValidator approval() {
      return APPROVAL;
    }

    static CrdValidator project() {
      return PROJECT;
    }

    static CrdValidator policy() {
      return POLICY;
    }
  }
}
