package dev.platform.genai.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where {@code operator/control-plane/build.sh} put the control plane's binaries. In a checkout the
 * script names the directory ({@code build.sh --dir}); outside one, the jar knows the name it was
 * built for ({@link #RESOURCE}, held equal to the script's by a test). Either way every binary is
 * checked to be there.
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
   * The cache folder's name for the versions and recipe this build was made with, as {@code
   * build.sh --dir} names it (a test holds them equal): how the jar finds the binaries outside a
   * checkout.
   */
  public static final String RESOURCE = "control-plane.version";

  /**
   * The ends of the Kubernetes range the tests run ({@code GENAI_KUBERNETES}; oldest by default).
   */
  public static final String OLDEST = "oldest";

  public static final List<String> END = List.of(OLDEST, "newest");

  /** The binaries as {@link #locate(Path, Map)} finds them with this process's environment. */
  public static Result locate(Path start) {
    return locate(start, System.getenv());
  }

  /**
   * The binaries for the versions pinned, at the end of the supported range {@code
   * GENAI_KUBERNETES} names (oldest, the default, or newest): {@code GENAI_CONTROL_PLANE_BIN} when
   * set (binaries built elsewhere); else, in a checkout (at or above {@code start}), where its
   * {@code build.sh --dir} says; else, from any folder, the cache folder of the versions this jar
   * was built with ({@code GENAI_CONTROL_PLANE_CACHE}, default {@code
   * ~/.cache/genai-operator/control-plane}). Empty with what to do when they are not built.
   */
  public static Result locate(Path start, Map<String, String> env) {
    String end = env.getOrDefault("GENAI_KUBERNETES", OLDEST);
    if (!END.contains(end)) {
      return Result.missing("GENAI_KUBERNETES is oldest or newest, not " + end);
    }
    String given = env.get("GENAI_CONTROL_PLANE_BIN");
    if (given != null && !given.isBlank()) {
      return check(Path.of(given), "set GENAI_CONTROL_PLANE_BIN to the folder that has them");
    }
    Path root = start.toAbsolutePath();
    while (root != null && !Files.isRegularFile(root.resolve(SCRIPT))) {
      root = root.getParent(); // from a module's folder too
    }
    if (root != null) {
      return fromScript(root.resolve(SCRIPT), end);
    }
    String cache = env.get("GENAI_CONTROL_PLANE_CACHE");
    Path dir =
        (cache == null || cache.isBlank()
                ? Path.of(env.getOrDefault("HOME", System.getProperty("user.home")))
                    .resolve(".cache/genai-operator/control-plane")
                : Path.of(cache))
            .resolve(builtFor(end));
    return check(
        dir,
        "build them once from a checkout of the repository with "
            + SCRIPT
            + " "
            + end
            + " (needs Go; the Go module proxy serves every source), or set"
            + " GENAI_CONTROL_PLANE_BIN to a folder that has them");
  }

  /** The cache folder's name this jar was built for, at one end (oldest, newest). */
  public static String builtFor(String end) {
    try (var in = Binaries.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not in the jar: a broken build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> l.startsWith(end + "="))
          .map(l -> l.substring(end.length() + 1).trim())
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(RESOURCE + " names no " + end));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Result fromScript(Path script, String end) {
    Path dir;
    try {
      Process p =
          new ProcessBuilder("bash", script.toString(), "--dir", end)
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
    return check(dir, "run " + SCRIPT + " " + end);
  }

  private static Result check(Path dir, String toDo) {
    List<String> missing = NAMES.stream().filter(n -> !Files.exists(dir.resolve(n))).toList();
    if (!missing.isEmpty()) {
      return Result.missing(
          "the control plane is not built ("
              + String.join(", ", missing)
              + " missing in "
              + dir
              + "): "
              + toDo);
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
