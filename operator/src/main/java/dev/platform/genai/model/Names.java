package dev.platform.genai.model;

/** Every name, label and annotation the operator writes, in one place for code, tests and docs. */
public final class Names {
  private Names() {}

  public static final String OPERATOR = "genai-operator";
  public static final String LABEL_PREFIX = "genai.platform.dev/";

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String PROJECT = LABEL_PREFIX + "project";
  public static final String STAGE = LABEL_PREFIX + "stage";
  public static final String CLASSIFICATION = LABEL_PREFIX + "classification";
  public static final String COST_CENTER = LABEL_PREFIX + "cost-center";

  /**
   * Namespace annotation: the regions its pods must be pinned to, comma-separated (the residency
   * admission policy reads it); empty or absent: no residency.
   */
  public static final String RESIDENCY_REGIONS = LABEL_PREFIX + "residency-regions";

  /** Selects what this operator manages; every informer of ours is filtered by it. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

  public static final String PSA_ENFORCE = "pod-security.kubernetes.io/enforce";
  public static final String PSA_AUDIT = "pod-security.kubernetes.io/audit";
  public static final String PSA_WARN = "pod-security.kubernetes.io/warn";

  /** Set by the API server on every namespace; what NetworkPolicies select namespaces by. */
  public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  public static final String WORKLOAD_SERVICE_ACCOUNT = "workload";

  /** The Role (and RoleBinding) reading a project's Events in its namespace, for its sponsor. */
  public static final String PROJECT_EVENTS = "genai-project-events";

  public static final String QUOTA = "genai-quota";
  public static final String LIMIT_RANGE = "genai-limits";
  public static final String ISOLATION_POLICY = "genai-isolation";
  public static final String EGRESS_POLICY = "genai-egress";
  public static final String BUDGET_RULE = "genai-budget";

  /**
   * The ClusterRole that reads one GenAIProject, and the ClusterRoleBinding that grants it to the
   * project's readers: the prefix keeps them apart from every other role in the cluster.
   */
  public static String projectReader(String project) {
    return "genai-project:" + project;
  }

  public static String namespace(String prefix, String project) {
    return prefix + project;
  }
}
