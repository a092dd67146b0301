package dev.platform.genai.operator.shared;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.api.ProjectCondition;
import dev.platform.genai.model.Names;
import dev.platform.genai.vocabulary.ConditionStatus;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events for what people should see in {@code kubectl describe gp}: a Warning when a
 * condition turns False for a reason someone must act on (or a new such reason), a Normal event
 * when the project becomes Ready. Only on transitions, never on every reconcile. Events of a
 * cluster-scoped object live in namespace default, as client-go's recorder puts them — where a
 * project's team cannot read them (and should not: every project's are there). So a project's Event
 * is written twice: there, for admins and {@code kubectl describe gp}, and in the project's own
 * namespace once it is the project's (NamespaceReady), where the team's bindings (admin, edit,
 * view) let it read them: {@code kubectl get events -n NAMESPACE}. The copy names the project as
 * its object, with the namespace it is in (the API server requires an Event's object to be in the
 * Event's namespace when it names one).
 */
public class EventRecorder {
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
  static final String EVENT_NAMESPACE = "default";

  private final KubernetesClient client;
  private final Clock clock;
  private final String instance;
  private final AtomicLong sequence = new AtomicLong();

  public EventRecorder(KubernetesClient client, Clock clock, String instance) {
    this.client = client;
    this.clock = clock;
    this.instance = instance;
  }

  /** Emits the Events the change from {@code before} to {@code after} deserves. */
  public void onStatusChange(
      GenAIProject project, GenAIProjectStatus before, GenAIProjectStatus after) {
    Map<String, ProjectCondition> old = new HashMap<>();
    if (before != null && before.conditions != null) {
      before.conditions.forEach(c -> old.put(c.type, c));
    }
    for (ProjectCondition c : after.conditions) {
      if (ConditionType.of(c.type).map(ConditionType::kstatus).orElse(false)) {
        continue; // they restate Ready for GitOps tools; Ready's Events say it once
      }
      ProjectCondition o = old.get(c.type);
      boolean flipped = o == null || !c.status.equals(o.status) || !c.reason.equals(o.reason);
      boolean needsAction = ConditionStatus.False.is(c.status) && Reason.needsAction(c.reason);
      boolean newMessage = o != null && !c.message.equals(o.message);
      boolean isReady = ConditionType.Ready.is(c.type);
      if (ConditionType.Approved.is(c.type)) {
        if (flipped && ConditionStatus.False.is(c.status)) {
          emit(
              project,
              "Normal",
              Reason.ApprovalRequired,
              c.message); // for compliance: what to approve
        } else if (flipped && Reason.Approved.is(c.reason)) {
          emit(project, "Normal", Reason.Approved, c.message);
        }
      } else if (ConditionType.BudgetAtRisk.is(c.type)) {
        if (ConditionStatus.True.is(c.status) && flipped) {
          emit(project, "Warning", c.reason, c.message);
        }
      } else if (isReady && ConditionStatus.True.is(c.status) && flipped) {
        emit(
            project,
            "Normal",
            Reason.Ready,
            "Project environment is ready in namespace " + after.namespace + ".");
      } else if (isReady
          && needsAction
          && Reason.of(c.reason).map(Reason::blocksEverything).orElse(false)
          && (flipped || newMessage)) {
        emit(project, "Warning", c.reason, c.message);
      } else if (!isReady && needsAction && (flipped || newMessage)) {
        emit(project, "Warning", c.reason, c.type + ": " + c.message);
      } else if (!isReady && flipped && Reason.ApplyFailed.is(c.reason)) {
        emit(project, "Warning", c.reason, c.type + ": " + c.message);
      }
    }
  }

  /** An Event about a project, or about another object of the operator's (a GoogleIamPolicy). */
  public void emit(
      io.fabric8.kubernetes.api.model.HasMetadata project,
      String type,
      Reason reason,
      String message) {
    emit(project, type, reason.reason(), message);
  }

  /** An Event whose reason is a stored condition's (as status holds it). */
  public void emit(
      io.fabric8.kubernetes.api.model.HasMetadata project,
      String type,
      String reason,
      String message) {
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
    // unique without the (injectable, possibly frozen) clock: this process's nanos and a sequence
    String name =
        project.getMetadata().getName()
            + "."
            + Long.toHexString(System.nanoTime())
            + Long.toHexString(sequence.incrementAndGet());
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(EVENT_NAMESPACE)
            .addToLabels(Names.MANAGED_BY, Names.OPERATOR)
            .addToLabels(
                project instanceof GenAIProject ? Names.PROJECT : "genai.platform.dev/object",
                project.getMetadata().getName())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(project.getApiVersion())
                    .withKind(project.getKind())
                    .withName(project.getMetadata().getName())
                    .withUid(project.getMetadata().getUid())
                    .withResourceVersion(project.getMetadata().getResourceVersion())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(truncate(message))
            .withFirstTimestamp(now.toString())
            .withLastTimestamp(now.toString())
            .withCount(1)
            .withNewSource()
            .withComponent(Names.OPERATOR)
            .endSource()
            .withReportingComponent(Names.OPERATOR)
            .withReportingInstance(instance)
            .build();
    create(project, EVENT_NAMESPACE, event);
    String teams = project instanceof GenAIProject p ? teamNamespace(p) : null;
    if (teams != null) {
      Event copy =
          new EventBuilder(event)
              .editMetadata()
              .withNamespace(teams)
              .endMetadata()
              .editInvolvedObject()
              .withNamespace(teams)
              .endInvolvedObject()
              .build();
      create(project, teams, copy);
    }
  }

  private void create(
      io.fabric8.kubernetes.api.model.HasMetadata project, String namespace, Event event) {
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      // an Event is a courtesy; failing to write one must never fail the reconcile
      log.warn(
          "could not record event project={} namespace={} reason={}: {}",
          project.getMetadata().getName(),
          namespace,
          event.getReason(),
          e.getMessage());
    }
  }

  /**
   * The project's namespace while it is the project's (NamespaceReady True: never a namespace
   * someone else has) and the project is not being deleted (a terminating namespace takes no new
   * objects); else null.
   */
  static String teamNamespace(GenAIProject p) {
    GenAIProjectStatus s = p.getStatus();
    if (s == null
        || s.namespace == null
        || p.getMetadata().getDeletionTimestamp() != null
        || s.conditions == null) {
      return null;
    }
    boolean ours =
        s.conditions.stream()
            .anyMatch(
                c -> ConditionType.NamespaceReady.is(c.type) && ConditionStatus.True.is(c.status));
    return ours ? s.namespace : null;
  }

  private static String truncate(String m) {
    return m.length() <= 1024 ? m : m.substring(0, 1021) + "...";
  }
}
