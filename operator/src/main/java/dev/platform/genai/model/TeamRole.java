package dev.platform.genai.model;

/**
 * The three team roles, each one RoleBinding to a built-in ClusterRole. No other ClusterRole is
 * ever bound.
 */
public enum TeamRole {
  OWNERS("genai-owners", "admin"),
  MEMBERS("genai-members", "edit"),
  VIEWERS("genai-viewers", "view");

  private final String bindingName;
  private final String clusterRole;

  TeamRole(String bindingName, String clusterRole) {
    this.bindingName = bindingName;
    this.clusterRole = clusterRole;
  }

  public String bindingName() {
    return bindingName;
  }

  public String clusterRole() {
    return clusterRole;
  }

  /**
   * The project namespace's annotation listing this role's people ({@link
   * dev.platform.genai.model.ProjectModel.Subject#key()}, comma-separated): the chart's tenancy
   * admission policy admits a RoleBinding only to people declared at its role or above.
   */
  public String annotation() {
    return Names.LABEL_PREFIX + "team-" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
