package dev.platform.genai.operator;

import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import dev.platform.genai.policy.PolicyResolver;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cluster policy, from an informer: a change to GenAIPlatformPolicy "default" re-reconciles every project;
 * the reconciler reads it from the cache, never from the API server.
 */
public final class PolicySource {
  public static final String NAME = "platform-policy";
  private static final ResourceID DEFAULT_ID = new ResourceID(GenAIPlatformPolicy.DEFAULT_NAME);

  private final InformerEventSource<GenAIPlatformPolicy, GenAIProject> informer;
  private volatile Cached cached;

  private record Cached(String resourceVersion, Resolution resolution) {}

  public PolicySource(EventSourceContext<GenAIProject> context) {
    var config = InformerEventSourceConfiguration.from(GenAIPlatformPolicy.class, GenAIProject.class)
        .withName(NAME)
        .withSecondaryToPrimaryMapper(policy -> GenAIPlatformPolicy.DEFAULT_NAME.equals(
            policy.getMetadata().getName()) ? allProjects(context) : Set.of())
        .build();
    this.informer = new InformerEventSource<>(config, context);
  }

  public InformerEventSource<GenAIPlatformPolicy, GenAIProject> eventSource() {
    return informer;
  }

  private static Set<ResourceID> allProjects(EventSourceContext<GenAIProject> context) {
    return context.getPrimaryCache().list().map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  /** The resolved policy: built-in defaults when there is no policy named default. */
  public Resolution current() {
    GenAIPlatformPolicy p = informer.get(DEFAULT_ID).orElse(null);
    String version = p == null ? "" : p.getMetadata().getResourceVersion();
    Cached c = cached;
    if (c == null || !c.resourceVersion().equals(version)) {
      c = new Cached(version, PolicyResolver.resolve(p));
      cached = c;
    }
    return c.resolution();
  }
}
