package dev.platform.genai.cli;

import dev.platform.genai.admission.AdmissionRules;
import dev.platform.genai.api.GenAIPlatformPolicy;
import dev.platform.genai.policy.PlatformPolicy;
import dev.platform.genai.policy.PolicyResolver;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The policy a command checks against: a GenAIPlatformPolicy file, or the built-in defaults. */
final class PolicyFile {
  private PolicyFile() {}

  static final class PolicyFileException extends Exception {
    PolicyFileException(String message) {
      super(message);
    }
  }

  static PlatformPolicy load(Path file) throws PolicyFileException {
    if (file == null) {
      return PlatformPolicy.DEFAULTS;
    }
    List<YamlDocuments.Document> docs;
    try {
      docs = YamlDocuments.read(file);
    } catch (IOException e) {
      throw new PolicyFileException(file + ": cannot read the policy: " + e.getMessage());
    } catch (YamlDocuments.MalformedYamlException e) {
      throw new PolicyFileException(file + ":" + e.line() + ": " + e.getMessage());
    }
    var policyDocs = docs.stream().filter(d -> "GenAIPlatformPolicy".equals(d.kind())).toList();
    if (policyDocs.size() != 1) {
      throw new PolicyFileException(
          file + ": expected exactly one GenAIPlatformPolicy, found " + policyDocs.size());
    }
    var doc = policyDocs.get(0);
    List<String> problems = new ArrayList<>();
    AdmissionRules.policy()
        .validate(doc.tree())
        .forEach(v -> problems.add(file + ":" + doc.lineOf(v.path()) + ": " + v));
    if (problems.isEmpty()) {
      var resource =
          new KubernetesSerialization().convertValue(doc.tree(), GenAIPlatformPolicy.class);
      var resolution = PolicyResolver.resolve(resource);
      resolution.problems().forEach(p -> problems.add(file + ":" + doc.line() + ": " + p));
      if (problems.isEmpty()) {
        return resolution.policy();
      }
    }
    throw new PolicyFileException(String.join("\n", problems));
  }
}
