package dev.platform.genai.model;

/**
 * One member in one role on one IAM resource: {@code projects/ID} (project policy) or {@code
 * projects/-/serviceAccounts/EMAIL} (a service account's own policy).
 */
public record Grant(String resource, String role, String member) implements Comparable<Grant> {
  public static String project(String projectId) {
    return "projects/" + projectId;
  }

  public static String serviceAccount(String email) {
    return "projects/-/serviceAccounts/" + email;
  }

  public boolean onServiceAccount() {
    return resource.contains("/serviceAccounts/");
  }

  @Override
  public int compareTo(Grant o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return resource + " " + role + " " + member;
  }
}
