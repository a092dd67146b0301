package dev.platform.genai.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build step after the CRD generator: puts printer columns in the order the classes declare them
 * (the generator sorts them by JSON path, which would make Age the first column of {@code kubectl
 * get gp}), and turns a field's rule {@code self in ['A', 'B']} into a schema {@code enum}, so
 * {@code kubectl explain} shows the allowed values and the API server answers as it does for any
 * enum ({@code Unsupported value: "C": supported values: "A", "B"}), and gives each kind the
 * top-level description {@code kubectl explain} shows (from its {@code @JsonClassDescription}).
 */
public final class CrdFinisher {
  private CrdFinisher() {}

  static final List<Class<? extends HasMetadata>> KINDS =
      List.of(
          GenAIProject.class,
          GenAIPlatformPolicy.class,
          GenAIProjectApproval.class,
          GoogleIamPolicy.class,
          GenAIProjectRecord.class);

  /** A rule that only lists the allowed values of a string. */
  static final Pattern ONE_OF = Pattern.compile("^self in \\[('[^']*'(, )?)+\\]$");

  /** Every {@code self in [...]} rule in the schema becomes the property's enum. */
  static void enums(JSONSchemaProps schema) {
    if (schema == null) {
      return;
    }
    List<ValidationRule> rules = schema.getXKubernetesValidations();
    if (rules != null && "string".equals(schema.getType())) {
      for (ValidationRule r : List.copyOf(rules)) {
        if (ONE_OF.matcher(r.getRule()).matches()) {
          Matcher m = Pattern.compile("'([^']*)'").matcher(r.getRule());
          List<JsonNode> values = new ArrayList<>();
          while (m.find()) {
            values.add(TextNode.valueOf(m.group(1)));
          }
          schema.setEnum(values);
          rules.remove(r);
        }
      }
      if (rules.isEmpty()) {
        schema.setXKubernetesValidations(null);
      }
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(CrdFinisher::enums);
    }
    if (schema.getItems() != null) {
      enums(schema.getItems().getSchema());
    }
    if (schema.getAdditionalProperties() != null) {
      enums(schema.getAdditionalProperties().getSchema());
    }
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    KubernetesSerialization yaml = new KubernetesSerialization();
    for (Class<? extends HasMetadata> kind : KINDS) {
      Path file = dir.resolve(HasMetadata.getFullResourceName(kind) + "-v1.yml");
      String text = Files.readString(file);
      String header = text.startsWith("#") ? text.substring(0, text.indexOf('\n') + 1) : "";
      CustomResourceDefinition crd = yaml.unmarshal(text, CustomResourceDefinition.class);
      List<String> order =
          Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
              .map(AdditionalPrinterColumn::name)
              .toList();
      crd.getSpec()
          .getVersions()
          .forEach(
              v -> {
                List<CustomResourceColumnDefinition> cols =
                    new ArrayList<>(v.getAdditionalPrinterColumns());
                cols.sort(Comparator.comparingInt(c -> order.indexOf(c.getName())));
                v.setAdditionalPrinterColumns(cols);
                enums(v.getSchema().getOpenAPIV3Schema());
                JSONSchemaProps status =
                    v.getSchema().getOpenAPIV3Schema().getProperties().get("status");
                if (status != null
                    && (status.getProperties() == null || status.getProperties().isEmpty())) {
                  // a kind without a status (Void): say so rather than leave an undescribed field
                  status.setDescription(
                      "Not used: this kind has no status; the operator writes nothing here.");
                }
                // the generator writes no top-level description (kubectl explain gp: "DESCRIPTION:
                // <empty>"); the kind's
                // own @JsonClassDescription is it
                com.fasterxml.jackson.annotation.JsonClassDescription d =
                    kind.getAnnotation(com.fasterxml.jackson.annotation.JsonClassDescription.class);
                if (d == null) {
                  throw new IllegalStateException(
                      kind.getSimpleName()
                          + " needs @JsonClassDescription: kubectl explain"
                          + " shows it as the kind's description");
                }
                v.getSchema().getOpenAPIV3Schema().setDescription(d.value());
                if (kind == GoogleIamPolicy.class) {
                  // written whole by its one writer: the record and what was observed in one
                  // update, not two
                  v.setSubresources(null);
                }
              });
      Files.writeString(file, header + yaml.asYaml(crd));
    }
  }
}
