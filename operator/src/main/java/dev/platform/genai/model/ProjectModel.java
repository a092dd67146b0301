package dev.platform.genai.model;

import dev.platform.genai.model.Quantities.Quantity;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the operator decides about one project, computed once per reconcile from the GenAIProject and the
 * resolved platform policy. Every desired object is a function of this and nothing else.
 */
public record ProjectModel(
    String name,
    String namespace,
    Stage stage,
    Classification classification,
    Map<String, String> labels,
    Map<String, String> namespaceLabels,
    String podSecurityLevel,
    Map<TeamRole, List<Subject>> team,
    QuotaGrant quota,
    ContainerDefaults containerDefaults,
    NetworkGuardrails network,
    CloudRequest cloud,
    boolean endpointsRequested) {

  public ProjectModel {
    // sorted, so that desired objects (and golden files) are the same on every run
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    namespaceLabels = Collections.unmodifiableMap(new TreeMap<>(namespaceLabels));
    team = Map.copyOf(team);
  }

  /** Whether spec.gcp asks for cloud access. */
  public boolean cloudAccessRequested() {
    return cloud != null;
  }

  /**
   * Google Cloud access asked for in spec.gcp. {@code denied} says why policy refuses it (then nothing is granted
   * at all, never a partial apply); empty when allowed.
   */
  public record CloudRequest(String projectId, List<String> roles, String serviceAccount, List<String> denied) {
    public CloudRequest {
      roles = List.copyOf(roles);
      denied = List.copyOf(denied);
    }
  }

  /** An RBAC subject, normalised (apiGroup is implied by the kind). */
  public record Subject(String kind, String name, String namespace) {}

  /**
   * The quota granted: the request clamped to the stage's cap. {@code capped} says, per resource, what was
   * asked and what the cap is; empty when the request fits.
   */
  public record QuotaGrant(int gpus, Quantity cpu, Quantity memory, List<Capped> capped) {
    public QuotaGrant {
      capped = List.copyOf(capped);
    }

    public boolean isCapped() {
      return !capped.isEmpty();
    }
  }

  /** One resource asked for above the stage's cap: the spec field, and what was asked against the cap. */
  public record Capped(String field, String message) {}

  /** LimitRange values for containers that set none. */
  public record ContainerDefaults(Quantity cpuLimit, Quantity memoryLimit, Quantity cpuRequest,
      Quantity memoryRequest) {}

  /** Network guardrails: who may reach the namespace, and where it may send traffic when egress is restricted. */
  public record NetworkGuardrails(List<String> ingressNamespaces, boolean restrictEgress, List<String> egressCidrs,
      List<String> metadataServerCidrs) {
    public NetworkGuardrails {
      ingressNamespaces = List.copyOf(ingressNamespaces);
      egressCidrs = List.copyOf(egressCidrs);
      metadataServerCidrs = List.copyOf(metadataServerCidrs);
    }
  }
}
