package dev.platform.genai.plan;

import dev.platform.genai.api.ResidencyStatus;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.Residency;
import java.util.List;

/**
 * Data residency in status: the allowed locations, where each endpoint is, what is out of bounds, and the
 * ResidencyCompliant condition — only where residency applies (the policy's spec.residency for the classification,
 * or the project's own). Pure, from the plan's model: a managed endpoint the residency check refused is out of
 * bounds (it is not provisioned; EndpointsReady says ModelNotAllowed too).
 *
 * @param status {@code status.residency}, or null
 * @param part the condition, or null
 */
public record ResidencyReport(ResidencyStatus status, PartOutcome part) {
  static final ResidencyReport NONE = new ResidencyReport(null, null);

  public static ResidencyReport of(ProjectModel model) {
    Residency r = model.residency();
    if (!r.applies()) {
      return NONE;
    }
    ResidencyStatus s = new ResidencyStatus();
    s.regions.addAll(r.regions());
    s.source = r.source();
    String pinned = String.join(",", r.regions());
    for (ModelEndpoints.Endpoint e : model.endpoints().endpoints()) {
      if (e instanceof ModelEndpoints.Managed m) {
        s.endpoints.add(new ResidencyStatus.Placement(m.name(), m.region(), r.allows(m.region())));
      } else if (e instanceof ModelEndpoints.SelfHosted h) {
        s.endpoints.add(new ResidencyStatus.Placement(h.name(), "pinned to " + pinned, true));
      }
    }
    List<String> outside = model.endpoints().notAllowed().stream().filter(p -> p.contains(r.describe())).toList();
    for (String p : outside) {
      String path = p.substring(0, p.indexOf(':'));
      String index = path.substring(path.indexOf('[') + 1, path.indexOf(']'));
      String name = model.endpoints().names().get(Integer.parseInt(index));
      s.endpoints.add(new ResidencyStatus.Placement(name, null, false));
      s.outOfBounds.add(p);
    }
    if (!outside.isEmpty()) {
      return new ResidencyReport(s, PartOutcome.failed(Conditions.RESIDENCY_COMPLIANT,
          Reasons.OUTSIDE_ALLOWED_REGIONS, "Outside the allowed locations (" + r.describe() + "): "
              + String.join("; ", outside) + " Nothing is provisioned for it until it complies."));
    }
    return new ResidencyReport(s, PartOutcome.ok(Conditions.RESIDENCY_COMPLIANT, Reasons.PINNED, "Data kept in "
        + r.describe() + ": " + (s.endpoints.isEmpty() ? "no model endpoints; " : "")
        + "managed endpoints in allowed locations their provider guarantees; self-hosted endpoints and every new pod"
        + " of namespace " + model.namespace() + " pinned to those regions (node affinity; the residency admission"
        + " policy refuses unpinned ones). Pods that ran before are not re-checked."));
  }
}
