package dev.platform.genai.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar genai-operator.jar <command>}. */
@Command(
    name = "genai-operator",
    mixinStandardHelpOptions = true,
    version = "genai-operator 0.1.0",
    description = "Turns GenAIProject requests into governed, cost-capped environments.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      RenderCommand.class,
      DigestCommand.class,
      ReportCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command and returns its exit code (what tests call). */
  public static int execute(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  /** Runs a command with its output captured. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
