package dev.platform.genai.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Parameters;

/**
 * Files and folders given on the command line, expanded to the YAML files in them, in a stable
 * order; as a picocli mixin, the {@code PATH...} parameters of the commands that read them.
 */
final class InputFiles {
  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "YAML files or folders (multi-document YAML).")
  List<Path> paths;

  /** The YAML files the PATH parameters name. */
  List<Path> expand() throws IOException {
    return expand(paths);
  }

  static List<Path> expand(List<Path> paths) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile).filter(InputFiles::isYaml).sorted().forEach(out::add);
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new NoSuchFileException(p.toString(), null, "no such file or folder");
      }
    }
    return out;
  }

  private static boolean isYaml(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }
}
