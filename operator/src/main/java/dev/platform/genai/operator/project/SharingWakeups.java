package dev.platform.genai.operator.project;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.plan.finops.GoogleProjectSharing;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes the projects whose Google-project sharing a change of another project turns on or off.
 * Sharing is read from the primary cache's index at each reconcile ({@link GoogleProjectSharing}),
 * but nothing else woke the project already there when a second one arrived on its Google project
 * (or the only other one left): it kept calling its managed spend Exact — or, under {@code
 * sharedGoogleProjects: Refuse}, kept its managed endpoint — until some unrelated reconcile. Only
 * the transitions are woken — the one project that was alone under a key another joins, the one
 * left alone when another leaves — so 500 projects on one Google project do not wake each other n²
 * times; the names listed in a message already shared refresh at that project's next reconcile.
 */
final class SharingWakeups {
  private final SimpleInboundEventSource<GenAIProject> events =
      new SimpleInboundEventSource<>("google-project-sharing");

  /** The index keys each project had at its last reconcile. */
  private final Map<String, List<String>> keys = new ConcurrentHashMap<>();

  SimpleInboundEventSource<GenAIProject> eventSource() {
    return events;
  }

  /** After a reconcile of {@code project}, as the cache now holds it. */
  void reconciled(GenAIProject project, IndexedResourceCache<GenAIProject> cache) {
    changed(
        project.getMetadata().getName(),
        keys.put(project.getMetadata().getName(), GoogleProjectSharing.indexKeys(project)),
        GoogleProjectSharing.indexKeys(project),
        cache);
  }

  /** A project deleted (its cleanup). */
  void deleted(GenAIProject project, IndexedResourceCache<GenAIProject> cache) {
    List<String> before = keys.remove(project.getMetadata().getName());
    changed(
        project.getMetadata().getName(),
        before == null ? GoogleProjectSharing.indexKeys(project) : before,
        List.of(),
        cache);
  }

  private void changed(
      String name,
      List<String> before,
      List<String> now,
      IndexedResourceCache<GenAIProject> cache) {
    if (Objects.equals(before, now)) {
      return;
    }
    Set<String> moved = new TreeSet<>(before == null ? List.of() : before);
    moved.addAll(now);
    if (before != null) {
      moved.removeAll(before.stream().filter(now::contains).toList());
    }
    for (String key : moved) {
      List<GenAIProject> others =
          cache.byIndex(GoogleProjectSharing.INDEX, key).stream()
              .filter(
                  p ->
                      !name.equals(p.getMetadata().getName())
                          && p.getMetadata().getDeletionTimestamp() == null)
              .toList();
      if (others.size() == 1) { // it was alone and is no longer, or is alone now
        events.propagateEvent(ResourceID.fromResource(others.get(0)));
      }
    }
  }
}
