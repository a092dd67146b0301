package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Where the project's data may be processed, and where each part of it is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResidencyStatus {
  @JsonPropertyDescription(
      "The allowed locations: the policy's for the classification, or the project's narrower"
          + " ones.")
  public List<String> regions = new ArrayList<>();

  @JsonPropertyDescription(
      "What says so, e.g. GenAIPlatformPolicy default spec.residency.confidential.regions.")
  public String source;

  @JsonPropertyDescription(
      "Each model endpoint: where it runs and whether that is within the allowed locations.")
  public List<Placement> endpoints = new ArrayList<>();

  @JsonPropertyDescription(
      "The buckets the self-hosted endpoints' weights are read from (gs://), and where Cloud"
          + " Storage says they are.")
  public List<BucketPlacement> buckets = new ArrayList<>();

  @JsonPropertyDescription(
      "The cluster's nodes by region (their topology.kubernetes.io/region label; \"unlabelled\""
          + " for nodes without one), as last listed: pinned pods run only on nodes in an allowed region.")
  public java.util.Map<String, Integer> nodesByRegion;

  @JsonPropertyDescription(
      "Pods of the namespace not pinned to the regions (at most 20 named): they ran before"
          + " residency applied; admission refuses new ones but does not re-check running ones.")
  public List<String> unpinnedPods;

  @JsonPropertyDescription("What is out of bounds, each with what to do.")
  public List<String> outOfBounds = new ArrayList<>();

  /** Where one bucket is. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class BucketPlacement {
    @JsonPropertyDescription("The bucket's name.")
    public String bucket;

    @JsonPropertyDescription(
        "Its location as Cloud Storage says (lower case): a region, dual-region or"
            + " multi-region.")
    public String location;

    @JsonPropertyDescription("region, dual-region or multi-region.")
    public String locationType;

    @JsonPropertyDescription("Whether the location is allowed; absent when unknown.")
    public Boolean compliant;

    @JsonPropertyDescription("Why the location is unknown, or that it was not checked.")
    public String message;

    public BucketPlacement() {}
  }

  /** One endpoint's place. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Placement {
    @JsonPropertyDescription("spec.models[].name.")
    public String name;

    @JsonPropertyDescription(
        "Managed: the region it is called in. SelfHosted: the regions its pods are pinned to.")
    public String location;

    @JsonPropertyDescription("Whether it is within the allowed locations.")
    public Boolean compliant;

    public Placement() {}

    public Placement(String name, String location, boolean compliant) {
      this.name = name;
      this.location = location;
      this.compliant = compliant;
    }
  }
}
