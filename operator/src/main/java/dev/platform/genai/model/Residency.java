package dev.platform.genai.model;

import java.util.List;

/**
 * Where a project's data may be processed: the regions its classification allows (the policy's
 * spec.residency), narrowed by the project's own (spec.residency.regions). NONE: unrestricted.
 *
 * @param regions allowed locations, in the order given; empty when unrestricted
 * @param source what says so, for messages: e.g. "GenAIPlatformPolicy default
 *     spec.residency.confidential.regions"
 */
public record Residency(List<String> regions, String source) {
  public static final Residency NONE = new Residency(List.of(), null);

  /**
   * The node label a region is read from (Kubernetes' well-known label, set by the cloud provider).
   */
  public static final String REGION_LABEL = "topology.kubernetes.io/region";

  public Residency {
    regions = List.copyOf(regions);
  }

  public boolean applies() {
    return !regions.isEmpty();
  }

  public boolean allows(String location) {
    return !applies() || regions.contains(location);
  }

  /** "europe-west4, europe-west1 (source)". */
  public String describe() {
    return String.join(", ", regions) + " (" + source + ")";
  }
}
