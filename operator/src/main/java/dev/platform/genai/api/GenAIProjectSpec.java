package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The five questions a CTO must answer before any pilot, as one resource. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "displayName",
  "stage",
  "expiresAt",
  "sponsor",
  "adoptionOwner",
  "kpis",
  "budget",
  "dataClassification",
  "compliance",
  "team",
  "resources",
  "models",
  "gcp"
})
@ValidationRule(
    value =
        "!has(self.dataClassification) || self.dataClassification in ['Public', 'Internal'] || (has(self.compliance)"
            + " && has(self.compliance.owner) && has(self.compliance.dpiaRef))",
    message =
        "Confidential and Restricted data need compliance.owner (who signs off) and compliance.dpiaRef"
            + " (the data protection impact assessment)",
    fieldPath = ".compliance")
@ValidationRule(
    value = "!has(self.stage) || self.stage != 'Pilot' || has(self.expiresAt)",
    message =
        "a Pilot needs expiresAt, the date its environment ends (promote it to Production to keep it)",
    fieldPath = ".expiresAt")
public class GenAIProjectSpec {

  @JsonPropertyDescription(
      "Human-readable name of the project, shown to sponsors and on dashboards.")
  @Size(max = 128)
  public String displayName;

  @JsonPropertyDescription(
      "Lifecycle stage: Pilot or Production. A Pilot needs expiresAt. Setting Production asks"
          + " for a promotion: the project runs as a Pilot until the evidence is in (status.promotion); while held, going"
          + " back to Pilot withdraws it. A promoted project stays Production.")
  @Required
  @Size(max = 16)
  @ValidationRule(
      value = "self in ['Pilot', 'Production']",
      message = "stage must be Pilot or Production")
  public String stage;

  @JsonPropertyDescription(
      "When a Pilot's environment ends (RFC 3339, e.g. 2027-03-31T00:00:00Z). Required for"
          + " a Pilot; after it, GPU quota and model endpoints are scaled to zero until it is extended or promoted.")
  @Size(max = 64)
  @ValidationRule(
      value =
          "self.matches('^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$')",
      message = "expiresAt must be an RFC 3339 date-time such as 2027-03-31T00:00:00Z")
  public String expiresAt;

  @JsonPropertyDescription(
      "The business sponsor who pays for the project and answers for its value.")
  @Required
  public Sponsor sponsor;

  @JsonPropertyDescription(
      "The person who owns adoption in the business: who makes the users actually use it.")
  @Required
  public Person adoptionOwner;

  @JsonPropertyDescription(
      "The KPIs that justify the budget (at least one). A KPI with a PromQL query is tracked"
          + " in status.")
  @Required
  @Size(min = 1, max = 10)
  @ValidationRule(
      value = "self.all(k, !has(k.name) || self.exists_one(o, has(o.name) && o.name == k.name))",
      message = "KPI names must be unique")
  public List<Kpi> kpis;

  @JsonPropertyDescription(
      "The most the project may spend per month, and what happens as it gets there.")
  @Required
  public Budget budget;

  @JsonPropertyDescription(
      "The most sensitive data the project handles: Public, Internal, Confidential or"
          + " Restricted. Confidential and Restricted need compliance.owner and compliance.dpiaRef. It may be raised"
          + " but never lowered.")
  @Required
  @Size(max = 16)
  @ValidationRule(
      value = "self in ['Public', 'Internal', 'Confidential', 'Restricted']",
      message = "dataClassification must be Public, Internal, Confidential or Restricted")
  @ValidationRule(
      value =
          "!(oldSelf in ['Public', 'Internal', 'Confidential', 'Restricted'])"
              + " || !(self in ['Public', 'Internal', 'Confidential', 'Restricted'])"
              + " || {'Public': 0, 'Internal': 1, 'Confidential': 2, 'Restricted': 3}[self]"
              + " >= {'Public': 0, 'Internal': 1, 'Confidential': 2, 'Restricted': 3}[oldSelf]",
      messageExpression =
          "'dataClassification may not be lowered once set (from ' + oldSelf + ' to ' + self + ')'",
      message = "dataClassification may not be lowered once set")
  public String dataClassification;

  @JsonPropertyDescription("Who signs off compliance and data governance.")
  public Compliance compliance;

  @JsonPropertyDescription(
      "Who gets access to the project namespace: owners (admin), members (edit), viewers"
          + " (view).")
  @Required
  public Team team;

  @JsonPropertyDescription(
      "Compute the project may use; capped by the cluster's GenAIPlatformPolicy.")
  public Resources resources;

  @JsonPropertyDescription(
      "Model endpoints the project needs; which kinds a classification may use is cluster"
          + " policy.")
  @Size(max = 10)
  @ValidationRule(
      value = "self.all(m, !has(m.name) || self.exists_one(o, has(o.name) && o.name == m.name))",
      message = "model names must be unique")
  public List<ModelEndpoint> models;

  @JsonPropertyDescription(
      "Google Cloud access for the project's workload ServiceAccount (Workload Identity).")
  public GcpAccess gcp;

  @JsonPropertyDescription(
      "Where the project's data may be processed, narrowing the policy's residency for its"
          + " classification.")
  public ProjectResidency residency;

  @JsonPropertyDescription(
      "Less idle reclaim than the policy's: a longer window, up to its longestWindow.")
  public IdleReclaimRequest idleReclaim;
}
