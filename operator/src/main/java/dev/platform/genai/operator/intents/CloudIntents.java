package dev.platform.genai.operator.intents;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GoogleIamPolicy;
import dev.platform.genai.api.IamRecordEntry;
import dev.platform.genai.cloud.PolicyRecord;
import dev.platform.genai.cloud.PolicyRecord.Kind;
import dev.platform.genai.cloud.PolicyRecord.Wish;
import dev.platform.genai.model.Grant;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Between the project controller and the Google policy controller: what each project's last plan
 * asks of Google IAM (published at each reconcile, held in memory, re-published by every project
 * after a restart), which projects name a Google resource (an index of the project cache, from
 * their spec), and the policy objects as the policy controller keeps them. A change to a project's
 * wish wakes the policies it touches; a policy's change wakes its projects. Nothing here is read
 * from an object a user could edit: wishes come from the projects' plans.
 */
public final class CloudIntents {
  public static final String INDEX = "google-iam-resources";

  private final Map<String, Map<String, Wish>> wishes = new ConcurrentHashMap<>();
  private final SimpleInboundEventSource<GoogleIamPolicy> policyEvents =
      new SimpleInboundEventSource<>("project-wishes");
  private final SimpleInboundEventSource<GenAIProject> projectEvents =
      new SimpleInboundEventSource<>("google-iam-policies");
  private volatile IndexedResourceCache<GenAIProject> projects;
  private volatile IndexedResourceCache<GoogleIamPolicy> policies;

  /**
   * The Google resources a project names (its index keys): in its spec (the plan may name fewer,
   * never more), and in the record an earlier release kept in its status (to be imported before
   * anything is decided).
   */
  public static List<String> indexKeys(GenAIProject p) {
    Set<String> out = new TreeSet<>();
    if (p.getSpec() != null && p.getSpec().gcp != null && p.getSpec().gcp.projectId != null) {
      out.add(Grant.project(p.getSpec().gcp.projectId));
      if (p.getSpec().gcp.serviceAccount != null) {
        out.add(Grant.serviceAccount(p.getSpec().gcp.serviceAccount));
      }
    }
    if (p.getStatus() != null && p.getStatus().cloudAccess != null) {
      p.getStatus().cloudAccess.members.forEach(m -> out.add(m.resource));
    }
    return new ArrayList<>(out);
  }

  /**
   * The policy object's name: {@code project.ID} or {@code
   * serviceaccount.NAME.PROJECT.iam.gserviceaccount.com} (a DNS subdomain: Google's project IDs and
   * service account emails are lower-case letters, digits, '-' and '.').
   */
  public static String objectName(String resource) {
    String name =
        resource.startsWith("projects/-/serviceAccounts/")
            ? "serviceaccount."
                + resource.substring("projects/-/serviceAccounts/".length()).replace('@', '.')
            : "project." + resource.substring("projects/".length());
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
  }

  public void projectsReady(IndexedResourceCache<GenAIProject> cache) {
    this.projects = cache;
  }

  public void policiesReady(IndexedResourceCache<GoogleIamPolicy> cache) {
    this.policies = cache;
  }

  public SimpleInboundEventSource<GoogleIamPolicy> policyEvents() {
    return policyEvents;
  }

  public SimpleInboundEventSource<GenAIProject> projectEvents() {
    return projectEvents;
  }

  /** Whether the policy controller runs (the GoogleIamPolicy CRD is installed). */
  boolean policiesRunning() {
    return policies != null;
  }

  /**
   * A project's wish, per Google resource it touches; wakes the policies whose part changed.
   *
   * @param legacy what an earlier release recorded in the project's status as added (imported once)
   */
  public void publish(
      String project,
      Kind kind,
      Set<Grant> grants,
      Set<Grant> withheld,
      int principalLimit,
      Set<Grant> legacy) {
    Set<String> resources = new TreeSet<>();
    Stream.of(grants, withheld, legacy)
        .flatMap(Set::stream)
        .map(Grant::resource)
        .forEach(resources::add);
    Map<String, Wish> next = new TreeMap<>();
    for (String r : resources) {
      next.put(
          r,
          new Wish(
              project, kind, only(grants, r), only(withheld, r), principalLimit, only(legacy, r)));
    }
    Map<String, Wish> before = wishes.put(project, next);
    Set<String> touched = new TreeSet<>(next.keySet());
    if (before != null) {
      touched.addAll(before.keySet());
    }
    for (String r : touched) {
      if (before == null || !Objects.equals(before.get(r), next.get(r))) {
        policyEvents.propagateEvent(new ResourceID(objectName(r)));
      }
    }
  }

