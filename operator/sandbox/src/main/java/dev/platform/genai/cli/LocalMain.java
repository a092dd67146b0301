package dev.platform.genai.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * {@code java -jar genai-local.jar}: the operator against an in-process sandbox API server. Its own
 * artifact, so the operator image carries no mock API server and no fakes.
 */
public final class LocalMain {
  private LocalMain() {}

  public static void main(String[] args) {
    System.exit(
        execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs {@code local} with its output captured (what tests call). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new LocalCommand()).setCommandName("genai-local");
    cl.setOut(out);
    cl.setErr(err);
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
