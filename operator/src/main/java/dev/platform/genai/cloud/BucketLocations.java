package dev.platform.genai.cloud;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.storage.Storage;
import com.google.api.services.storage.model.Bucket;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a Cloud Storage bucket is: Cloud Storage's JSON API {@code buckets.get} (fields location,
 * locationType), through Google's REST client {@code google-api-services-storage} — not
 * google-cloud-storage, which brings gRPC. Read-only; the operator's identity needs {@code
 * storage.buckets.get} (roles/storage.objectViewer lacks it; e.g.
 * roles/storage.insightsCollectorService or a custom role). Answers are cached for an hour (a
 * bucket's location never changes; a refusal may be lifted), so the operator calls Google at most
 * once an hour per bucket. An answer Google refuses is {@link Location#unknown}: never assumed
 * fine. The operator asks through {@link #known}, which never blocks: Cloud Storage is called on
 * threads of this class's own, and the caller is told when it answered.
 */
public final class BucketLocations {
  static final Duration CACHE = Duration.ofHours(1);
  private static final String SCOPE = "https://www.googleapis.com/auth/devstorage.read_only";

  private final Storage storage;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, List<Runnable>> inFlight = new HashMap<>(); // guarded by itself
  private final ThreadPoolExecutor lookups;

  /**
   * @param location lower-cased as policies name locations (Cloud Storage answers EUROPE-WEST4, EU,
   *     EUR4), or null
   * @param type region, dual-region or multi-region, when known
   * @param unknown why it could not be read (Google's status and message), or null
   */
  public record Location(String location, String type, String unknown) {
    static Location unknown(String why) {
      return new Location(null, null, why);
    }
  }

  private record Cached(Location location, Instant at) {}

  BucketLocations(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    // two threads at most, gone when idle: a hung Cloud Storage holds these, never a reconcile
    this.lookups =
        new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "bucket-location-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    lookups.allowCoreThreadTimeOut(true);
  }

  /**
   * Against Google (or a fake at {@code endpoint}), with Application Default Credentials unless
   * "none".
   */
  public static BucketLocations create(URI endpoint, String credentials, Clock clock)
      throws IOException {
    GoogleCredentials c =
        "adc".equals(credentials)
            ? GoogleCredentials.getApplicationDefault().createScoped(List.of(SCOPE))
            : null;
    HttpRequestInitializer auth = c == null ? r -> {} : new HttpCredentialsAdapter(c);
    HttpRequestInitializer init =
        request -> {
          auth.initialize(request);
          request.setConnectTimeout(10_000);
          request.setReadTimeout(10_000);
          request.setNumberOfRetries(
              0); // the next reconcile asks again; the cache keeps calls rare
        };
    String root = endpoint.toString();
    Storage storage =
        new Storage.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), init)
            .setRootUrl(root.endsWith("/") ? root : root + "/")
            .setApplicationName("genai-operator")
            .build();
    return new BucketLocations(storage, clock);
  }

  /**
   * The bucket's location when the operator has read it (within the hour; an older answer stands
   * while it is read again), without blocking. When it has none or an old one, it asks Cloud
   * Storage on a thread of its own and runs {@code whenRead} once Cloud Storage answered (one call
   * per bucket however many ask meanwhile).
   */
  public Optional<Location> known(String bucket, Runnable whenRead) {
    Cached c = cache.get(bucket);
    if (c == null || Duration.between(c.at(), clock.instant()).compareTo(CACHE) >= 0) {
      synchronized (inFlight) {
        List<Runnable> waiting = inFlight.get(bucket);
        if (waiting != null) {
          waiting.add(whenRead);
        } else {
          inFlight.put(bucket, new ArrayList<>(List.of(whenRead)));
          lookups.execute(
              () -> {
                List<Runnable> told;
                try {
                  cache.put(bucket, new Cached(read(bucket), clock.instant()));
                } finally { // whatever happened, the next ask starts a new lookup
                  synchronized (inFlight) {
                    told = inFlight.remove(bucket);
                  }
                }
                told.forEach(Runnable::run);
              });
        }
      }
    }
    return c == null ? Optional.empty() : Optional.of(c.location());
  }

  /**
   * The bucket's location, from the cache when read within the hour; blocking (for tests: the
   * operator uses known).
   */
  public Location of(String bucket) {
    Instant now = clock.instant();
    Cached c = cache.get(bucket);
    if (c != null && Duration.between(c.at(), now).compareTo(CACHE) < 0) {
      return c.location();
    }
    Location l = read(bucket);
    cache.put(bucket, new Cached(l, now));
    return l;
  }

  private Location read(String bucket) {
    try {
      Bucket b = storage.buckets().get(bucket).setFields("location,locationType").execute();
      return new Location(
          b.getLocation() == null ? null : b.getLocation().toLowerCase(Locale.ROOT),
          b.getLocationType(),
          b.getLocation() == null ? "Cloud Storage gave no location" : null);
    } catch (GoogleJsonResponseException e) {
      return Location.unknown(
          e.getStatusCode()
              + " "
              + (e.getDetails() != null && e.getDetails().getMessage() != null
                  ? e.getDetails().getMessage()
                  : e.getStatusMessage())
              + (e.getStatusCode() == 403
                  ? " (the operator's identity needs storage.buckets.get on it)"
                  : ""));
    } catch (IOException | RuntimeException e) {
      return Location.unknown("Cloud Storage could not be reached: " + e.getMessage());
    }
  }

  /** The bucket of a gs:// URI, or null for another scheme. */
  public static String bucketOf(String uri) {
    if (uri == null || !uri.startsWith("gs://")) {
      return null;
    }
    String rest = uri.substring("gs://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }
}
