package dev.platform.genai.plan;

import dev.platform.genai.api.ResidencyStatus;
import dev.platform.genai.model.ModelEndpoints;
import dev.platform.genai.model.ProjectModel;
import dev.platform.genai.model.Residency;
import dev.platform.genai.vocabulary.ConditionType;
import dev.platform.genai.vocabulary.Reason;
import java.util.List;

/**
 * Data residency in status: the allowed locations, where each endpoint is, what is out of bounds,
 * and the ResidencyCompliant condition — only where residency applies (the policy's spec.residency
 * for the classification, or the project's own). Pure, from the plan's model: a managed endpoint
 * the residency check refused is out of bounds (it is not provisioned; EndpointsReady says
 * ModelNotAllowed too).
 *
 * @param status {@code status.residency}, or null
 * @param part the condition, or null
 */
public record ResidencyReport(ResidencyStatus status, PartOutcome part) {
  static final ResidencyReport NONE = new ResidencyReport(null, null);

  public static ResidencyReport of(ProjectModel model, Observed observed) {
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
    List<String> outside =
        new java.util.ArrayList<>(
            model.endpoints().notAllowed().stream().filter(p -> p.contains(r.describe())).toList());
    List<String> unknown = new java.util.ArrayList<>();
    List<String> reading = new java.util.ArrayList<>();
    buckets(model, observed, r, s, outside, unknown, reading);
    nodes(model, observed, r, s, outside, unknown);
    gpuNodes(model, r, outside);
    List<String> unpinned = observed == null ? List.of() : observed.unpinnedPods();
    if (unpinned == null) {
      unknown.add(
          "the pods of namespace "
              + model.namespace()
              + " could not be listed, so whether any that ran"
              + " before residency applied is unpinned is unknown (the operator's ClusterRole needs list on pods)");
    } else if (!unpinned.isEmpty()) {
      s.unpinnedPods =
          unpinned.size() > 20 ? List.copyOf(unpinned.subList(0, 20)) : List.copyOf(unpinned);
    }
    for (String p : outside) {
      if (!p.contains(".managed.")) {
        s.outOfBounds.add(p);
        continue;
      }
      String path = p.substring(0, p.indexOf(':'));
      String index = path.substring(path.indexOf('[') + 1, path.indexOf(']'));
      String name = model.endpoints().names().get(Integer.parseInt(index));
      s.endpoints.add(new ResidencyStatus.Placement(name, null, false));
      s.outOfBounds.add(p);
    }
    if (!outside.isEmpty()) {
      return new ResidencyReport(
          s,
          PartOutcome.failed(
              ConditionType.ResidencyCompliant,
              Reason.OutsideAllowedRegions,
              "Outside the allowed locations ("
                  + r.describe()
                  + "): "
                  + String.join("; ", outside)));
    }
    if (!unknown.isEmpty()) {
      s.outOfBounds.addAll(unknown);
      return new ResidencyReport(
          s,
          PartOutcome.failed(
              ConditionType.ResidencyCompliant,
              Reason.LocationUnknown,
              "Where it is cannot be read, so it is not taken as compliant: "
                  + String.join("; ", unknown)));
    }
    if (!reading.isEmpty()) { // comes by itself: waiting, not a person's to fix
      return new ResidencyReport(
          s,
          PartOutcome.failed(
              ConditionType.ResidencyCompliant,
              Reason.Pending,
              "Reading where "
                  + String.join(", ", reading)
                  + " is from Cloud Storage; not taken as compliant until it"
                  + " answers."));
    }
    if (unpinned != null && !unpinned.isEmpty()) {
      String listed =
          String.join(", ", s.unpinnedPods)
              + (unpinned.size() > 20 ? " and " + (unpinned.size() - 20) + " more" : "");
      s.outOfBounds.add("pods not pinned to " + String.join(", ", r.regions()) + ": " + listed);
      return new ResidencyReport(
          s,
          PartOutcome.failed(
              ConditionType.ResidencyCompliant,
              Reason.UnpinnedPods,
              unpinned.size()
                  + " pod(s) of namespace "
                  + model.namespace()
                  + " are not pinned to "
                  + r.describe()
                  + ": "
                  + listed
                  + ". They ran before residency applied (admission refuses new unpinned pods, but"
                  + " does not re-check running ones): re-create them from a pinned template, or delete them."));
    }
    return new ResidencyReport(
        s,
        PartOutcome.ok(
            ConditionType.ResidencyCompliant,
            Reason.Pinned,
            "Data kept in "
                + r.describe()
                + ": "
                + (s.endpoints.isEmpty() ? "no model endpoints; " : "")
                + "managed endpoints in allowed locations their provider guarantees; self-hosted endpoints and every new pod"
                + " of namespace "
                + model.namespace()
                + " pinned to those regions (node affinity; the residency admission"
                + " policy refuses unpinned ones)"
                + (s.buckets.isEmpty()
                    ? ""
                    : "; the weights' buckets in "
                        + String.join(
                            ", ",
                            s.buckets.stream()
                                .map(b -> b.bucket + " (" + b.location + ")")
                                .toList()))
                + ". Pods that ran before are not re-checked."));
  }

