package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * What platform engineers decide once for the whole cluster. Only the one named {@value
 * #DEFAULT_NAME} is read; without it, built-in defaults apply.
 */
@Group(GenAIProject.GROUP)
@Version(GenAIProject.VERSION)
@ShortNames("gpp")
@Plural("genaiplatformpolicies")
@Singular("genaiplatformpolicy")
@AdditionalPrinterColumn(
    name = "Prefix",
    jsonPath = ".spec.namespacePrefix",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Currency",
    jsonPath = ".spec.finops.currency",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Pilot GPUs",
    jsonPath = ".spec.caps.pilot.gpus",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Production GPUs",
    jsonPath = ".spec.caps.production.gpus",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@JsonClassDescription(
    "The cluster's guardrails, set once by the platform team (only the one named default is read): "
        + "namespace prefix, GPU and CPU/memory caps per stage, Pod Security level per classification, prices, "
        + "egress CIDRs, data residency, and which models and cloud roles each classification may use. Without "
        + "it the built-in defaults apply, and every project says so in its condition PolicyInForce.")
public class GenAIPlatformPolicy extends StoredDocumentResource<GenAIPlatformPolicySpec, Void> {
  public static final String DEFAULT_NAME = "default";

  @Override
  @com.fasterxml.jackson.annotation.JsonPropertyDescription(
      "The cluster's guardrails; absent fields take the" + " built-in defaults.")
  public GenAIPlatformPolicySpec getSpec() {
    return super.getSpec();
  }
}
