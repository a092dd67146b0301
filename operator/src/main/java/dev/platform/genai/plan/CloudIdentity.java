package dev.platform.genai.plan;

/**
 * The cluster's Google identity pool, as far as the grants need it: its project ID, and its project
 * number (looked up once through Resource Manager, needed only for direct Workload Identity
 * principals).
 *
 * @param enabled whether this operator has Google Cloud IAM configured at all
 * @param clusterProject GENAI_GCP_CLUSTER_PROJECT
 * @param projectNumber its number, or 0 when not needed (a Google service account is used)
 * @param failure why the number could not be looked up (then nothing is granted this time), or null
 */
public record CloudIdentity(
    boolean enabled, String clusterProject, long projectNumber, PartOutcome failure) {
  public static final CloudIdentity DISABLED = new CloudIdentity(false, null, 0L, null);

  public static CloudIdentity of(String clusterProject, long projectNumber) {
    return new CloudIdentity(true, clusterProject, projectNumber, null);
  }

  public static CloudIdentity failed(String clusterProject, PartOutcome failure) {
    return new CloudIdentity(true, clusterProject, 0L, failure);
  }
}
