package dev.platform.genai.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where {@code operator/control-plane/build.sh} put the control plane's binaries. The script is the
 * one place that names the directory ({@code build.sh --dir}); this only asks it, and checks that
 * every binary is there.
 */
public record Binaries(Path dir) {
  public static final String SCRIPT = "operator/control-plane/build.sh";
  static final List<String> NAMES =
      List.of(
          "etcd",
          "kube-apiserver",
          "kube-controller-manager",
          "kubectl",
          "kueue",
          "kueue-config/webhook/manifests.yaml");

  /**
   * The binaries for the versions the checkout (at or above {@code repoRoot}) pins, or empty with
   * the reason when they are not built. {@code GENAI_CONTROL_PLANE_BIN} names another directory
   * (e.g. binaries built elsewhere).
   */
  public static Result locate(Path repoRoot) {
    String given = System.getenv("GENAI_CONTROL_PLANE_BIN");
    Path dir;
    if (given != null && !given.isBlank()) {
      dir = Path.of(given);
    } else {
      Path root = repoRoot.toAbsolutePath();
      while (root != null && !Files.isRegularFile(root.resolve(SCRIPT))) {
        root = root.getParent(); // from a module's folder too
      }
      if (root == null) {
        return Result.missing(
            "no "
                + SCRIPT
                + " in "
                + repoRoot.toAbsolutePath()
                + " or above it: run from the"
                + " repository");
      }
      Path script = root.resolve(SCRIPT);
      try {
        Process p =
            new ProcessBuilder("bash", script.toString(), "--dir")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
          return Result.missing(SCRIPT + " --dir failed: " + out);
        }
        dir = Path.of(out.lines().reduce((a, b) -> b).orElse(""));
      } catch (IOException e) {
        return Result.missing("cannot run " + SCRIPT + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Result.missing("interrupted");
      }
    }
    List<String> missing = NAMES.stream().filter(n -> !Files.exists(dir.resolve(n))).toList();
    if (!missing.isEmpty()) {
      return Result.missing(
          "the control plane is not built ("
              + String.join(", ", missing)
              + " missing in "
              + dir
              + "): run "
              + SCRIPT);
    }
    return new Result(Optional.of(new Binaries(dir)), "");
  }

  /** The binaries, or why there are none. */
  public record Result(Optional<Binaries> binaries, String why) {
    static Result missing(String why) {
      return new Result(Optional.empty(), why);
    }
  }

  public Path etcd() {
    return dir.resolve("etcd");
  }

  public Path kubeApiServer() {
    return dir.resolve("kube-apiserver");
  }

  public Path kubeControllerManager() {
    return dir.resolve("kube-controller-manager");
  }

  public Path kubectl() {
    return dir.resolve("kubectl");
  }

  public Path kueue() {
    return dir.resolve("kueue");
  }

  /**
   * Kueue's CRDs ({@code crd/}) and webhook configurations ({@code webhook/}) of the release its
   * manager is.
   */
  public Path kueueConfig() {
    return dir.resolve("kueue-config");
  }
}
