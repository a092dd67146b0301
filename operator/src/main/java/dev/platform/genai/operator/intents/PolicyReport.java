package dev.platform.genai.operator.intents;

import dev.platform.genai.api.GoogleIamPolicyStatus;
import dev.platform.genai.api.IamMemberState;
import dev.platform.genai.api.ProjectCondition;
import dev.platform.genai.cloud.PolicyRecord.State;
import dev.platform.genai.model.Grant;
import dev.platform.genai.vocabulary.ConditionStatus;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Google policy as its controller last reported it, in the types the project side reads: each
 * member's state, and why the policy as a whole failed. Read from the object's status, which a
 * newer release or a hand may have written: a state this release does not know is empty (the member
 * counts as not yet granted), never a grant.
 *
 * @param failure the policy's Ready=False other than for refused members (unreachable, a read
 *     denied, the removals refused): every member of it waits on that
 */
public record PolicyReport(Map<Grant, Member> members, Optional<Failure> failure) {
  /**
   * @param state empty when the stored state is not one this release knows
   * @param reason Google's refusal (a {@link Reason}'s name), null when none
   */
  public record Member(Optional<State> state, String reason, String message) {
    /** In place in Google's policy. */
    public boolean inPlace() {
      return state.map(State::inPlace).orElse(false);
    }

    /** Refused by Google or the principal limit, or failing with a reason. */
    public boolean refused() {
      return state.equals(Optional.of(State.REFUSED)) || reason != null;
    }
  }

  /** Why the policy as a whole is not as its projects want. */
  public record Failure(String reason, String message) {}

  /** The report of a stored status for the Google resource it governs. */
  static PolicyReport of(String resource, GoogleIamPolicyStatus status) {
    Map<Grant, Member> members = new LinkedHashMap<>();
    for (IamMemberState m : status.members) {
      members.put(
          new Grant(resource, m.role, m.member),
          new Member(State.ofStored(m.state), m.reason, m.message));
    }
    Optional<Failure> failure =
        status.conditions.stream()
            .filter(
                c ->
                    ConditionType.Ready.name().equals(c.type)
                        && ConditionStatus.False.is(c.status)
                        && !Reason.MembersRefused.is(c.reason))
            .findFirst()
            .map(c -> new Failure(c.reason, c.message));
    return new PolicyReport(Map.copyOf(members), failure);
  }

  /** The member granting this, if the policy reports it. */
  public Optional<Member> member(Grant g) {
    return Optional.ofNullable(members.get(g));
  }

  /** The policy's Ready condition as the policy controller writes it. */
  public static ProjectCondition ready(
      ConditionStatus status, String now, Reason reason, String message) {
    return new ProjectCondition(
        ConditionType.Ready.name(), status.name(), null, now, reason.reason(), message);
  }
}
