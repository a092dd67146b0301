package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * Who may use the project namespace. Each list becomes one RoleBinding to a built-in ClusterRole.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Team {
  @JsonPropertyDescription(
      "Subjects bound to the built-in ClusterRole admin in the project namespace (at least"
          + " one).")
  @Required
  @Size(min = 1, max = 50)
  public List<TeamSubject> owners;

  @JsonPropertyDescription(
      "Subjects bound to the built-in ClusterRole edit in the project namespace.")
  @Size(max = 50)
  public List<TeamSubject> members;

  @JsonPropertyDescription(
      "Subjects bound to the built-in ClusterRole view in the project namespace.")
  @Size(max = 50)
  public List<TeamSubject> viewers;
}