  /**
   * A deleted project: it wants nothing anywhere it is recorded (or abandons what Google will not
   * let it remove).
   */
  public void release(String project, boolean abandon, Set<Grant> legacy) {
    Set<String> touched = new TreeSet<>(recordedFor(project));
    legacy.forEach(g -> touched.add(g.resource()));
    Map<String, Wish> before = wishes.get(project);
    if (before != null) {
      touched.addAll(before.keySet());
    }
    Map<String, Wish> next = new TreeMap<>();
    for (String r : touched) {
      next.put(
          r,
          new Wish(
              project,
              abandon ? Kind.ABANDON : Kind.RELEASE,
              Set.of(),
              Set.of(),
              Integer.MAX_VALUE,
              only(legacy, r)));
    }
    wishes.put(project, next);
    for (String r : touched) {
      if (before == null || !Objects.equals(before.get(r), next.get(r))) {
        policyEvents.propagateEvent(new ResourceID(objectName(r)));
      }
    }
  }

  /** Once a deleted project has let go. */
  public void forget(String project) {
    Map<String, Wish> gone = wishes.remove(project);
    if (gone
        != null) { // its policies may now have nobody naming them: they delete their empty record
      gone.keySet().forEach(r -> policyEvents.propagateEvent(new ResourceID(objectName(r))));
    }
    processed.keySet().removeIf(k -> k.project().equals(project));
  }

  /** A project's wish of one Google resource. */
  private record WishOf(String project, String resource) {}

  /** The wish each policy controller last acted on. */
  private final Map<WishOf, Wish> processed = new ConcurrentHashMap<>();

  /** The policy controller acted on these wishes (its record is stored). */
  public void acted(String resource, Map<String, Wish> acted) {
    acted.forEach((project, w) -> processed.put(new WishOf(project, resource), w));
  }

  /** The resources whose policy controller has not yet acted on the project's current wish. */
  public Set<String> notActedOn(String project) {
    Set<String> out = new TreeSet<>();
    Map<String, Wish> mine = wishes.get(project);
    if (mine != null) {
      mine.forEach(
          (r, w) -> {
            if (!w.equals(processed.get(new WishOf(project, r)))) {
              out.add(r);
            }
          });
    }
    return out;
  }

  private static Set<Grant> only(Set<Grant> grants, String resource) {
    Set<Grant> out = new TreeSet<>();
    grants.stream().filter(g -> g.resource().equals(resource)).forEach(out::add);
    return out;
  }

  /**
   * What each project concerned asks of this policy: those that said so, and as releasing those
   * recorded here that no longer exist (deleted while the operator was down, or restored without
   * their finalizer).
   *
   * @return empty while a project naming the resource has not said yet (just started): wait for it
   */
  public Optional<Map<String, Wish>> wishesFor(String resource, Set<String> recorded) {
    Map<String, Wish> out = new TreeMap<>();
    wishes.forEach(
        (project, byResource) -> {
          Wish w = byResource.get(resource);
          if (w != null) {
            out.put(project, w);
          }
        });
    IndexedResourceCache<GenAIProject> cache = projects;
    if (cache == null) {
      return Optional.empty();
    }
    for (GenAIProject p : cache.byIndex(INDEX, resource)) {
      String name = p.getMetadata().getName();
      if (!out.containsKey(name)
          && !wishes.containsKey(name)
          && p.getMetadata().getDeletionTimestamp() == null) {
        return Optional
            .empty(); // deleted ones that said nothing have let go (their wish is forgotten)
      }
    }
    for (String name : recorded) {
      if (!out.containsKey(name)) {
        Optional<GenAIProject> p = cache.get(new ResourceID(name));
        if (p.isEmpty()
            || p.get().getMetadata().getDeletionTimestamp() != null && !wishes.containsKey(name)) {
          out.put(name, Wish.release(name, Kind.RELEASE));
        } else if (wishes.containsKey(name)) {
          out.put(
              name, new Wish(name, Kind.APPLY, Set.of(), Set.of(), Integer.MAX_VALUE, Set.of()));
        } else {
          return Optional.empty();
        }
      }
    }
    return Optional.of(out);
  }

