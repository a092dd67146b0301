package dev.platform.genai.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.operator.MutableClock;
import dev.platform.genai.sandbox.FakeGoogleIam;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Where a bucket is, through Google's REST client for Cloud Storage (google-api-services-storage)
 * against the wire fake's buckets.get (Cloud Storage's JSON API: location upper-case,
 * locationType): read and lower-cased, cached an hour, and a refusal or an absent bucket reported
 * as unknown, never as a location.
 */
class BucketLocationsTest {
  @Test
  void theLocationIsReadCachedAndARefusalIsUnknown() throws Exception {
    try (FakeGoogleIam google = new FakeGoogleIam()) {
      google
          .bucket("acme-legal-models", "EUROPE-WEST4", "region")
          .bucket("acme-eu-models", "EU", "multi-region")
          .forbiddenBucket("someone-elses");
      MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
      BucketLocations buckets = BucketLocations.create(URI.create(google.url()), "none", clock);

      assertThat(buckets.of("acme-legal-models"))
          .isEqualTo(new BucketLocations.Location("europe-west4", "region", null));
      assertThat(buckets.of("acme-eu-models").location()).isEqualTo("eu");
      BucketLocations.Location refused = buckets.of("someone-elses");
      assertThat(refused.location()).isNull();
      assertThat(refused.unknown()).startsWith("403 ").contains("storage.buckets.get");
      assertThat(buckets.of("gone").unknown()).startsWith("404 ").contains("does not exist");
      assertThat(google.calls("getBucket")).isEqualTo(4);

      buckets.of("acme-legal-models");
      assertThat(google.calls("getBucket")).as("cached within the hour").isEqualTo(4);
      clock.advance(Duration.ofMinutes(61));
      buckets.of("acme-legal-models");
      assertThat(google.calls("getBucket")).as("read again after it").isEqualTo(5);
    }
  }

  /**
   * What a reconcile asks: never blocks; one call however many ask meanwhile; each asker told when
   * it answered.
   */
  @Test
  void knownNeverBlocksAndTellsEveryAskerOnceCloudStorageAnswered() throws Exception {
    try (FakeGoogleIam google = new FakeGoogleIam()) {
      google.bucket("acme-legal-models", "EUROPE-WEST4", "region");
      java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
      google.fault(
          r -> {
            try {
              answer.await(
                  30, java.util.concurrent.TimeUnit.SECONDS); // Cloud Storage hangs until released
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return java.util.Optional.empty();
          });
      MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
      BucketLocations buckets = BucketLocations.create(URI.create(google.url()), "none", clock);
      java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();

      assertThat(buckets.known("acme-legal-models", () -> told.add("a")))
          .as("not read yet, and no wait")
          .isEmpty();
      assertThat(buckets.known("acme-legal-models", () -> told.add("b"))).isEmpty();
      answer.countDown();
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> told.size() == 2);
      assertThat(told).containsExactlyInAnyOrder("a", "b");
      assertThat(google.calls("getBucket")).as("one call for both askers").isEqualTo(1);
      assertThat(buckets.known("acme-legal-models", () -> told.add("c")))
          .contains(new BucketLocations.Location("europe-west4", "region", null));
      assertThat(told).as("read within the hour: nothing asked, nobody told").hasSize(2);
      google.clearFaults();
    }
  }

  @Test
  void onlyGsUrisHaveABucket() {
    assertThat(BucketLocations.bucketOf("gs://acme-legal-models/llama-3.1-8b-instruct"))
        .isEqualTo("acme-legal-models");
    assertThat(BucketLocations.bucketOf("gs://just-a-bucket")).isEqualTo("just-a-bucket");
    assertThat(BucketLocations.bucketOf("hf://meta-llama/Llama-3.1-8B-Instruct")).isNull();
  }
}
