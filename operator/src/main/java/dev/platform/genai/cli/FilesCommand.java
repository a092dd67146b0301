package dev.platform.genai.cli;

import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Mixin;

/**
 * A subcommand that reads files under a policy ({@code --policy FILE} and the files or folders
 * given).
 */
abstract class FilesCommand extends Subcommand {
  @Mixin PolicyOption policyOption;

  @Mixin InputFiles inputs;

  @Override
  public final Integer call() {
    PrintWriter err = err();
    Optional<PolicyOption.Read> read = policyOption.read(inputs, err);
    return read.isEmpty() ? 2 : run(read.get(), out(), err);
  }

  /** The command on the policy and files read; its exit code. */
  abstract int run(PolicyOption.Read read, PrintWriter out, PrintWriter err);
}
