package dev.platform.genai.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * What platform engineers decide once for the whole cluster. Only the one named {@value #DEFAULT_NAME} is read;
 * without it, built-in defaults apply.
 */
@Group(GenAIProject.GROUP)
@Version(GenAIProject.VERSION)
@ShortNames("gpp")
@Plural("genaiplatformpolicies")
@Singular("genaiplatformpolicy")
@AdditionalPrinterColumn(name = "Prefix", jsonPath = ".spec.namespacePrefix",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class GenAIPlatformPolicy extends CustomResource<GenAIPlatformPolicySpec, Void> implements StoredDocument {
  public static final String DEFAULT_NAME = "default";

  @com.fasterxml.jackson.annotation.JsonIgnore
  private transient volatile com.fasterxml.jackson.databind.JsonNode source;

  @Override
  public void source(com.fasterxml.jackson.databind.JsonNode document) {
    this.source = document;
  }

  @Override
  public com.fasterxml.jackson.databind.JsonNode source() {
    return source;
  }
}
