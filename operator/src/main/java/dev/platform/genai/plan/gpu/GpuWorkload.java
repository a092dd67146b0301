package dev.platform.genai.plan.gpu;

import dev.platform.genai.model.Names;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A workload of the project namespace whose pods request GPUs, as it runs: what the hold stops and
 * brings back, and its pods (what the idle decision looks at).
 *
 * @param kind what it is
 * @param name its name
 * @param endpoint the model endpoint it serves, when it is the operator's; else null
 * @param gpusPerPod the GPUs each pod requests (0 with DRA claims: see {@code claims})
 * @param claims whether its pods take GPUs through DRA claims (no per-pod series: reclaim is blind)
 * @param scale its replicas (Deployment, StatefulSet), 1 or 0 for a Job or CronJob (suspended: 0),
 *     1 for a bare Pod
 * @param kueue whether Kueue manages it (queue-name label): Kueue stops and brings it back
 * @param annotations its annotations (what a hold recorded, the team's wake)
 * @param pods its pods
 */
public record GpuWorkload(
    Kind kind,
    String name,
    String endpoint,
    int gpusPerPod,
    boolean claims,
    int scale,
    boolean kueue,
    Map<String, String> annotations,
    List<PodState> pods) {

  public GpuWorkload {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    pods = List.copyOf(pods);
  }

  public enum Kind {
    Deployment,
    StatefulSet,
    Job,
    CronJob,
    Pod,
    /** KServe's, for the operator's endpoint where KServe is installed: held through the plan. */
    InferenceService
  }

  /** What the hold recorded on the object: the replicas, or the Job's suspend, to restore. */
  public static final String HELD_RESTORE = Names.LABEL_PREFIX + "held-restore";

  /** The reasons the operator holds it for, comma-separated, as it last wrote them. */
  public static final String HELD_REASONS = Names.LABEL_PREFIX + "held-reasons";

  /** Since when it is held. */
  public static final String HELD_SINCE = Names.LABEL_PREFIX + "held-since";

  /** The approved replicas the operator keeps on its own endpoint objects. */
  static final String APPROVED_REPLICAS = Names.LABEL_PREFIX + "replicas";

  /** The team's wake: not stopped for idleness before this time (RFC 3339). */
  public static final String AWAKE_UNTIL = Names.LABEL_PREFIX + "awake-until";

  /**
   * One pod.
   *
   * @param phase Pending, Running, ...
   * @param ready its Ready condition
   * @param started when it started (status.startTime), or null
   */
  public record PodState(String name, String phase, boolean ready, Instant started) {}

  /** Kind/name. */
  public String ref() {
    return kind + "/" + name;
  }

  /** Held by the operator (its record on the object). */
  public boolean held() {
    return annotations.containsKey(HELD_RESTORE) || annotations.containsKey(HELD_REASONS);
  }

  /** The reasons recorded on the object. */
  public List<String> recordedReasons() {
    String v = annotations.get(HELD_REASONS);
    return v == null || v.isBlank() ? List.of() : List.of(v.split(","));
  }

  /**
   * The scale to bring back: the recorded one while held (a count, or a Job's "suspend=false"),
   * else the current one.
   */
  public int restoreScale() {
    String approved = annotations.get(APPROVED_REPLICAS);
    if (endpoint != null && approved != null && approved.matches("^[0-9]{1,2}$")) {
      return Integer.parseInt(approved); // the operator's endpoint comes back to its approved count
    }
    String v = annotations.get(HELD_RESTORE);
    if (v != null && v.matches("^replicas=[0-9]{1,4}$")) {
      return Integer.parseInt(v.substring("replicas=".length()));
    }
    if (v != null && v.startsWith("suspend=")) {
      return "suspend=false".equals(v) ? 1 : 0;
    }
    return scale;
  }

  /** The GPUs it takes when running as restored. */
  public int gpus() {
    return gpusPerPod * restoreScale();
  }

  /** What the hold records to bring it back. */
  public String restoreRecord() {
    String v = annotations.get(HELD_RESTORE);
    if (v != null) {
      return v;
    }
    if (endpoint != null && annotations.containsKey(APPROVED_REPLICAS)) {
      return (kind == Kind.InferenceService ? "minReplicas=" : "replicas=") + restoreScale();
    }
    return switch (kind) {
      case Deployment, StatefulSet -> "replicas=" + scale;
      case Job, CronJob -> "suspend=" + (scale == 0);
      case Pod -> "none: a bare pod cannot come back";
      case InferenceService -> "minReplicas=" + scale;
    };
  }
}