  /** How many projects name the resource in their spec. */
  public int naming(String resource) {
    IndexedResourceCache<GenAIProject> cache = projects;
    return cache == null
        ? 0
        : (int)
            cache.byIndex(INDEX, resource).stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .count();
  }

  /** Wakes every project naming a Google resource (the cluster project's number arrived). */
  public void wakeAllProjects() {
    IndexedResourceCache<GenAIProject> cache = projects;
    if (cache != null) {
      cache
          .list()
          .filter(p -> !indexKeys(p).isEmpty())
          .forEach(p -> projectEvents.propagateEvent(ResourceID.fromResource(p)));
    }
  }

  /** Wakes the projects concerned by a policy: those naming it, and those recorded in it. */
  public void wakeProjects(String resource, Set<String> recorded) {
    Set<String> names = new TreeSet<>(recorded);
    IndexedResourceCache<GenAIProject> cache = projects;
    if (cache != null) {
      cache.byIndex(INDEX, resource).forEach(p -> names.add(p.getMetadata().getName()));
    }
    names.forEach(n -> projectEvents.propagateEvent(new ResourceID(n)));
  }

  public Optional<GoogleIamPolicy> policy(String resource) {
    IndexedResourceCache<GoogleIamPolicy> cache = policies;
    return cache == null ? Optional.empty() : cache.get(new ResourceID(objectName(resource)));
  }

  /** The policy's report as its controller last wrote it; empty before it wrote one. */
  public Optional<PolicyReport> report(String resource) {
    return policy(resource)
        .filter(p -> p.getStatus() != null)
        .map(p -> PolicyReport.of(resource, p.getStatus()));
  }

  /** The resources whose record still lists the project. */
  public Set<String> recordedFor(String project) {
    Set<String> out = new TreeSet<>();
    IndexedResourceCache<GoogleIamPolicy> cache = policies;
    if (cache != null) {
      cache
          .list()
          .filter(
              p ->
                  p.getSpec() != null
                      && p.getSpec().members.stream()
                          .anyMatch(e -> e.projects != null && e.projects.contains(project)))
          .forEach(p -> out.add(p.getSpec().resource));
    }
    return out;
  }

  public static Set<String> projectsIn(GoogleIamPolicy policy) {
    Set<String> out = new TreeSet<>();
    if (policy.getSpec() != null) {
      for (IamRecordEntry e : policy.getSpec().members) {
        if (e.projects != null) {
          out.addAll(e.projects);
        }
      }
    }
    return out;
  }

  public static PolicyRecord.Entry entry(String resource, IamRecordEntry e) {
    return new PolicyRecord.Entry(
        new Grant(resource, e.role, e.member),
        IamRecordEntry.PREEXISTING.equals(e.origin),
        IamRecordEntry.ADD.equals(e.intent)
            ? PolicyRecord.Intent.ADD
            : IamRecordEntry.REMOVE.equals(e.intent) ? PolicyRecord.Intent.REMOVE : null,
        e.projects == null ? Set.of() : new TreeSet<>(e.projects),
        e.abandoned);
  }

  public static IamRecordEntry entry(PolicyRecord.Entry e) {
    IamRecordEntry out =
        new IamRecordEntry(
            e.grant().role(),
            e.grant().member(),
            e.preexisting() ? IamRecordEntry.PREEXISTING : IamRecordEntry.OPERATOR);
    out.intent =
        e.intent() == PolicyRecord.Intent.ADD
            ? IamRecordEntry.ADD
            : e.intent() == PolicyRecord.Intent.REMOVE ? IamRecordEntry.REMOVE : null;
    out.projects = new ArrayList<>(new TreeSet<>(e.projects()));
    out.abandoned = e.abandoned();
    return out;
  }
}
