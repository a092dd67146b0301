package dev.platform.genai.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * In front of the CRUD dispatcher: counts every request by verb and resource, answers the access
 * reviews JOSDK makes before leader election (the mock never fills their status), and applies fault
 * injectors in order.
 */
public final class RecordingDispatcher extends Dispatcher {
  private final KubernetesCrudDispatcher crud;
  private final KubectlEndpoints kubectl;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final List<Function<RecordedRequest, Optional<MockResponse>>> injectors =
      new CopyOnWriteArrayList<>();
  private final Map<String, Duration> lags = new ConcurrentHashMap<>();
  private final AtomicInteger lagging = new AtomicInteger();

  RecordingDispatcher(KubernetesCrudDispatcher crud) {
    this.crud = crud;
    this.kubectl = new KubectlEndpoints(crud);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (request.getPath() != null && request.getPath().startsWith("/sandbox/requests")) {
      // for a benchmark in another process: the counts, and a reset
      Map<String, Long> now = counts();
      if (request.getPath().contains("reset=true")) {
        resetCounts();
      }
      try {
        return new MockResponse()
            .setResponseCode(200)
            .setBody(new ObjectMapper().writeValueAsString(now));
      } catch (JsonProcessingException e) {
        return new MockResponse().setResponseCode(500);
      }
    }
    String key = RequestKey.of(request.getMethod(), request.getPath());
    counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    for (var injector : injectors) {
      Optional<MockResponse> r = injector.apply(request);
      if (r.isPresent()) {
        return r.get();
      }
    }
    Duration lag = lags.get(key);
    if (lag != null) {
      return LaggingWatch.wrap(crud.dispatch(request), lag, lagging);
    }
    Optional<MockResponse> forKubectl = kubectl.answer(request);
    if (forKubectl.isPresent()) {
      return forKubectl.get();
    }
    String path = request.getPath() == null ? "" : request.getPath();
    if ("POST".equals(request.getMethod())
        && (path.contains("/selfsubjectrulesreviews")
            || path.contains("/selfsubjectaccessreviews"))) {
      return AccessReviews.allowAll(request);
    }
    return crud.dispatch(request);
  }

  /**
   * Delays every event of watches opened from now on for {@code resource} (e.g. "genaiprojects") by
   * {@code lag}, in order: an informer whose cache lags the API server, as on a loaded control
   * plane.
   */
  public void lagWatches(String resource, Duration lag) {
    lags.put("WATCH " + resource, lag);
  }

  /** Watch events held back by {@link #lagWatches} and not yet sent. */
  public int laggingEvents() {
    return lagging.get();
  }

  /**
   * Adds a fault injector: it answers a request instead of the API server when it returns a
   * response.
   */
  public void inject(Function<RecordedRequest, Optional<MockResponse>> injector) {
    injectors.add(injector);
  }

  public void clearInjectors() {
    injectors.clear();
    lags.clear();
  }

  /**
   * Requests seen so far, by "VERB resource" (e.g. "PUT rolebindings", "PATCH
   * genaiprojects/status").
   */
  public Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public void resetCounts() {
    counts.clear();
  }

  /**
   * Writes (POST, PUT, PATCH, DELETE) seen so far, optionally excluding one resource such as
   * events.
   */
  public long writes(String... excluding) {
    return counts().entrySet().stream()
        .filter(e -> RequestKey.isWrite(e.getKey()))
        .filter(e -> Arrays.stream(excluding).noneMatch(x -> e.getKey().endsWith(" " + x)))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
