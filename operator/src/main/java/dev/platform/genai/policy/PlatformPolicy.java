package dev.platform.genai.policy;

import dev.platform.genai.model.Classification;
import dev.platform.genai.model.Quantities;
import dev.platform.genai.model.Quantities.Quantity;
import dev.platform.genai.model.Stage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The cluster's guardrails, resolved: every value present and parsed. Immutable. */
public record PlatformPolicy(
    String namespacePrefix,
    Map<Stage, Cap> caps,
    Quantity projectCpu,
    Quantity projectMemory,
    ContainerDefaults containerDefaults,
    Map<Classification, String> podSecurity,
    String monitoringNamespace,
    List<String> ingressNamespaces,
    List<String> egressCidrs,
    String source) {

  /** The most one project of a stage may get. */
  public record Cap(int gpus, Quantity cpu, Quantity memory) {}

  /** LimitRange values for containers that set none. */
  public record ContainerDefaults(Quantity cpuLimit, Quantity memoryLimit, Quantity cpuRequest,
      Quantity memoryRequest) {}

  /** GKE's metadata server addresses: Workload Identity needs them even when all other egress is denied. */
  public static final List<String> METADATA_SERVER_CIDRS = List.of("169.254.169.254/32", "169.254.169.252/32");

  public PlatformPolicy {
    caps = Map.copyOf(caps);
    podSecurity = Map.copyOf(podSecurity);
    ingressNamespaces = List.copyOf(ingressNamespaces);
    egressCidrs = List.copyOf(egressCidrs);
  }

  public Cap cap(Stage stage) {
    return caps.get(stage);
  }

  /** Built-in defaults: what applies when no GenAIPlatformPolicy named default exists. */
  public static final PlatformPolicy DEFAULTS = new PlatformPolicy(
      "genai-",
      new EnumMap<>(Map.of(
          Stage.Pilot, new Cap(4, q("32"), q("128Gi")),
          Stage.Production, new Cap(16, q("128"), q("512Gi")))),
      q("4"), q("16Gi"),
      new ContainerDefaults(q("1"), q("2Gi"), q("250m"), q("512Mi")),
      new EnumMap<>(Map.of(
          Classification.Public, "baseline",
          Classification.Internal, "baseline",
          Classification.Confidential, "restricted",
          Classification.Restricted, "restricted")),
      "monitoring",
      List.of(),
      List.of(),
      "built-in defaults");

  static Quantity q(String s) {
    return Quantities.parse(s).orElseThrow();
  }
}
