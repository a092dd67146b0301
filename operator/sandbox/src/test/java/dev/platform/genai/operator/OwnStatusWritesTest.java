package dev.platform.genai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.plan.InstalledApis;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The operator's own status writes are what its next reconcile reads, even when the informer lags
 * the API server (a loaded control plane; CI on two cores once did). The status carries state a
 * reconcile builds on — the promotion record, the pilot's expiry, the IAM members recorded before
 * they are added, the month's budget record — and a reconcile that read the project as it was
 * before the last write would decide again from nothing. The write is an update with optimistic
 * locking whose answer JOSDK keeps in its cache; a conflict is redone on the project as it now is.
 */
class OwnStatusWritesTest {
  static final Duration LAG = Duration.ofSeconds(2);

  /** Every GenAIProject watch event reaches the operator two seconds late. */
  @Test
  void aProjectPromotedWithItsApprovalIsRecordedPromotedOnceWhileTheInformerLags() {
    try (OperatorHarness h =
        new OperatorHarness(
            null,
            OperatorHarness.CLOCK,
            () -> InstalledApis.NONE,
            server -> server.dispatcher().lagWatches("genaiprojects", LAG))) {
      h.apply("restricted-production.yaml");
      h.awaitPhase("fraud-assistant", "Ready");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> h.server.dispatcher().laggingEvents() == 0);
      await()
          .during(LAG)
          .atMost(LAG.multipliedBy(3))
          .until(
              () ->
                  "Ready"
                      .equals(
                          h.project("fraud-assistant")
                              .getStatus()
                              .phase)); // what the late events bring has been reconciled: the
      // status stays as it is
      GenAIProject p = h.project("fraud-assistant");
      System.out.printf(
          "[reliability] GenAIProject watch events %d ms late: promotion %s, %d Promoted Event(s)%n",
          LAG.toMillis(),
          p.getStatus().promotion.state,
          h.events("fraud-assistant").stream()
              .filter(e -> "Promoted".equals(e.getReason()))
              .count());
      assertThat(p.getStatus().promotion.state)
          .as(
              "created as Production with compliance's approval: promoted on the evidence, not grandfathered"
                  + " because its own namespace already said Production")
          .isEqualTo("Promoted");
      assertThat(p.getStatus().promotion.approval).isEqualTo("fraud-assistant-promotion");
      assertThat(h.events("fraud-assistant").stream().filter(e -> "Promoted".equals(e.getReason())))
          .as("one Promoted Event, not one per stale read")
          .hasSize(1);
      assertThat(p.getStatus().cloudAccess)
          .as("the IAM members recorded before they were added")
          .isNotNull();
    }
  }

  @Test
  void aStatusWriteThatConflictsWithAnEditIsRedoneOnTheEditedProjectAndTheEditStands() {
    try (OperatorHarness h = new OperatorHarness(Map.of())) {
      h.apply("public-pilot.yaml");
      h.awaitPhase("support-copilot", "Ready");
      AtomicInteger conflicts = new AtomicInteger();
      h.server
          .dispatcher()
          .inject(
              r -> {
                if (!"PUT".equals(r.getMethod())
                    || !r.getPath().endsWith("/genaiprojects/support-copilot/status")
                    || !conflicts.compareAndSet(0, 1)) {
                  return Optional.empty();
                }
                // the team raises the limit again while the operator writes the status of the first
                // raise: the server
                // has a newer version, so the write is refused
                new Thread(() -> edit(h, "4000")).start();
                return Optional.of(
                    new MockResponse()
                        .setResponseCode(409)
                        .setBody(
                            "{\"kind\":\"Status\",\"apiVersion\":"
                                + "\"v1\",\"status\":\"Failure\",\"reason\":\"Conflict\",\"code\":409,\"message\":\"the object has"
                                + " been modified; please apply your changes to the latest version and try again\"}"));
              });
      edit(h, "3500");
      GenAIProject p =
          h.awaitProject(
              "support-copilot",
              q ->
                  q.getStatus().budget != null
                      && q.getMetadata().getGeneration().equals(q.getStatus().observedGeneration)
                      && "4000".equals(q.getSpec().budget.monthlyLimit));
      assertThat(conflicts.get()).as("the status write was refused once").isEqualTo(1);
      assertThat(p.getSpec().budget.monthlyLimit).as("the team's edit stands").isEqualTo("4000");
      assertThat(p.getStatus().phase).isEqualTo("Ready");
      assertThat(p.getStatus().budget.monthlyLimit)
          .as("the status speaks of the edited project")
          .isEqualTo("4000.00");
      System.out.printf(
          "[reliability] 409 on a status write while the spec was edited: %d refused, converged on"
              + " the edit%n",
          conflicts.get());
    }
  }

  private static void edit(OperatorHarness h, String limit) {
    h.client
        .resources(GenAIProject.class)
        .withName("support-copilot")
        .edit(
            p -> {
              p.getSpec().budget.monthlyLimit = limit;
              return p;
            });
  }
}
