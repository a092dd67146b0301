package dev.platform.genai.cloud;

import com.google.iam.v1.Binding;
import com.google.iam.v1.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * A project's IAM policy (Resource Manager v3, protobuf): edited in unconditional bindings only.
 */
final class ProjectIamPolicy implements IamPolicy {
  final Policy policy;

  ProjectIamPolicy(Policy policy) {
    this.policy = policy;
  }

  @Override
  public int principals() {
    return policy.getBindingsList().stream().mapToInt(Binding::getMembersCount).sum();
  }

  @Override
  public boolean has(String role, String member) {
    return policy.getBindingsList().stream()
        .anyMatch(
            b ->
                b.getRole().equals(role)
                    && !b.hasCondition()
                    && b.getMembersList().contains(member));
  }

  @Override
  public IamPolicy with(String role, String member) {
    if (has(role, member)) {
      return this;
    }
    Policy.Builder p = policy.toBuilder();
    for (int i = 0; i < p.getBindingsCount(); i++) {
      Binding b = p.getBindings(i);
      if (b.getRole().equals(role) && !b.hasCondition()) {
        p.setBindings(i, b.toBuilder().addMembers(member).build());
        return new ProjectIamPolicy(p.build());
      }
    }
    p.addBindings(Binding.newBuilder().setRole(role).addMembers(member).build());
    return new ProjectIamPolicy(p.build());
  }

  @Override
  public IamPolicy without(String role, String member) {
    if (!has(role, member)) {
      return this;
    }
    List<Binding> kept = new ArrayList<>();
    for (Binding b : policy.getBindingsList()) {
      if (b.getRole().equals(role) && !b.hasCondition() && b.getMembersList().contains(member)) {
        List<String> members = new ArrayList<>(b.getMembersList());
        members.remove(member);
        if (!members.isEmpty()) {
          kept.add(b.toBuilder().clearMembers().addAllMembers(members).build());
        }
      } else {
        kept.add(b);
      }
    }
    return new ProjectIamPolicy(policy.toBuilder().clearBindings().addAllBindings(kept).build());
  }
}
