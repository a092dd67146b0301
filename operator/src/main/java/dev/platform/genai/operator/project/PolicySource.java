package dev.platform.genai.operator.project;

import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.policy.PolicyResolver;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import dev.platform.genai.values.Stage;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cluster policy, from an informer: a change to GenAIPlatformPolicy "default" re-reconciles
 * every project; the reconciler reads it from the cache, never from the API server.
 */
public final class PolicySource {
  public static final String NAME = "platform-policy";
  private static final ResourceID DEFAULT_ID = new ResourceID(GenAIPlatformPolicy.DEFAULT_NAME);

  private final InformerEventSource<GenAIPlatformPolicy, GenAIProject> informer;
  private volatile Cached cached;

  private record Cached(String resourceVersion, Resolution resolution) {}

  public PolicySource(EventSourceContext<GenAIProject> context) {
    var config =
        InformerEventSourceConfiguration.from(GenAIPlatformPolicy.class, GenAIProject.class)
            .withName(NAME)
            .withSecondaryToPrimaryMapper(
                policy ->
                    GenAIPlatformPolicy.DEFAULT_NAME.equals(policy.getMetadata().getName())
                        ? allProjects(context)
                        : Set.of())
            .build();
    this.informer = new InformerEventSource<>(config, context);
  }

  public InformerEventSource<GenAIPlatformPolicy, GenAIProject> eventSource() {
    return informer;
  }

  private static Set<ResourceID> allProjects(EventSourceContext<GenAIProject> context) {
    return context
        .getPrimaryCache()
        .list()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /**
   * Which policy governs: PolicyInForce for every project's status. Without a GenAIPlatformPolicy
   * default the built-in defaults apply — the same after a restart and in {@code render} and {@code
   * validate} without {@code --policy}, so never a state kept only in this process's memory — and
   * the condition is False, so that a deleted policy is seen on every project (and a Warning Event
   * says so where it turns False). Keeping the last known policy instead would make what governs
   * depend on whether this process saw it before it went.
   */
  public PartOutcome inForce() {
    Resolution r = current();
    if (!r.valid()) {
      return PartOutcome.failed(
          ConditionType.PolicyInForce,
          Reason.InvalidPolicy,
          "The cluster's"
              + " GenAIPlatformPolicy default cannot be used: nothing new is provisioned, and what was provisioned under"
              + " it stands. Ask the platform team to fix it.");
    }
    if (informer.get(DEFAULT_ID).isEmpty()) {
      PlatformPolicy d = PlatformPolicy.DEFAULTS;
      return PartOutcome.failed(
          ConditionType.PolicyInForce,
          Reason.PolicyMissing,
          "There is no"
              + " GenAIPlatformPolicy named default, so the built-in defaults govern this project: namespace prefix "
              + d.namespacePrefix()
              + ", GPU caps "
              + d.caps().get(Stage.Pilot).gpus()
              + " per Pilot and "
              + d.caps().get(Stage.Production).gpus()
              + " per Production project, egress from Confidential and"
              + " Restricted namespaces to DNS and the metadata server only, no data residency, no allowed cloud roles"
              + " or models beyond the defaults. If the policy was deleted by mistake, apply it again (helm upgrade with"
              + " policy.create=true, or kubectl apply -f your policy): every project follows at once.");
    }
    return PartOutcome.ok(
        ConditionType.PolicyInForce,
        Reason.PlatformPolicy,
        "The cluster's GenAIPlatformPolicy default governs this project.");
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
