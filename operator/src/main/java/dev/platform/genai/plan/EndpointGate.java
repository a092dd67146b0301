package dev.platform.genai.plan;

import static dev.platform.genai.vocabulary.ConditionType.Approved;

import dev.platform.genai.api.ApprovalStatus;
import dev.platform.genai.api.GenAIProjectApproval;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.vocabulary.Reason;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The compliance gate before model endpoints: whether new endpoint objects may be provisioned, and
 * what the Approved condition and {@code status.approval} say. Pure.
 *
 * @param open whether new endpoint objects may be provisioned
 * @param pendingApproval whether the gate waits for compliance (phase PendingApproval)
 * @param approved the Approved condition, or null when the project has no endpoints
 * @param approval what status.approval shows, or null
 */
public record EndpointGate(
    boolean open, boolean pendingApproval, PartOutcome approved, ApprovalStatus approval) {

  static final EndpointGate NO_ENDPOINTS = new EndpointGate(true, false, null, null);

  static EndpointGate of(String project, ProjectModel model, List<GenAIProjectApproval> approvals) {
    ModelEndpoints e = model.endpoints();
    if (!e.requested()) {
      return NO_ENDPOINTS;
    }
    ApprovalStatus status = new ApprovalStatus();
    status.required = e.approvalRequired();
    status.requiredDigest = e.digest();
    status.regions = model.residency().applies() ? model.residency().regions() : null;
    if (!e.approvalRequired()) {
      return new EndpointGate(
          e.allowed(),
          false,
          PartOutcome.ok(
              Approved,
              Reason.NotRequired,
              model.classification() + " data: model endpoints need no compliance approval."),
          status);
    }
    List<GenAIProjectApproval> mine =
        approvals.stream()
            .filter(a -> a.getSpec() != null)
            .sorted(
                Comparator.comparing(
                        (GenAIProjectApproval a) ->
                            String.valueOf(a.getMetadata().getCreationTimestamp()))
                    .reversed())
            .toList();
    Optional<GenAIProjectApproval> match =
        mine.stream().filter(a -> e.digest().equals(a.getSpec().digest)).findFirst();
    match.or(() -> mine.stream().findFirst()).ifPresent(a -> record(status, a));
    if (match.isPresent()) {
      return new EndpointGate(
          e.allowed(),
          false,
          PartOutcome.ok(
              Approved,
              Reason.Approved,
              "Approved by "
                  + status.approvedBy
                  + " ("
                  + status.reference
                  + ") in GenAIProjectApproval "
                  + status.approval
                  + "."),
          status);
    }
    String how =
        " Compliance approves by creating a GenAIProjectApproval with spec.project "
            + project
            + " and spec.digest "
            + e.digest()
            + " (status.approval.requiredDigest).";
    PartOutcome approved =
        mine.isEmpty()
            ? PartOutcome.failed(
                Approved,
                Reason.PendingApproval,
                model.classification()
                    + " data: no model"
                    + " endpoint is created before compliance approves this request."
                    + how)
            : PartOutcome.failed(
                Approved,
                Reason.DigestChanged,
                "The spec's classification, compliance, models or"
                    + " gcp, or the regions its data may be processed in, changed since GenAIProjectApproval "
                    + status.approval
                    + " ("
                    + status.approvedDigest
                    + "):"
                    + " endpoints already running stay as approved, nothing new is provisioned until this request is"
                    + " approved."
                    + how);
    return new EndpointGate(false, true, approved, status);
  }

  private static void record(ApprovalStatus status, GenAIProjectApproval a) {
    status.approvedDigest = a.getSpec().digest;
    status.approval = a.getMetadata().getName();
    status.approvedBy = a.getSpec().approvedBy;
    status.approvedAt = a.getMetadata().getCreationTimestamp();
    status.reference = a.getSpec().reference;
  }
}
