package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A user, group or service account, as in a RoleBinding. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.kind) || self.kind != 'ServiceAccount' || has(self.__namespace__)",
    message = "a ServiceAccount subject needs the namespace it lives in",
    fieldPath = ".namespace")
@ValidationRule(
    value = "!has(self.kind) || self.kind == 'ServiceAccount' || !has(self.__namespace__)",
    message = "only a ServiceAccount subject has a namespace; users and groups are cluster-wide",
    fieldPath = ".namespace")
public class TeamSubject {
  @JsonPropertyDescription("User, Group or ServiceAccount.")
  @Required
  @Size(max = 16)
  @ValidationRule(
      value = "self in ['User', 'Group', 'ServiceAccount']",
      message = "kind must be User, Group or ServiceAccount")
  public String kind;

  @JsonPropertyDescription(
      "Name of the user (as the cluster authenticates it, often an email), group or service"
          + " account.")
  @Required
  @Size(min = 1, max = 253)
  @ValidationRule(
      value = "!self.startsWith('system:')",
      message = "system: users and groups are the cluster's own and cannot be given project access")
  public String name;

  @JsonPropertyDescription("Namespace of a ServiceAccount subject.")
  @Size(max = 63)
  @ValidationRule(value = Formats.DNS_LABEL_RULE, message = "namespace must be a DNS label")
  public String namespace;

  public TeamSubject() {}

  public TeamSubject(String kind, String name, String namespace) {
    this.kind = kind;
    this.name = name;
    this.namespace = namespace;
  }
}
