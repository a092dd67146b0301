package dev.platform.genai.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.config.Settings;
import dev.platform.genai.model.Grant;
import dev.platform.genai.sandbox.FakeGoogleIam;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One Google project's policy shared by many projects, written in one batch, refused by Google for
 * some of the changes in it (black-box finding: 7 of 20 innocent projects failed with another
 * project's error). Google's real clients against the fake of its REST wire format, through the
 * policy's single writer ({@link PolicyBatch}): a refused write never fails a change that would
 * have been accepted on its own, and the extra writes stay few.
 */
class RefusedIamChangesTest {
  static final String PROJECT = "projects/acme-genai-shared";
  static final String USER = "roles/aiplatform.user";

  FakeGoogleIam fake;
  GoogleIamPolicies iam;
  PolicyBatch batch;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeGoogleIam().project("acme-genai-shared", 555L);
    fake.foreignBinding(PROJECT, USER, "user:alice@example.com", null);
    iam =
        GoogleIamPolicies.create(
            Settings.from(
                Map.of(
                    "GENAI_GCP_RESOURCEMANAGER_ENDPOINT",
                    fake.url(),
                    "GENAI_GCP_IAM_ENDPOINT",
                    fake.url(),
                    "GENAI_GCP_CREDENTIALS",
                    "none")));
    batch = new PolicyBatch(iam, new IamQuota(Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    iam.close();
    fake.close();
  }

  static String member(int i) {
    return "principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/acme-gke.svc.id.goog/"
        + "subject/ns/genai-p"
        + i
        + "/sa/workload";
  }

  /**
   * n projects' changes in one write, as their policy's controller makes it. Returns each project's
   * error, if any.
   */
  List<Optional<CloudIamException>> batch(int n, java.util.function.IntFunction<Set<Grant>> desired)
      throws Exception {
    List<PolicyBatch.Change> changes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      changes.add(PolicyBatch.Change.additions("p" + i, desired.apply(i), 1500));
    }
    PolicyBatch.Outcome out = batch.write(PROJECT, iam.get(PROJECT), changes);
    List<Optional<CloudIamException>> result = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      result.add(Optional.ofNullable(out.refused("p" + i)));
    }
    return result;
  }

  static Set<Grant> user(int i) {
    return Set.of(new Grant(PROJECT, USER, member(i)));
  }

  List<String> users() {
    return FakeGoogleIam.members(fake.policy(PROJECT), USER);
  }

  @Test
  void aRoleTheOperatorMayNotGrantFailsOnlyTheProjectAskingForIt() throws Exception {
    fake.refuseRole("roles/owner"); // 403 for any write adding it
    List<Optional<CloudIamException>> r =
        batch(21, i -> i == 7 ? Set.of(new Grant(PROJECT, "roles/owner", member(i))) : user(i));
    assertThat(r.get(7))
        .hasValueSatisfying(
            e -> {
              assertThat(e.kind()).isEqualTo(CloudIamException.Kind.PERMISSION_DENIED);
              assertThat(e.getMessage()).contains("The caller does not have permission");
            });
    for (int i = 0; i < 21; i++) {
      if (i != 7) {
        assertThat(r.get(i)).as("project %d", i).isEmpty();
        assertThat(users()).contains(member(i));
      }
    }
    assertThat(users()).contains("user:alice@example.com").doesNotContain(member(7));
    assertThat(FakeGoogleIam.members(fake.policy(PROJECT), "roles/owner")).isEmpty();
    // the refused batch, then about 2 log2(21) to find the one: not one write per project
    assertThat(fake.calls("setIamPolicy projects")).isLessThanOrEqualTo(1 + 2 * 5);
  }

  @Test
  void twoMembersRefusedWithoutDetailsFailAloneAndTheRestIsWritten() throws Exception {
    fake.refuseMember(member(4), false);
    fake.refuseMember(member(15), false);
    List<Optional<CloudIamException>> r = batch(21, RefusedIamChangesTest::user);
    for (int i = 0; i < 21; i++) {
      if (i == 4 || i == 15) {
        assertThat(r.get(i))
            .as("project %d", i)
            .hasValueSatisfying(
                e -> {
                  assertThat(e.kind()).isEqualTo(CloudIamException.Kind.INVALID);
                  assertThat(e.getMessage()).contains("do not belong to a permitted customer");
                });
        assertThat(users()).doesNotContain(member(i));
      } else {
        assertThat(r.get(i)).as("project %d", i).isEmpty();
        assertThat(users()).contains(member(i));
      }
    }
    assertThat(fake.calls("setIamPolicy projects")).isLessThanOrEqualTo(1 + 2 * 2 * 5);
  }

  @Test
  void aMemberGoogleNamesInItsErrorDetailsFailsAloneAtTheCostOfOneWrite() throws Exception {
    fake.refuseMember(member(9), true);
    List<Optional<CloudIamException>> r = batch(21, RefusedIamChangesTest::user);
    assertThat(r.get(9))
        .hasValueSatisfying(
            e ->
                assertThat(e.subjects())
                    .singleElement()
                    .satisfies(
                        s ->
                            assertThat(s)
                                .startsWith("orgpolicy:projects/acme-genai-shared?configvalue=")));
    for (int i = 0; i < 21; i++) {
      if (i != 9) {
        assertThat(r.get(i)).as("project %d", i).isEmpty();
      }
    }
    assertThat(users()).doesNotContain(member(9)).hasSize(1 + 20);
    assertThat(fake.calls("setIamPolicy projects")).as("refused, the rest").isEqualTo(2);
  }

  @Test
  void whenEveryChangeIsRefusedEveryProjectGetsGooglesAnswerAndNothingIsWritten() throws Exception {
    fake.refuseRole(USER + "-x");
    fake.refuseRole("roles/owner");
    List<Optional<CloudIamException>> r =
        batch(9, i -> i == 0 ? user(0) : Set.of(new Grant(PROJECT, "roles/owner", member(i))));
    assertThat(r.get(0)).isEmpty();
    for (int i = 1; i < 9; i++) {
      assertThat(r.get(i))
          .as("project %d", i)
          .hasValueSatisfying(
              e -> assertThat(e.kind()).isEqualTo(CloudIamException.Kind.PERMISSION_DENIED));
    }
    assertThat(FakeGoogleIam.members(fake.policy(PROJECT), "roles/owner")).isEmpty();
    assertThat(fake.calls("setIamPolicy projects"))
        .isLessThanOrEqualTo(1 + 2 * 8); // a split per change at most
  }
}
