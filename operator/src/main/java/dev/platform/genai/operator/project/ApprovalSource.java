package dev.platform.genai.operator.project;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectApproval;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compliance approvals, from an informer indexed by the project they name: an approval created (or
 * deleted) re-reconciles exactly that project, and the reconciler reads approvals from the cache.
 */
public final class ApprovalSource {
  public static final String NAME = "approvals";
  private static final String BY_PROJECT = "by-project";

  private final InformerEventSource<GenAIProjectApproval, GenAIProject> informer;

  public ApprovalSource(EventSourceContext<GenAIProject> context) {
    var config =
        InformerEventSourceConfiguration.from(GenAIProjectApproval.class, GenAIProject.class)
            .withName(NAME)
            .withSecondaryToPrimaryMapper(
                a -> project(a) == null ? Set.of() : Set.of(new ResourceID(project(a))))
            .build();
    this.informer = new InformerEventSource<>(config, context);
    informer.addIndexers(
        Map.of(BY_PROJECT, a -> project(a) == null ? List.of() : List.of(project(a))));
  }

  private static String project(GenAIProjectApproval a) {
    return a.getSpec() == null ? null : a.getSpec().project;
  }

  public InformerEventSource<GenAIProjectApproval, GenAIProject> eventSource() {
    return informer;
  }

  /** The approvals that name this project. */
  public List<GenAIProjectApproval> forProject(String project) {
    return informer.byIndex(BY_PROJECT, project);
  }
}
