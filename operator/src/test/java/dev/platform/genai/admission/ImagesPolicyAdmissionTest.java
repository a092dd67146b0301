package dev.platform.genai.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.TestFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The platform policy's image registries as the CRD's rules judge them: a prefix must end in / so
 * that a look-alike host or repository cannot match it (europe-docker.pkg.dev/acme would admit
 * europe-docker.pkg.dev/acme-evil/...).
 */
class ImagesPolicyAdmissionTest {
  static List<String> violations(String... registries) throws Exception {
    ObjectNode doc =
        (ObjectNode) TestFiles.yaml(TestFiles.samples().resolve("platform-policy.yaml"));
    ObjectNode restricted =
        ((ObjectNode) doc.path("spec")).putObject("images").putObject("restricted");
    ArrayNode list = restricted.putArray("registries");
    for (String r : registries) {
      list.add(r);
    }
    restricted.put("requireDigest", true);
    return AdmissionRules.forKind("GenAIPlatformPolicy").orElseThrow().validate(doc).stream()
        .map(Violation::toString)
        .toList();
  }

  @Test
  void registriesEndingInASlashAreAdmitted() throws Exception {
    assertThat(violations("europe-docker.pkg.dev/acme-genai/", "registry.local:5000/")).isEmpty();
  }

  @Test
  void aPrefixALookAlikeCouldMatchIsRefusedWithWhatToWrite() throws Exception {
    assertThat(violations("europe-docker.pkg.dev/acme"))
        .singleElement()
        .asString()
        .contains("spec.images.restricted.registries")
        .contains("ending in /, such as europe-docker.pkg.dev/acme-genai/");
    assertThat(violations())
        .singleElement()
        .asString()
        .contains("spec.images.restricted.registries");
  }
}
