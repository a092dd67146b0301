package dev.platform.genai.model;

import java.util.Set;
import java.util.TreeSet;

/** The grants a project's cloud request means. Pure. */
public final class CloudGrants {
  private CloudGrants() {}

  public static final String WORKLOAD_IDENTITY_USER = "roles/iam.workloadIdentityUser";

  /**
   * Direct Workload Identity Federation (no Google service account): each role on the project to
   * the Kubernetes ServiceAccount's principal. With a Google service account: workloadIdentityUser
   * on that service account for the Kubernetes ServiceAccount, and each role on the project to the
   * Google service account.
   */
  /**
   * A Kubernetes ServiceAccount's principal in the cluster's Workload Identity pool (direct
   * federation).
   */
  public static String principal(
      String clusterProjectId, long clusterProjectNumber, String namespace, String serviceAccount) {
    return "principal://iam.googleapis.com/projects/"
        + clusterProjectNumber
        + "/locations/global/workloadIdentityPools/"
        + clusterProjectId
        + ".svc.id.goog/subject/ns/"
        + namespace
        + "/sa/"
        + serviceAccount;
  }

  public static Set<Grant> of(
      ProjectModel.CloudRequest cloud,
      String namespace,
      String clusterProjectId,
      long clusterProjectNumber) {
    Set<Grant> out = new TreeSet<>();
    String pool = clusterProjectId + ".svc.id.goog";
    String project = Grant.project(cloud.projectId());
    if (cloud.serviceAccount() == null) {
      String principal =
          principal(
              clusterProjectId, clusterProjectNumber, namespace, Names.WORKLOAD_SERVICE_ACCOUNT);
      cloud.roles().forEach(r -> out.add(new Grant(project, r, principal)));
    } else {
      out.add(
          new Grant(
              Grant.serviceAccount(cloud.serviceAccount()),
              WORKLOAD_IDENTITY_USER,
              "serviceAccount:"
                  + pool
                  + "["
                  + namespace
                  + "/"
                  + Names.WORKLOAD_SERVICE_ACCOUNT
                  + "]"));
      cloud
          .roles()
          .forEach(r -> out.add(new Grant(project, r, "serviceAccount:" + cloud.serviceAccount())));
    }
    return out;
  }
}
