package dev.platform.genai.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.genai.TestFiles;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * docs/argocd/genaiproject-health.lua, run by a Lua interpreter on the statuses the operator
 * writes.
 */
public class ArgoHealthCheckTest {
  public static String run(String objectJson) throws Exception {
    String script =
        Files.readString(TestFiles.repoRoot().resolve("docs/argocd/genaiproject-health.lua"));
    Globals g = JsePlatform.standardGlobals();
    g.set("obj", lua(TestFiles.YAML.readTree(objectJson)));
    LuaValue hs = g.load(script).call();
    return hs.get("status").tojstring() + "|" + hs.get("message").tojstring();
  }

  static LuaValue lua(JsonNode n) {
    if (n.isObject()) {
      LuaTable t = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        var e = it.next();
        t.set(e.getKey(), lua(e.getValue()));
      }
      return t;
    }
    if (n.isArray()) {
      LuaTable t = new LuaTable();
      for (int i = 0; i < n.size(); i++) {
        t.set(i + 1, lua(n.get(i)));
      }
      return t;
    }
    if (n.isNumber()) {
      return LuaValue.valueOf(n.asDouble());
    }
    if (n.isBoolean()) {
      return LuaValue.valueOf(n.asBoolean());
    }
    return n.isNull() ? LuaValue.NIL : LuaValue.valueOf(n.asText());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"metadata\":{\"generation\":1}}|Progressing|Waiting for the operator to report status",
        "{\"metadata\":{\"generation\":2},\"status\":{\"phase\":\"Ready\",\"observedGeneration\":1,\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"message\":\"ok\"}]}}|Progressing|Waiting for the operator to observe generation 2",
        "{\"metadata\":{\"generation\":1},\"status\":{\"phase\":\"Ready\",\"observedGeneration\":1,\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"message\":\"Every part of the environment is in place.\"}]}}|Healthy|Every part of the environment is in place.",
        "{\"metadata\":{\"generation\":3},\"status\":{\"phase\":\"Failed\",\"observedGeneration\":3,\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"InvalidSpec\",\"message\":\"Fix: spec.budget\"}]}}|Degraded|Fix: spec.budget",
        "{\"metadata\":{\"generation\":1},\"status\":{\"phase\":\"Provisioning\",\"observedGeneration\":1,\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"message\":\"Not ready: AccessReady.\"}]}}|Progressing|Not ready: AccessReady.",
        "{\"metadata\":{\"generation\":1},\"status\":{\"phase\":\"PendingApproval\",\"observedGeneration\":1,\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"message\":\"waiting for compliance\"}]}}|Suspended|PendingApproval: waiting for compliance"
      })
  void healthFollowsTheStatus(String object, String status, String message) throws Exception {
    assertThat(run(object)).isEqualTo(status + "|" + message);
  }
}