  /**
   * The GPU type's nodes (the policy's spec.gpus.<type>.nodeLabels, which GPU pods select and
   * Kueue's flavor names): a region label there outside the allowed ones means the project's GPU
   * pods could never be both on those nodes and pinned.
   */
  private static void gpuNodes(ProjectModel model, Residency r, List<String> outside) {
    String region =
        model.gpu() == null ? null : model.gpu().nodeLabels().get(Residency.REGION_LABEL);
    if (region != null && !r.allows(region) && model.quota().gpus() > 0) {
      outside.add(
          "GPU type "
              + model.gpu().type()
              + " selects nodes in "
              + region
              + " (spec.gpus."
              + model.gpu().type()
              + ".nodeLabels of the policy; Kueue's flavor "
              + model.gpu().flavor()
              + "), outside "
              + r.describe()
              + ": its GPU pods cannot be pinned there; use a GPU type whose nodes are in an allowed"
              + " region");
    }
  }

  /**
   * The cluster's nodes: pinned pods run only on nodes in an allowed region, so a cluster with
   * nodes but none in one cannot run the project's workloads there (on GKE a cluster is in one
   * region). No nodes right now (pools scaled to zero) is not judged; nodes without a region label
   * are unknown.
   */
  private static void nodes(
      ProjectModel model,
      Observed observed,
      Residency r,
      ResidencyStatus s,
      List<String> outside,
      List<String> unknown) {
    java.util.Map<String, Integer> nodes =
        observed == null ? java.util.Map.of() : observed.clusterRegions();
    if (nodes == null) {
      unknown.add(
          "the cluster's nodes could not be listed, so where its pods run is unknown (the operator's"
              + " ClusterRole needs list on nodes)");
      return;
    }
    if (nodes.isEmpty()) {
      return;
    }
    s.nodesByRegion = new java.util.TreeMap<>();
    nodes.forEach((region, n) -> s.nodesByRegion.put(region.isEmpty() ? "unlabelled" : region, n));
    if (nodes.keySet().stream().anyMatch(r::allows)) {
      return;
    }
    String where = String.join(", ", nodes.keySet().stream().filter(k -> !k.isEmpty()).toList());
    if (where.isEmpty()) {
      unknown.add(
          "the cluster's nodes carry no "
              + Residency.REGION_LABEL
              + " label, so pods pinned to "
              + String.join(", ", r.regions())
              + " cannot be scheduled: label the nodes with their region");
    } else {
      outside.add(
          "the cluster's nodes are in "
              + where
              + ", none in "
              + r.describe()
              + ": the project's pinned pods"
              + " cannot run here; run it on a cluster in an allowed region");
    }
  }

  /**
   * The self-hosted endpoints' weights: a gs:// bucket in an allowed location is compliant; one
   * elsewhere is out of bounds (reported, not refused: the endpoint runs what it already fetched;
   * copy the weights); one whose location cannot be read, or that was not checked (Google Cloud
   * access off), is never assumed fine. Other schemes (hf:// for Public and Internal data;
   * Confidential and Restricted refuse it) have no location the operator can read: noted, not
   * judged.
   */
  private static void buckets(
      ProjectModel model,
      Observed observed,
      Residency r,
      ResidencyStatus s,
      List<String> outside,
      List<String> unknown,
      List<String> reading) {
    List<String> names = model.endpoints().names();
    for (ModelEndpoints.SelfHosted e : model.endpoints().selfHosted()) {
      String uri = e.storageUri();
      String path = "spec.models[" + names.indexOf(e.name()) + "].selfHosted.storageUri";
      if (uri == null || !uri.startsWith("gs://")) {
        continue;
      }
      String bucket = uri.substring(5).split("/", 2)[0];
      if (s.buckets.stream().anyMatch(b -> bucket.equals(b.bucket))) {
        continue;
      }
      ResidencyStatus.BucketPlacement b = new ResidencyStatus.BucketPlacement();
      b.bucket = bucket;
      s.buckets.add(b);
      Observed.BucketPlace place =
          observed == null || observed.buckets() == null ? null : observed.buckets().get(bucket);
      if (place == null) {
        b.message =
            "not checked: the operator reads a bucket's location with Google Cloud access"
                + " (GENAI_GCP_CLUSTER_PROJECT) and storage.buckets.get";
        unknown.add(path + ": where bucket " + bucket + " is was not checked (" + b.message + ")");
      } else if (place.reading()) {
        b.message = place.unknown();
        reading.add("bucket " + bucket);
      } else if (place.unknown() != null) {
        b.message = place.unknown();
        unknown.add(path + ": where bucket " + bucket + " is cannot be read: " + place.unknown());
      } else {
        b.location = place.location();
        b.locationType = place.type();
        b.compliant = r.allows(place.location());
        if (!b.compliant) {
          outside.add(
              path
                  + ": the weights' bucket "
                  + bucket
                  + " is in "
                  + place.location()
                  + (place.type() == null ? "" : " (" + place.type() + ")")
                  + ", outside "
                  + r.describe()
                  + ": copy the weights to a bucket in an allowed location (a dual- or multi-region counts only if the"
                  + " policy lists it)");
        }
      }
    }
  }
}
