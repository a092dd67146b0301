package dev.platform.genai.cli;

import dev.platform.genai.policy.PlatformPolicy;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --policy FILE}: the GenAIPlatformPolicy a command works under (a picocli mixin). */
final class PolicyOption {
  @Option(names = "--policy", paramLabel = "FILE",
      description = "A GenAIPlatformPolicy file to work under (default: the built-in defaults).")
  Path file;

  PlatformPolicy load() throws PolicyFile.PolicyFileException {
    return PolicyFile.load(file);
  }
}
