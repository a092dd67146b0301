package dev.platform.genai.operator.project;

import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.desired.DesiredAiGateway;
import dev.platform.genai.desired.DesiredAiGateway.GatewayKind;
import dev.platform.genai.desired.DesiredObjects;
import dev.platform.genai.model.AiGatewayPlan;
import dev.platform.genai.model.AiGatewayPlan.TokenBudget;
import dev.platform.genai.model.Names;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The project's objects at Envoy AI Gateway (route, backends, credentials, JWT policy, the month's
 * token budget), where the cluster serves its CRDs and the policy names a Gateway: written when
 * what the plan wants changed since this process last wrote it (a resync writes and reads nothing),
 * the ones no longer wanted deleted (last month's budget, an endpoint removed, the gateway taken
 * out of the policy). Owned by the project: the garbage collector takes them with it. Outside the
 * JOSDK workflow because the kinds are another project's, served or not, and read nowhere else: no
 * informer is kept for them.
 */
public final class GatewayStep {
  private final Map<String, String> written = new ConcurrentHashMap<>();

  /**
   * What happened to the project's gateway objects: a part for status, or null where the gateway is
   * not used.
   */
  record Result(PartOutcome part) {
    static final Result NONE = new Result(null);
  }

  Result run(Plan plan, KubernetesClient client) {
    GenAIProject project = plan.project();
    String name = project.getMetadata().getName();
    if (!plan.observed().apis().aiGateway()) {
      written.remove(name);
      return Result.NONE; // the kinds are not served: nothing to write, nothing of ours can exist
    }
    if (plan.gate() != null && !plan.gate().open()) {
      return Result
          .NONE; // waiting for an approval: the endpoints run as approved, and so does their route
    }
    List<HasMetadata> desired =
        plan.objects().stream().filter(o -> o.getApiVersion().contains("envoyproxy.io")).toList();
    String wanted = DesiredObjects.toYaml(desired);
    if (wanted.equals(written.get(name))) {
      return new Result(part(plan));
    }
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
        resources(client, kind(r))
            .inNamespace(plan.model().namespace())
            .resource(r)
            .createOr(existing -> existing.update());
      }
      removeUnwanted(plan, client, desired);
    } catch (KubernetesClientException e) {
      written.remove(name);
      return new Result(
          PartOutcome.failed(
              ConditionType.TokenBudgetReady,
              Reason.ApplyFailed,
              "Writing the gateway's objects failed (retrying with backoff): " + e.getMessage()));
    }
    written.put(name, wanted);
    return new Result(part(plan));
  }

  /** The project went: its objects go with it (owner references); nothing is remembered. */
  void forget(String project) {
    written.remove(project);
  }

  private static void removeUnwanted(
      Plan plan, KubernetesClient client, List<HasMetadata> desired) {
    for (GatewayKind k : DesiredAiGateway.KINDS) {
      Set<String> keep =
          desired.stream()
              .filter(o -> o.getKind().equals(k.kind()))
              .map(o -> o.getMetadata().getName())
              .collect(Collectors.toSet());
      resources(client, k)
          .inNamespace(plan.model().namespace())
          .withLabel(Names.PROJECT, plan.project().getMetadata().getName())
          .list()
          .getItems()
          .stream()
          .filter(o -> !keep.contains(o.getMetadata().getName()))
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
