package dev.platform.genai.plan;

import dev.platform.genai.model.Names;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.ProjectModel.Subject;
import dev.platform.genai.model.TeamRole;
import dev.platform.genai.values.Classification;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What in a project namespace breaks the tenant boundary (docs/tenancy.md) although the chart's
 * admission policy would refuse it today: objects made before the policy was installed, by an
 * exempt identity, or by break-glass. The same rules as {@code tenancy-admission-policy.yaml},
 * applied to what is stored: a NetworkPolicy not the operator's; a RoleBinding not the operator's
 * binding everyone, or someone the project does not declare at that role; in a Confidential or
 * Restricted namespace a Service reachable from outside (LoadBalancer, NodePort, externalIPs) or an
 * Ingress. Each finding names the object and what breaks; a break-glass note is quoted.
 */
public final class TenancyFindings {
  private TenancyFindings() {}

  static final String BREAK_GLASS = Names.LABEL_PREFIX + "break-glass";

  /** How a finding quotes an object's break-glass note. */
  static final String BREAK_GLASS_NOTE = " (break-glass: ";

  private static final Set<String> EVERYONE =
      Set.of(
          "Group:system:authenticated",
          "Group:system:unauthenticated",
          "Group:system:serviceaccounts",
          "User:system:anonymous");

  /** The findings, in a stable order (kind, then name). */
  public static List<String> of(
      ProjectModel m,
      List<NetworkPolicy> networkPolicies,
      List<RoleBinding> roleBindings,
      List<Service> services,
      List<Ingress> ingresses) {
    List<String> out = new ArrayList<>();
    for (NetworkPolicy np : sorted(networkPolicies)) {
      if (!ours(np)) {
        out.add(
            "NetworkPolicy "
                + np.getMetadata().getName()
                + " is not the operator's (policies add up: it can only widen the guardrails)"
                + note(np));
      }
    }
    for (RoleBinding rb : sorted(roleBindings)) {
      if (ours(rb)) {
        continue;
      }
      List<String> wrong = wrongSubjects(m, rb);
      if (!wrong.isEmpty()) {
        out.add(
            "RoleBinding "
                + rb.getMetadata().getName()
                + " binds "
                + String.join(", ", wrong)
                + " to "
                + rb.getRoleRef().getKind()
                + " "
                + rb.getRoleRef().getName()
                + ", which the project does not declare"
                + note(rb));
      }
    }
    boolean closed =
        m.classification() == Classification.Confidential
            || m.classification() == Classification.Restricted;
    if (closed) {
      for (Service s : sorted(services)) {
        String type = s.getSpec() == null ? null : s.getSpec().getType();
        boolean external = "LoadBalancer".equals(type) || "NodePort".equals(type);
        boolean ips =
            s.getSpec() != null
                && s.getSpec().getExternalIPs() != null
                && !s.getSpec().getExternalIPs().isEmpty();
        if (external || ips) {
          out.add(
              "Service "
                  + s.getMetadata().getName()
                  + (external ? " is of type " + type : " has externalIPs")
                  + ", reachable from outside the cluster"
                  + note(s));
        }
      }
      for (Ingress i : sorted(ingresses)) {
        out.add(
            "Ingress "
                + i.getMetadata().getName()
                + " exposes the namespace outside the cluster"
                + note(i));
      }
    }
    return out;
  }

  /** The subjects this binding may not name, as {@link Subject#key()}. */
  static List<String> wrongSubjects(ProjectModel m, RoleBinding rb) {
    String role = rb.getRoleRef().getKind() + " " + rb.getRoleRef().getName();
    boolean admin = role.equals("ClusterRole admin") || role.equals("ClusterRole cluster-admin");
    Set<String> allowed = new LinkedHashSet<>(keys(m, TeamRole.OWNERS));
    if (!admin) {
      allowed.addAll(keys(m, TeamRole.MEMBERS));
      if (!role.equals("ClusterRole edit")) {
        allowed.addAll(keys(m, TeamRole.VIEWERS));
      }
    }
    String namespace = rb.getMetadata().getNamespace();
    List<String> wrong = new ArrayList<>();
    for (var s :
        rb.getSubjects() == null
            ? List.<io.fabric8.kubernetes.api.model.rbac.Subject>of()
            : rb.getSubjects()) {
      String ns =
          s.getNamespace() == null || s.getNamespace().isEmpty() ? namespace : s.getNamespace();
      String key = new Subject(s.getKind(), s.getName(), ns).key();
      boolean ownServiceAccount =
          "ServiceAccount".equals(s.getKind()) && ns.equals(namespace) && !admin;
      if (EVERYONE.contains(key)
          || key.startsWith("Group:system:serviceaccounts:")
          || (!allowed.contains(key) && !ownServiceAccount)) {
        wrong.add(key);
      }
    }
    return wrong;
  }

  private static List<String> keys(ProjectModel m, TeamRole role) {
    return m.team().getOrDefault(role, List.of()).stream().map(Subject::key).toList();
  }

  private static boolean ours(HasMetadata o) {
    Map<String, String> labels = o.getMetadata().getLabels();
    return labels != null && Names.OPERATOR.equals(labels.get(Names.MANAGED_BY));
  }

  private static String note(HasMetadata o) {
    Map<String, String> a = o.getMetadata().getAnnotations();
    String n = a == null ? null : a.get(BREAK_GLASS);
    return n == null || n.isBlank() ? "" : BREAK_GLASS_NOTE + n + ")";
  }

  private static <T extends HasMetadata> List<T> sorted(List<T> items) {
    return items.stream()
        .sorted(java.util.Comparator.comparing(o -> o.getMetadata().getName()))
        .toList();
  }
}
