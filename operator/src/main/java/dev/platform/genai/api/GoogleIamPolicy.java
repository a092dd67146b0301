package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One Google Cloud allow policy the operator writes to (a Google project's, or a service
 * account's), and its record of what it applied there. Operator-owned and cluster-scoped: created
 * by the first project naming the Google resource, written only by the operator's policy controller
 * (the single writer of that policy), deleted by it once no project names the resource and no
 * member of its own is left. The spec is the record (kept by backups that drop status: which
 * members the operator added, for which projects, which were there before it); the status is what
 * the last reconcile observed. Both are written by the one writer, in one update (no status
 * subresource: nobody else writes either half, and it saves a write per reconcile). No owner
 * references: the garbage collector must not take the record with a project before its members are
 * removed from Google.
 */
@Group(GenAIProject.GROUP)
@Version(GenAIProject.VERSION)
@ShortNames("gip")
@Plural("googleiampolicies")
@Singular("googleiampolicy")
@AdditionalPrinterColumn(
    name = "Resource",
    jsonPath = ".spec.resource",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Granted",
    jsonPath = ".status.granted",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Refused",
    jsonPath = ".status.refused",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Projects",
    jsonPath = ".status.projects",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@JsonClassDescription(
    "The operator's record of one Google Cloud allow policy it writes to (a Google project or service "
        + "account): the members it added for which projects, granted or refused. Written by the operator only;"
        + " its finalizer removes the members from Google before it goes.")
public class GoogleIamPolicy extends CustomResource<GoogleIamPolicySpec, GoogleIamPolicyStatus> {
  public static final String KIND = "GoogleIamPolicy";

  /**
   * The policy object's own finalizer: Google members of the operator go before the object does.
   */
  public static final String FINALIZER = "googleiampolicies.genai.platform.dev/finalizer";

  /**
   * On a GenAIProject being deleted, or on this object being deleted: stop waiting for Google to
   * accept the removal of the operator's members (a 403 that nobody can fix), leave them in
   * Google's policy, and let go. The members stay in the record, marked abandoned, until they are
   * found gone from Google's policy.
   */
  public static final String ABANDON_ANNOTATION = "genai.platform.dev/abandon-google-members";

  @Override
  protected GoogleIamPolicyStatus initStatus() {
    return null;
  }

  @Override
  @com.fasterxml.jackson.annotation.JsonPropertyDescription(
      "The operator's record for this Google allow policy" + " (written by the operator only).")
  public GoogleIamPolicySpec getSpec() {
    return super.getSpec();
  }

  @Override
  @com.fasterxml.jackson.annotation.JsonPropertyDescription(
      "What the last reconcile observed and did (written by the" + " operator only).")
  public GoogleIamPolicyStatus getStatus() {
    return super.getStatus();
  }
}
