package dev.platform.genai.plan.kueue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.api.GpuStatus;
import dev.platform.genai.model.GpuQueue;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.plan.Observed;
import dev.platform.genai.plan.PartOutcome;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.values.Quantities;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import java.math.BigDecimal;

/**
 * QueueReady and status.gpu, from the plan's queue and the ClusterQueue as Kueue reports it (its
 * Active condition: Kueue's reasons Stopped, FlavorNotFound, Terminating and others — kueue
 * pkg/cache/scheduler/clusterqueue.go, inactiveReason). A hold the budget asked for is reported as
 * such, not as a fault.
 *
 * @param part the QueueReady outcome, or null without Kueue
 * @param gpu status.gpu, or null without Kueue
 */
public record QueueReport(PartOutcome part, GpuStatus gpu) {
  public static final QueueReport NONE = new QueueReport(null, null);

  public static QueueReport of(Plan plan) {
    Observed observed = plan.observed();
    if (!observed.apis().kueueInstalled() || plan.model() == null) {
      return NONE;
    }
    String name = GpuQueues.name(plan.project().getMetadata().getName());
    if (observed.queue().taken()) {
      return new QueueReport(
          PartOutcome.failed(
              ConditionType.QueueReady,
              Reason.QueueConflict,
              "ClusterQueue "
                  + name
                  + " exists and is not this project's; it is left untouched and the project's GPUs are not"
                  + " admitted through Kueue (the ResourceQuota still caps them). Have an admin remove or rename that"
                  + " ClusterQueue."),
          null);
    }
    GpuQueue queue = plan.queue();
    GpuStatus gpu = gpu(plan.model(), queue, observed.queue().status());
    return new QueueReport(part(queue, name, observed.queue()), gpu);
  }

  private static PartOutcome part(GpuQueue queue, String name, QueueObserved observed) {
    if (observed.terminating()) {
      return PartOutcome.failed(
          ConditionType.QueueReady,
          Reason.QueueTerminating,
          "ClusterQueue "
              + name
              + " is being deleted; Kueue holds it (finalizer "
              + GpuQueue.IN_USE_FINALIZER
              + ") until its workloads"
              + " are gone, and it is recreated after.");
    }
    if ("HoldAndDrain".equals(queue.stopPolicy())) {
      return PartOutcome.failed(
          ConditionType.QueueReady,
          Reason.QueueDrained,
          "ClusterQueue "
              + name
              + " is stopped with HoldAndDrain because the project is suspended or expired: Kueue admits nothing and"
              + " evicts what it admitted. Lifted with the suspension.");
    }
    if ("Hold".equals(queue.stopPolicy())) {
      return PartOutcome.failed(
          ConditionType.QueueReady,
          Reason.QueueHeld,
          "ClusterQueue "
              + name
              + " is stopped with Hold because the budget throttles the project: Kueue admits nothing new, admitted"
              + " workloads keep running. Lifted when spend is back under the limit.");
    }
    JsonNode active = condition(observed.status(), "Active");
    if (active == null) {
      return PartOutcome.failed(
          ConditionType.QueueReady,
          Reason.Pending,
          "Waiting for Kueue to report on" + " ClusterQueue " + name + ".");
    }
    if ("True".equals(active.path("status").asText())) {
      return PartOutcome.ok(
          ConditionType.QueueReady,
          Reason.QueueActive,
          "ClusterQueue "
              + name
              + " admits the"
              + " project's workloads (LocalQueue "
              + GpuQueue.LOCAL_QUEUE
              + " in its namespace).");
    }
    String reason = active.path("reason").asText();
    String message = active.path("message").asText();
    if ("FlavorNotFound".equals(reason)) {
      return PartOutcome.failed(
          ConditionType.QueueReady,
          Reason.FlavorNotFound,
          "Kueue keeps ClusterQueue "
              + name
              + " inactive: "
              + message
              + ". ResourceFlavors are the platform team's: create it, or name an"
              + " existing one in GenAIPlatformPolicy default (spec.gpus.<type>.flavor, spec.kueue.defaultFlavor).");
    }
    return PartOutcome.failed(
        ConditionType.QueueReady,
        Reason.QueueInactive,
        "Kueue keeps ClusterQueue " + name + " inactive (" + reason + "): " + message);
  }

  private static GpuStatus gpu(ProjectModel model, GpuQueue queue, JsonNode status) {
    GpuStatus s = new GpuStatus();
    s.queue = queue.name();
    s.resource = model.gpu().kueueResource();
    s.stopPolicy = queue.stopPolicy();
    for (GpuQueue.ResourceGroup g : queue.groups()) {
      for (GpuQueue.ResourceQuota r : g.resources()) {
        if (r.name().equals(s.resource)) {
          s.flavor = g.flavor();
          s.nominal = Integer.parseInt(r.nominal());
          s.borrowingLimit = r.borrowingLimit() == null ? 0 : Integer.parseInt(r.borrowingLimit());
        }
      }
    }
    s.quota = (int) queue.gpuCeiling(s.resource);
    BigDecimal inUse = BigDecimal.ZERO;
    BigDecimal borrowed = BigDecimal.ZERO;
    if (status != null) {
      for (JsonNode flavor : status.path("flavorsUsage")) {
        for (JsonNode r : flavor.path("resources")) {
          if (s.resource.equals(r.path("name").asText())) {
            inUse = inUse.add(quantity(r.path("total")));
            borrowed = borrowed.add(quantity(r.path("borrowed")));
          }
        }
      }
      s.admittedWorkloads =
          status.has("admittedWorkloads") ? status.get("admittedWorkloads").asInt() : null;
      s.pendingWorkloads =
          status.has("pendingWorkloads") ? status.get("pendingWorkloads").asInt() : null;
    }
    s.inUse = inUse.stripTrailingZeros().toPlainString();
    s.borrowed = borrowed.stripTrailingZeros().toPlainString();
    s.usage = s.inUse + "/" + s.quota;
    return s;
  }

  private static BigDecimal quantity(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return BigDecimal.ZERO;
    }
    return Quantities.parse(n.asText()).map(Quantities.Quantity::value).orElse(BigDecimal.ZERO);
  }

  private static JsonNode condition(JsonNode status, String type) {
    if (status == null) {
      return null;
    }
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    return null;
  }
}
