package dev.platform.genai.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.NullValue;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * One ValidatingAdmissionPolicy expression (variables object, oldObject, request), compiled with
 * the same standard-CEL evaluator as the CRD rules: the chart's policies are checked here before
 * they reach a cluster.
 */
public final class AdmissionPolicyExpression {
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("object", SimpleType.DYN)
          .addVar("oldObject", SimpleType.DYN)
          .addVar("request", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final String expression;
  private final CelRuntime.Program program;

  public AdmissionPolicyExpression(String expression) {
    this.expression = expression;
    try {
      this.program = RUNTIME.createProgram(COMPILER.compile(expression).getAst());
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalArgumentException(
          "not standard CEL: " + expression + ": " + e.getMessage(), e);
    }
  }

  /** The value of the expression; oldObject null on CREATE, as Kubernetes passes it. */
  public Object evaluate(JsonNode object, JsonNode oldObject, JsonNode request) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("object", CelValues.of(object));
    vars.put("oldObject", oldObject == null ? NullValue.NULL_VALUE : CelValues.of(oldObject));
    vars.put("request", CelValues.of(request));
    try {
      return program.eval(vars);
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("cannot evaluate " + expression + ": " + e.getMessage(), e);
    }
  }
}
