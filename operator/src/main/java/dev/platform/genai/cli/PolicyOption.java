package dev.platform.genai.cli;

import dev.platform.genai.policy.PlatformPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --policy FILE}: the GenAIPlatformPolicy a command works under (a picocli mixin). */
final class PolicyOption {
  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "A GenAIPlatformPolicy file to work under (default: the built-in defaults).")
  Path file;

  PlatformPolicy load() throws PolicyFile.PolicyFileException {
    return PolicyFile.load(file);
  }

  /** The policy and the files a command reads under it. */
  record Read(PlatformPolicy policy, List<Path> files) {}

  /**
   * The policy and the input files, or empty after saying why on {@code err} (a usage error: exit
   * 2).
   */
  Optional<Read> read(InputFiles inputs, PrintWriter err) {
    try {
      return Optional.of(new Read(load(), inputs.expand()));
    } catch (PolicyFile.PolicyFileException e) {
      err.println(e.getMessage());
    } catch (IOException e) {
      err.println("cannot read " + e.getMessage());
    }
    return Optional.empty();
  }
}
