package dev.platform.genai.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Build step after the CRD generator: puts printer columns in the order the classes declare them (the generator
 * sorts them by JSON path, which would make Age the first column of {@code kubectl get gp}).
 */
public final class CrdFinisher {
  private CrdFinisher() {}

  static final List<Class<? extends HasMetadata>> KINDS = List.of(GenAIProject.class, GenAIPlatformPolicy.class,
      GenAIProjectApproval.class);

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    KubernetesSerialization yaml = new KubernetesSerialization();
    for (Class<? extends HasMetadata> kind : KINDS) {
      Path file = dir.resolve(HasMetadata.getFullResourceName(kind) + "-v1.yml");
      String text = Files.readString(file);
      String header = text.startsWith("#") ? text.substring(0, text.indexOf('\n') + 1) : "";
      CustomResourceDefinition crd = yaml.unmarshal(text, CustomResourceDefinition.class);
      List<String> order = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
          .map(AdditionalPrinterColumn::name).toList();
      crd.getSpec().getVersions().forEach(v -> {
        List<CustomResourceColumnDefinition> cols = new ArrayList<>(v.getAdditionalPrinterColumns());
        cols.sort(Comparator.comparingInt(c -> order.indexOf(c.getName())));
        v.setAdditionalPrinterColumns(cols);
      });
      Files.writeString(file, header + yaml.asYaml(crd));
    }
  }
}
