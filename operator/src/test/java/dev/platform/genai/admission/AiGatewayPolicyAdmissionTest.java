package dev.platform.genai.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.genai.TestFiles;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The platform policy's gateway settings as the CRD's rules judge them (the same rules the API
 * server runs): what an admin mistypes is refused with what to fix.
 */
class AiGatewayPolicyAdmissionTest {
  static List<String> violations(Consumer<ObjectNode> edit) throws Exception {
    ObjectNode doc =
        (ObjectNode) TestFiles.yaml(TestFiles.samples().resolve("platform-policy.yaml"));
    edit.accept((ObjectNode) doc.path("spec").path("aiGateway"));
    return AdmissionRules.forKind("GenAIPlatformPolicy").orElseThrow().validate(doc).stream()
        .map(Violation::toString)
        .toList();
  }

  @Test
  void theSampleAndAUsageQueryWithItsPlaceholdersAreAdmitted() throws Exception {
    assertThat(violations(g -> {})).isEmpty();
    assertThat(
            violations(
                g ->
                    g.put(
                        "usageQuery",
                        "sum(increase(gen_ai_client_token_usage_token_sum{"
                            + "genai_caller=\"{caller}\",gen_ai_request_model=\"{model}\",gen_ai_token_type=\"{type}\"}[{range}]))")))
        .isEmpty();
  }

  @Test
  void aUsageQueryThatCannotTellCallersTypesOrRangesApartIsRefused() throws Exception {
    assertThat(
            violations(
                g ->
                    g.put(
                        "usageQuery",
                        "sum(increase(gen_ai_client_token_usage_sum{"
                            + "gen_ai_token_type=\"{type}\"}[{range}]))")))
        .singleElement()
        .asString()
        .contains("spec.aiGateway.usageQuery", "must contain {caller}, {type} and {range}");
  }

  @Test
  void bothKeySourcesOrAHostnameWithoutTheProjectAreRefused() throws Exception {
    assertThat(violations(g -> g.put("jwks", "{\"keys\":[]}")))
        .singleElement()
        .asString()
        .contains("set exactly one of jwksUri and jwks");
    assertThat(violations(g -> g.put("hostnameTemplate", "models.example.com")))
        .singleElement()
        .asString()
        .contains("hostnameTemplate must contain {project}");
  }
}
