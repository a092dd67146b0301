package dev.platform.genai.operator.project;

import dev.platform.genai.api.BudgetStatus;
import dev.platform.genai.api.Copies;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectRecord;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.api.MonthSpend;
import dev.platform.genai.api.ProjectRecordSpec;
import dev.platform.genai.model.Names;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projects' records ({@link GenAIProjectRecord}): read from an informer of their own, merged
 * into the status a reconcile plans from, written after the status when they changed, deleted with
 * the project. Merging takes, for each record, what both places know (notices sent: the union for
 * the later month; history: every month either has; the promotion record and the recorded expiry:
 * the status's, else the record's), so a status wiped, a project restored without status, or a
 * record write that failed after the status write loses nothing and sends no notice twice.
 */
public final class ProjectRecords {
  public static final String CRD = "genaiprojectrecords.genai.platform.dev";
  private static final Logger log = LoggerFactory.getLogger(ProjectRecords.class);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private final boolean installed;
  private volatile InformerEventSource<GenAIProjectRecord, GenAIProject> source;

  /**
   * @param installed whether the GenAIProjectRecord CRD is served; without it records stay in
   *     status only
   */
  public ProjectRecords(boolean installed) {
    this.installed = installed;
  }

  /** The informer of the records (null without the CRD); a record's change wakes its project. */
  InformerEventSource<GenAIProjectRecord, GenAIProject> eventSource(
      EventSourceContext<GenAIProject> context) {
    if (!installed) {
      return null;
    }
    source =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(GenAIProjectRecord.class, GenAIProject.class)
                .withName("project-records")
                .withSecondaryToPrimaryMapper(
                    r -> Set.of(new ResourceID(r.getMetadata().getName())))
                .withPrimaryToSecondaryMapper(
                    p -> Set.of(new ResourceID(p.getMetadata().getName())))
                .build(),
            context);
    return source;
  }

  private Optional<GenAIProjectRecord> stored(String project) {
    InformerEventSource<GenAIProjectRecord, GenAIProject> s = source;
    return s == null ? Optional.empty() : s.get(new ResourceID(project));
  }

  /**
   * The project to plan from: a copy whose status has the records merged in (the project itself is
   * untouched).
   */
  GenAIProject restored(GenAIProject project) {
    Optional<GenAIProjectRecord> record = stored(project.getMetadata().getName());
    if (record.isEmpty() || record.get().getSpec() == null) {
      return project;
    }
    GenAIProject copy = JSON.clone(project);
    dev.platform.genai.api.StoredDocument.carry(project, copy);
    copy.setStatus(merged(project.getStatus(), record.get().getSpec()));
    return copy;
  }

  static GenAIProjectStatus merged(GenAIProjectStatus status, ProjectRecordSpec r) {
    GenAIProjectStatus s = status == null ? new GenAIProjectStatus() : JSON.clone(status);
    BudgetStatus b = s.budget == null ? new BudgetStatus() : s.budget;
    if (r.month != null && (b.month == null || r.month.compareTo(b.month) > 0)) {
      b.month = r.month;
      b.notifiedThresholds = new ArrayList<>(r.notifiedThresholds);
      b.forecastNotified = r.forecastNotified;
    } else if (r.month != null && r.month.equals(b.month)) {
      Set<Integer> union = new TreeSet<>(b.notifiedThresholds);
      union.addAll(r.notifiedThresholds);
      b.notifiedThresholds = new ArrayList<>(union);
      b.forecastNotified =
          Boolean.TRUE.equals(b.forecastNotified) || Boolean.TRUE.equals(r.forecastNotified)
              ? Boolean.TRUE
              : b.forecastNotified;
    }
    if (b.expiryNoticeFor == null) {
      b.expiryNoticeFor = r.expiryNoticeFor;
    }
    Map<String, MonthSpend> months = new TreeMap<>();
    r.history.forEach(m -> months.put(m.month, m));
    b.history.forEach(m -> months.put(m.month, m)); // the status's figure for a month both have
    b.history = new ArrayList<>(months.values());
    s.budget = b;
    if (s.pilotExpiresAt == null) {
      s.pilotExpiresAt = r.pilotExpiresAt;
    }
    if (s.promotion == null) {
      s.promotion = r.promotion;
    }
    return s;
  }

  /** The records a status holds; null when it holds none worth keeping. */
  static ProjectRecordSpec of(GenAIProjectStatus s) {
    if (s == null) {
      return null;
    }
    // every field of the record from the budget's or the status's field of that name
    ProjectRecordSpec r =
        Copies.projected(
            ProjectRecordSpec::new, Set.of(), s.budget == null ? new BudgetStatus() : s.budget, s);
    // the recorded expiry says "this was a pilot" to the promotion gate; while the project is a
    // pilot its spec's expiresAt says it (no record, so no write per pilot), from a promotion
    // request on the record keeps it
    r.pilotExpiresAt = s.promotion != null ? s.pilotExpiresAt : null;
    boolean nothing =
        r.notifiedThresholds.isEmpty()
            && r.forecastNotified == null
            && r.expiryNoticeFor == null
            && r.history.isEmpty()
            && r.promotion == null;
    return nothing ? null : r;
  }

  /**
   * After the status was built (and written): the record saved when it changed. Never fails the
   * reconcile.
   */
  void save(GenAIProject project, GenAIProjectStatus status, KubernetesClient client) {
    if (!installed) {
      return;
    }
    ProjectRecordSpec wanted = of(status);
    String name = project.getMetadata().getName();
    Optional<GenAIProjectRecord> current = stored(name);
    if (wanted == null
        || current.isPresent()
            && Objects.equals(JSON.asJson(current.get().getSpec()), JSON.asJson(wanted))) {
      return;
    }
    GenAIProjectRecord r = new GenAIProjectRecord();
    r.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .addToLabels(Names.MANAGED_BY, Names.OPERATOR)
            .addToLabels(Names.PROJECT, name)
            .build());
    r.setSpec(wanted);
    try {
      if (current.isPresent()) {
        r.getMetadata().setResourceVersion(current.get().getMetadata().getResourceVersion());
        GenAIProjectRecord written = client.resource(r).update();
        source.handleRecentResourceUpdate(ResourceID.fromResource(written), written, current.get());
      } else {
        GenAIProjectRecord written = client.resource(r).create();
        source.handleRecentResourceCreate(ResourceID.fromResource(written), written);
      }
    } catch (KubernetesClientException e) {
      // the status holds the records meanwhile; the next reconcile writes the record again
      log.warn("project={} could not write its record ({}): {}", name, e.getCode(), e.getMessage());
    }
  }

  /** A deleted project's record goes with it (last, once everything else let go). */
  void delete(GenAIProject project, KubernetesClient client) {
    if (installed && stored(project.getMetadata().getName()).isPresent()) {
      client.resources(GenAIProjectRecord.class).withName(project.getMetadata().getName()).delete();
    }
  }

  /** For tests. */
  List<String> names() {
    InformerEventSource<GenAIProjectRecord, GenAIProject> s = source;
    return s == null ? List.of() : s.list().map(r -> r.getMetadata().getName()).toList();
  }
}
