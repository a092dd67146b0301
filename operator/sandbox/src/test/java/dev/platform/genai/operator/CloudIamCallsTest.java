package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Samples;
import dev.platform.genai.api.GcpAccess;
import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.api.GenAIProjectStatus;
import dev.platform.genai.cloud.CloudAccessSync;
import dev.platform.genai.cloud.GoogleIamPolicies;
import dev.platform.genai.cloud.IamPolicies;
import dev.platform.genai.config.Settings;
import dev.platform.genai.plan.CloudIdentity;
import dev.platform.genai.plan.CostReading;
import dev.platform.genai.plan.InstalledApis;
import dev.platform.genai.plan.Observed;
import dev.platform.genai.plan.Plan;
import dev.platform.genai.plan.Planner;
import dev.platform.genai.plan.Reasons;
import dev.platform.genai.policy.PolicyResolver.Resolution;
import dev.platform.genai.sandbox.FakeGoogleIam;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many Google IAM calls a project costs: granting needs two reads (one finds the member absent, the record is
 * written, one more before the write) and one write per policy; a reconcile within the recheck interval that
 * changes nothing makes no call at all; after it, one read.
 */
class CloudIamCallsTest {
  FakeGoogleIam google;
  IamPolicies iam;
  final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));

  @BeforeEach
  void start() throws Exception {
    google = new FakeGoogleIam().project("acme-genai-prod", 555L).project("acme-gke", 123456789L);
    iam = GoogleIamPolicies.create(Settings.from(Map.of("GENAI_GCP_RESOURCEMANAGER_ENDPOINT", google.url(),
        "GENAI_GCP_IAM_ENDPOINT", google.url(), "GENAI_GCP_CREDENTIALS", "none")));
  }

  @AfterEach
  void stop() {
    google.close();
  }

  static GenAIProject project(String... roles) {
    GenAIProject p = Samples.project("public-pilot.yaml");
    p.getMetadata().setUid("uid-1");
    p.getSpec().gcp = new GcpAccess();
    p.getSpec().gcp.projectId = "acme-genai-prod";
    p.getSpec().gcp.roles = List.of(roles);
    return p;
  }

  /** One reconcile's cloud step, as planned, its record written to status as the reconciler does. */
  CloudAccessStep.Result run(CloudAccessStep step, GenAIProject p) throws Exception {
    Observed observed = new Observed(clock.instant(), InstalledApis.NONE, List.of(), false, null, List.of(),
        CostReading.OFF, CloudIdentity.of("acme-gke", iam.projectNumber("acme-gke")));
    Plan plan = Planner.plan(p, new Resolution(Samples.policy(), List.of()), observed);
    CloudAccessStep.Result r = step.run(p, plan.cloud());
    if (r.record() != null) {
      p.setStatus(p.getStatus() == null ? new GenAIProjectStatus() : p.getStatus());
      p.getStatus().cloudAccess = CloudAccessStep.toStatus(r.record());
    }
    return r;
  }

  long reads() {
    return google.calls("getIamPolicy projects");
  }

  long writes() {
    return google.calls("setIamPolicy projects");
  }

  @Test
  void grantingCostsTwoReadsAndOneWriteAndAResyncNothing() throws Exception {
    var step = new CloudAccessStep(new CloudAccessSync(iam, a -> { }), Duration.ofMinutes(10), clock);
    GenAIProject p = project("roles/aiplatform.user", "roles/storage.objectViewer");
    assertThat(run(step, p).requeue()).as("records the members first").isTrue();
    assertThat(run(step, p).part().reason()).isEqualTo(Reasons.GRANTED);
    assertThat(reads()).isEqualTo(2);
    assertThat(writes()).isEqualTo(1);

    for (int i = 0; i < 5; i++) { // resyncs within the recheck interval
      assertThat(run(step, p).part().reason()).isEqualTo(Reasons.GRANTED);
    }
    assertThat(reads()).isEqualTo(2);

    clock.advance(Duration.ofMinutes(11)); // past the recheck interval: one read finds everything in place, no write
    run(step, p);
    assertThat(reads()).isEqualTo(3);
    assertThat(writes()).isEqualTo(1);

    p.getSpec().gcp.roles = List.of("roles/aiplatform.user"); // a change is synced at once
    run(step, p);
    assertThat(reads()).isEqualTo(4);
    assertThat(writes()).isEqualTo(2);
    assertThat(google.has("projects/acme-genai-prod", "roles/storage.objectViewer",
        CloudIamOperatorTest.principal("genai-support-copilot"))).isFalse();
  }
}
