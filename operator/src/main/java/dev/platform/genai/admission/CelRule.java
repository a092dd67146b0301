package dev.platform.genai.admission;

import dev.cel.common.CelAbstractSyntaxTree;
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
import java.util.regex.Pattern;

/**
 * One compiled {@code x-kubernetes-validations} entry. Only standard CEL is available (no
 * Kubernetes extension libraries), so a rule that uses one fails to compile here, loudly, before it
 * reaches a cluster.
 */
final class CelRule {
  private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  final String rule;
  final String message;
  final String fieldPath;
  final boolean transition;
  final boolean optionalOldSelf;
  private final CelRuntime.Program program;
  private final CelRuntime.Program messageProgram;

  CelRule(
      String rule,
      String message,
      String messageExpression,
      String fieldPath,
      boolean optionalOldSelf) {
    this.rule = rule;
    this.message = message;
    this.fieldPath = fieldPath == null ? "" : fieldPath;
    this.transition = OLD_SELF.matcher(rule).find();
    this.optionalOldSelf = optionalOldSelf;
    this.program = compile(rule);
    this.messageProgram =
        messageExpression == null || messageExpression.isBlank()
            ? null
            : compile(messageExpression);
  }

  private static CelRuntime.Program compile(String expression) {
    try {
      CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
      return RUNTIME.createProgram(ast);
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalArgumentException(
          "CRD rule does not compile as standard CEL: " + expression + ": " + e.getMessage(), e);
    }
  }

  /** Evaluates the rule; returns null when it holds, or the message to report. */
  String check(Object self, Object oldSelf) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("self", self);
    if (oldSelf != null) {
      vars.put("oldSelf", oldSelf);
    }
    Object result;
    try {
      result = program.eval(vars);
    } catch (CelEvaluationException e) {
      return "rule could not be evaluated (" + rule + "): " + e.getMessage();
    }
    if (Boolean.TRUE.equals(result)) {
      return null;
    }
    if (messageProgram != null) {
      try {
        Object text = messageProgram.eval(vars);
        if (text instanceof String s && !s.isBlank()) {
          return s;
        }
      } catch (CelEvaluationException e) {
        // Kubernetes falls back to the static message when messageExpression fails
      }
    }
    return message != null && !message.isBlank() ? message : "failed rule: " + rule;
  }
}
