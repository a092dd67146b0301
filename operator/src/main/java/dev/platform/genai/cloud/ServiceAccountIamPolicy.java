package dev.platform.genai.cloud;

import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * A service account's own IAM policy (IAM v1 REST model): edited in unconditional bindings only.
 */
final class ServiceAccountIamPolicy implements IamPolicy {
  final Policy policy;

  ServiceAccountIamPolicy(Policy policy) {
    this.policy = policy;
  }

  private static List<Binding> bindings(Policy p) {
    return p.getBindings() == null ? List.of() : p.getBindings();
  }

  @Override
  public int principals() {
    return bindings(policy).stream()
        .mapToInt(b -> b.getMembers() == null ? 0 : b.getMembers().size())
        .sum();
  }

  @Override
  public boolean has(String role, String member) {
    return bindings(policy).stream()
        .anyMatch(
            b ->
                role.equals(b.getRole())
                    && b.getCondition() == null
                    && b.getMembers() != null
                    && b.getMembers().contains(member));
  }

  @Override
  public IamPolicy with(String role, String member) {
    if (has(role, member)) {
      return this;
    }
    Policy copy = policy.clone();
    List<Binding> bindings = new ArrayList<>();
    boolean added = false;
    for (Binding b : bindings(policy)) {
      Binding c = b.clone();
      if (!added && role.equals(c.getRole()) && c.getCondition() == null) {
        List<String> members = new ArrayList<>(c.getMembers() == null ? List.of() : c.getMembers());
        members.add(member);
        c.setMembers(members);
        added = true;
      }
      bindings.add(c);
    }
    if (!added) {
      bindings.add(new Binding().setRole(role).setMembers(new ArrayList<>(List.of(member))));
    }
    copy.setBindings(bindings);
    return new ServiceAccountIamPolicy(copy);
  }

  @Override
  public IamPolicy without(String role, String member) {
    if (!has(role, member)) {
      return this;
    }
    Policy copy = policy.clone();
    List<Binding> bindings = new ArrayList<>();
    for (Binding b : bindings(policy)) {
      Binding c = b.clone();
      if (role.equals(c.getRole())
          && c.getCondition() == null
          && c.getMembers() != null
          && c.getMembers().contains(member)) {
        List<String> members = new ArrayList<>(c.getMembers());
        members.remove(member);
        if (members.isEmpty()) {
          continue;
        }
        c.setMembers(members);
      }
      bindings.add(c);
    }
    copy.setBindings(bindings);
    return new ServiceAccountIamPolicy(copy);
  }
}
