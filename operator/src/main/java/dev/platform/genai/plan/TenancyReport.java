package dev.platform.genai.plan;

import dev.platform.genai.api.GenAIProject;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import java.util.List;

/**
 * The condition TenantBoundaryHeld: whether anything stored in the project's namespace breaks the
 * tenant boundary that admission holds for new writes ({@link TenancyFindings}). It reports; it
 * never blocks Ready, and the operator removes nothing it did not make.
 */
public final class TenancyReport {
  private TenancyReport() {}

  static final int SHOWN = 10;

  /**
   * A Warning Event for each break-glass object among the findings that the project's stored
   * TenantBoundaryHeld does not name yet: who wrote what, and why, once — judged against the stored
   * status, so a restart or a leader change does not repeat it.
   */
  public static List<Notice> breakGlass(GenAIProject project, List<String> findings) {
    if (findings == null) {
      return List.of();
    }
    String stored =
        project.getStatus() == null || project.getStatus().conditions == null
            ? ""
            : project.getStatus().conditions.stream()
                .filter(c -> ConditionType.TenantBoundaryHeld.name().equals(c.type))
                .map(c -> c.message == null ? "" : c.message)
                .findFirst()
                .orElse("");
    return findings.stream()
        .filter(f -> f.contains(TenancyFindings.BREAK_GLASS_NOTE) && !stored.contains(f))
        .map(f -> Notice.warning(Reason.BreakGlass, "Break-glass: " + f + "."))
        .toList();
  }

  /**
   * The condition; findings null when the namespace's objects could not be listed, which it says
   * (rather than nothing, or a guess).
   */
  public static PartOutcome part(ProjectModel m, List<String> findings) {
    if (findings == null) {
      return PartOutcome.failed(
          ConditionType.TenantBoundaryHeld,
          Reason.BoundaryUnknown,
          "Whether anything in namespace "
              + m.namespace()
              + " breaks the tenant boundary is unknown: its NetworkPolicies, RoleBindings,"
              + " Services or Ingresses could not be listed. The operator's ClusterRole needs list on"
              + " them (list on ingresses came with the chart that added this condition: helm"
              + " upgrade the release).");
    }
    if (findings.isEmpty()) {
      return PartOutcome.ok(
          ConditionType.TenantBoundaryHeld,
          Reason.BoundaryHeld,
          "Nothing in namespace "
              + m.namespace()
              + " breaks the tenant boundary: no NetworkPolicy but the operator's, RoleBindings for"
              + " the declared people only"
              + (m.classification().ordinal()
                      >= dev.platform.genai.values.Classification.Confidential.ordinal()
                  ? ", nothing reachable from outside the cluster."
                  : "."));
    }
    String shown = String.join("; ", findings.subList(0, Math.min(SHOWN, findings.size())));
    return PartOutcome.failed(
        ConditionType.TenantBoundaryHeld,
        Reason.BoundaryBreached,
        findings.size()
            + (findings.size() == 1 ? " object" : " objects")
            + " in namespace "
            + m.namespace()
            + " break the tenant boundary that admission holds for new writes (made before the"
            + " chart's admission policies, by an exempt identity, or by break-glass): "
            + shown
            + (findings.size() > SHOWN ? "; and " + (findings.size() - SHOWN) + " more" : "")
            + ". Remove them, or make them fit (docs/tenancy.md).");
  }
}
