package dev.platform.genai.operator.project;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.desired.DesiredAiGateway;
import dev.platform.genai.desired.DesiredAiGateway.GatewayKind;
import dev.platform.genai.model.AiGatewayPlan;
import dev.platform.genai.model.AiGatewayPlan.TokenBudget;
import dev.platform.genai.model.Names;
import dev.platform.genai.operator.project.dependent.JsonSubset;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's objects at Envoy AI Gateway (route, backends, credentials, JWT policy, the month's
 * token budget), where the cluster serves its CRDs and the policy names a Gateway: compared with
 * what the plan wants and written when they differ (a hand edit of the SecurityPolicy is undone at
 * the next reconcile, which the edit itself triggers), the ones no longer wanted deleted (last
 * month's budget, an endpoint removed, the gateway taken out of the policy). Owned by the project:
 * the garbage collector takes them with it.
 *
 * <p>Like every child, they are read from informers (label-selected, as the workflow's are), so a
 * resync reads nothing from the API server and writes nothing. The kinds are another project's and
 * may be served after the operator starts: the informers are registered when {@code OptionalApis}
 * first sees the CRDs (our own check, not JOSDK's, which caches its answer JVM-wide) and removed
 * when they go. Outside the JOSDK workflow because a workflow's dependents are fixed at start.
 */
public final class GatewayStep {
  private static final Logger log = LoggerFactory.getLogger(GatewayStep.class);

  /** Compared with JsonSubset: what the API server defaults is not a difference. */
  private static final List<String> COMPARED = List.of("spec");

  /**
   * What happened to the project's gateway objects: a part for status, or null where the gateway is
   * not used.
   */
  record Result(PartOutcome part) {
    static final Result NONE = new Result(null);
  }

  private volatile Map<GatewayKind, InformerEventSource<GenericKubernetesResource, GenAIProject>>
      informers;

  Result run(Plan plan, Context<GenAIProject> context) {
    if (!plan.observed().apis().aiGateway()) {
      stopWatching(context);
      return Result.NONE; // the kinds are not served: nothing to write, nothing of ours can exist
    }
    if (plan.gate() != null && !plan.gate().open()) {
      return Result
          .NONE; // waiting for an approval: the endpoints run as approved, and so does their route
    }
    Map<GatewayKind, InformerEventSource<GenericKubernetesResource, GenAIProject>> watched =
        watch(context);
    KubernetesClient client = context.getClient();
    GenAIProject project = plan.project();
    String name = project.getMetadata().getName();
    String namespace = plan.model().namespace();
    List<HasMetadata> desired =
        plan.objects().stream().filter(o -> o.getApiVersion().contains("envoyproxy.io")).toList();
    try {
      for (HasMetadata o : desired) {
        GenericKubernetesResource r =
            client.getKubernetesSerialization().clone((GenericKubernetesResource) o);
        r.getMetadata()
            .setOwnerReferences(
                List.of(
                    new OwnerReferenceBuilder()
                        .withApiVersion(project.getApiVersion())
                        .withKind(project.getKind())
                        .withName(name)
                        .withUid(project.getMetadata().getUid())
                        .withController(true)
                        .build())); // as the workflow's children: controller, no blockOwnerDeletion
        // (no finalizers permission)
        InformerEventSource<GenericKubernetesResource, GenAIProject> informer =
            watched.get(kind(r));
        ResourceID id = new ResourceID(r.getMetadata().getName(), namespace);
        Optional<GenericKubernetesResource> actual = informer.get(id);
        if (actual.isPresent() && matches(client, actual.get(), r)) {
          continue;
        }
        var resource = resources(client, kind(r)).inNamespace(namespace).resource(r);
        if (actual.isPresent()) {
          r.getMetadata().setResourceVersion(actual.get().getMetadata().getResourceVersion());
          GenericKubernetesResource written = resource.update();
          informer.handleRecentResourceUpdate(id, written, actual.get());
          log.info(
              "project={} {} {}/{} differed from the plan: written again",
              name,
              r.getKind(),
              namespace,
              r.getMetadata().getName());
        } else {
          try {
            informer.handleRecentResourceCreate(id, resource.create());
          } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
              throw e;
            }
            // there, but not yet in the cache (created a moment ago): its event brings it, and
            // the reconcile it wakes compares it
          }
        }
      }
      removeUnwanted(plan, client, desired, watched);
    } catch (KubernetesClientException e) {
      return new Result(
          PartOutcome.failed(
              ConditionType.TokenBudgetReady,
              Reason.ApplyFailed,
              "Writing the gateway's objects failed (retrying with backoff): " + e.getMessage()));
    }
    return new Result(part(plan));
  }

  /**
   * Whether the stored object holds what the plan wants: its labels and owner, and every field of
   * its spec we set (JsonSubset: lists exactly, fields only the API server sets ignored).
   */
  static boolean matches(
      KubernetesClient client, GenericKubernetesResource actual, GenericKubernetesResource want) {
    var json = client.getKubernetesSerialization();
    ObjectNode a = json.convertValue(actual, ObjectNode.class);
    ObjectNode d = json.convertValue(want, ObjectNode.class);
    for (String f : COMPARED) {
      if (!JsonSubset.contains(a.get(f), d.get(f))) {
        return false;
      }
    }
    Map<String, String> labels = actual.getMetadata().getLabels();
    return labels != null
        && labels.entrySet().containsAll(want.getMetadata().getLabels().entrySet())
        && actual.getMetadata().getOwnerReferences().stream()
            .anyMatch(
                r ->
                    r.getUid().equals(want.getMetadata().getOwnerReferences().get(0).getUid())
                        && Boolean.TRUE.equals(r.getController()));
  }

  /** The informers of the kinds, registered once they are served. */
  private Map<GatewayKind, InformerEventSource<GenericKubernetesResource, GenAIProject>> watch(
      Context<GenAIProject> context) {
    var current = informers;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (informers == null) {
        var retriever = context.eventSourceRetriever();
        Map<GatewayKind, InformerEventSource<GenericKubernetesResource, GenAIProject>> out =
            new LinkedHashMap<>();
        for (GatewayKind k : DesiredAiGateway.KINDS) {
          InformerEventSource<GenericKubernetesResource, GenAIProject> source =
              new InformerEventSource<>(
                  InformerEventSourceConfiguration.from(
                          new GroupVersionKind(k.group(), k.version(), k.kind()),
                          GenAIProject.class)
                      .withName(sourceName(k))
                      .withLabelSelector(Names.MANAGED_SELECTOR)
                      .withSecondaryToPrimaryMapper(GatewayStep::owner)
                      .build(),
                  retriever.eventSourceContextForDynamicRegistration());
          @SuppressWarnings("unchecked")
          var registered =
              (InformerEventSource<GenericKubernetesResource, GenAIProject>)
                  retriever.dynamicallyRegisterEventSource(source);
          out.put(k, registered);
        }
        log.info("Envoy AI Gateway's kinds are served: watching the projects' objects there");
        informers = Map.copyOf(out);
      }
      return informers;
    }
  }

  /** The kinds are no longer served: their informers stop (they would fail and retry for ever). */
  private void stopWatching(Context<GenAIProject> context) {
    if (informers == null) {
      return;
    }
    synchronized (this) {
      if (informers != null) {
        DesiredAiGateway.KINDS.forEach(
            k -> context.eventSourceRetriever().dynamicallyDeRegisterEventSource(sourceName(k)));
        informers = null;
        log.info("Envoy AI Gateway's kinds are no longer served: stopped watching them");
      }
    }
  }

  private static String sourceName(GatewayKind k) {
    return "gateway-" + k.group() + "-" + k.plural();
  }

  /** The project an object is for: its label (as every child's). */
  private static Set<ResourceID> owner(GenericKubernetesResource o) {
    Map<String, String> labels = o.getMetadata().getLabels();
    String project = labels == null ? null : labels.get(Names.PROJECT);
    return project == null ? Set.of() : Set.of(new ResourceID(project));
  }

  private static void removeUnwanted(
      Plan plan,
      KubernetesClient client,
      List<HasMetadata> desired,
      Map<GatewayKind, InformerEventSource<GenericKubernetesResource, GenAIProject>> watched) {
    String project = plan.project().getMetadata().getName();
    for (GatewayKind k : DesiredAiGateway.KINDS) {
      Set<String> keep =
          desired.stream()
              .filter(o -> o.getKind().equals(k.kind()))
              .map(o -> o.getMetadata().getName())
              .collect(Collectors.toSet());
      watched
          .get(k)
          .list(
              plan.model().namespace(),
              o ->
                  o.getMetadata().getLabels() != null
                      && project.equals(o.getMetadata().getLabels().get(Names.PROJECT))
                      && !keep.contains(o.getMetadata().getName()))
          .toList()
          .forEach(
              o ->
                  resources(client, k)
                      .inNamespace(plan.model().namespace())
                      .withName(o.getMetadata().getName())
                      .delete());
    }
  }

  /**
   * TokenBudgetReady from the plan's gateway decision, or null without one; a denial is deliberate
   * (it holds, it is not a fault).
   */
  static PartOutcome part(Plan plan) {
    AiGatewayPlan g = plan.gateway();
    if (g == null) {
      return null; // no endpoints behind the gateway (none, or the policy names no Gateway): no
      // condition
    }
    TokenBudget b = g.budget();
    String where =
        "Endpoints behind Gateway "
            + g.gatewayNamespace()
            + "/"
            + g.gatewayName()
            + " at https://"
            + g.hostname()
            + "/v1 (a projected ServiceAccount token of the workload, audience "
            + g.audience()
            + ")";
    String budget =
        "token budget for "
            + b.month()
            + ": "
            + b.amount().toPlainString()
            + " "
            + b.currency()
            + " ("
            + b.limitUnits()
            + " units of "
            + b.unit().toPlainString()
            + " "
            + b.currency()
            + ")";
    BudgetStatus spent = plan.budget() == null ? null : plan.budget().budget();
    if (spent != null && spent.gateway != null && b.month().equals(spent.month)) {
      budget +=
          "; counted at the gateway this month: "
              + spent.gateway.tokens
              + " tokens, "
              + spent.gateway.spend
              + " "
              + b.currency();
    }
    return switch (b.state()) {
      case OPEN ->
          PartOutcome.ok(
              ConditionType.TokenBudgetReady, Reason.Provisioned, where + "; " + budget + ".");
      case THROTTLED ->
          PartOutcome.ok(
              ConditionType.TokenBudgetReady,
              Reason.Provisioned,
              where + "; " + budget + ". " + b.why());
      case DENIED ->
          PartOutcome.failed(ConditionType.TokenBudgetReady, Reason.TokensDenied, b.why());
    };
  }

  private static GatewayKind kind(HasMetadata o) {
    return DesiredAiGateway.KINDS.stream()
        .filter(k -> k.kind().equals(o.getKind()))
        .findFirst()
        .orElseThrow();
  }

  /** The client for one of the kinds (no discovery: group, version and plural are known). */
  public static io.fabric8.kubernetes.client.dsl.MixedOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
      resources(KubernetesClient client, GatewayKind k) {
    return client.genericKubernetesResources(
        new ResourceDefinitionContext.Builder()
            .withGroup(k.group())
            .withVersion(k.version())
            .withKind(k.kind())
            .withPlural(k.plural())
            .withNamespaced(true)
            .build());
  }
}
