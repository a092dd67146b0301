package dev.platform.genai.cost;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.plan.finops.CostReading;
import dev.platform.genai.plan.finops.GatewayMetering;
import dev.platform.genai.plan.gpu.IdleSettings;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cost evaluation off the reconcile path: the blocking Prometheus and Cloud Monitoring calls of
 * {@link CostEvaluator} run on a pool of their own, and a reconcile never waits for them. A
 * reconcile that finds an evaluation due (the project's timer, {@link CostEvaluator#due}, with the
 * evaluator's own backoff after a failure) starts one and goes on with the figures it has; the
 * result wakes the project (a JOSDK inbound event) and the reconcile that follows writes it. A slow
 * or hung Prometheus holds the cost pool, never the reconcile threads.
 */
public final class CostScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CostScheduler.class);
  private final CostEvaluator evaluator;
  private final ExecutorService pool;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  private final SimpleInboundEventSource<GenAIProject> events =
      new SimpleInboundEventSource<>("cost-evaluations");
  private volatile Consumer<ResourceID> wake = events::propagateEvent;

  /** One project's evaluation: in flight, then done until a reconcile takes its result. */
  private static final class Slot {
    Future<?> future;
    CostReading result;
    boolean awaited = true;
  }

  /** Told of each evaluation: how long it took. */
  public interface Observer {
    void evaluated(Duration took);
  }

  private final Observer observer;

  public CostScheduler(CostEvaluator evaluator, int threads) {
    this(evaluator, threads, took -> {});
  }

  public CostScheduler(CostEvaluator evaluator, int threads, Observer observer) {
    this.observer = observer;
    this.evaluator = evaluator;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        evaluator.off()
            ? null
            : Executors.newFixedThreadPool(
                threads,
                r -> {
                  Thread t = new Thread(r, "cost-evaluation-" + n.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                });
  }

  /** The event source that wakes a project whose evaluation reported. */
  public SimpleInboundEventSource<GenAIProject> eventSource() {
    return events;
  }

  /** For tests: see who is woken. */
  public void onWake(Consumer<ResourceID> w) {
    this.wake = w;
  }

  /**
   * The project's spend: off, not due, the result of an evaluation that reported, or pending (one
   * was started, or is still running) — never a blocking call.
   */
  public CostReading read(GenAIProject project, String namespace, ProjectModel model, Instant now) {
    return read(project, namespace, model, null, now);
  }

  /**
   * As {@link #read(GenAIProject, String, ProjectModel, Instant)}, managed tokens read at the
   * gateway if metered.
   */
  public CostReading read(
      GenAIProject project,
      String namespace,
      ProjectModel model,
      GatewayMetering metering,
      Instant now) {
    return read(project, namespace, model, metering, IdleSettings.OFF, now);
  }

  /** As above, with the GPU signals of the namespace's pods when idle reclaim is on. */
  public CostReading read(
      GenAIProject project,
      String namespace,
      ProjectModel model,
      GatewayMetering metering,
      IdleSettings idle,
      Instant now) {
    if (evaluator.off(model)) {
      return CostReading.OFF;
    }
    String key = project.getMetadata().getUid() + "/" + project.getMetadata().getName();
    Slot slot = slots.get(key);
    if (slot != null) {
      synchronized (slot) {
        if (slot.result != null) {
          slots.remove(key, slot);
          return slot.result;
        }
      }
      return CostReading.pending(now.plus(evaluator.interval()));
    }
    Instant due = evaluator.due(project, namespace, now);
    if (due != null && now.isBefore(due)) {
      return CostReading.notDue(due);
    }
    Slot started = new Slot();
    ResourceID id = ResourceID.fromResource(project);
    synchronized (started) {
      slots.put(key, started);
      started.future =
          pool.submit(
              () -> {
                long t0 = System.nanoTime();
                CostReading r;
                try {
                  r = evaluator.evaluate(project, namespace, model, metering, idle, now);
                } catch (RuntimeException
                    | LinkageError e) { // reported, so the slot never stays pending for ever
                  log.warn("project={} cost evaluation failed: {}", id.getName(), e.toString());
                  r =
                      CostReading.failed(
                          dev.platform.genai.vocabulary.Reason.QueryFailed,
                          "The cost evaluation failed"
                              + " unexpectedly ("
                              + e
                              + "); it is tried again at the next evaluation.",
                          now.plus(evaluator.interval()));
                }
                synchronized (started) {
                  started.result = r;
                  if (!started
                      .awaited) { // the reconcile that started it went on: wake the project for its
                    // result
                    wake.accept(id);
                  }
                }
                observer.evaluated(Duration.ofNanos(System.nanoTime() - t0));
              });
    }
    synchronized (started) {
      started.awaited = false;
      if (started.result != null) {
        slots.remove(key, started);
        return started.result;
      }
    }
    return CostReading.pending(now.plus(evaluator.interval()));
  }

  /** A deleted project's evaluation is dropped. */
  public void forget(GenAIProject project) {
    Slot s = slots.remove(project.getMetadata().getUid() + "/" + project.getMetadata().getName());
    if (s != null && s.future != null) {
      s.future.cancel(true);
    }
    evaluator.forget(project);
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
