package dev.platform.genai.api;

import java.util.List;

/**
 * Values that could not be read into the typed API (a string where a number belongs, a scalar where an object
 * belongs): kept with the resource as "path: message" so it gets a condition, instead of failing the informer.
 */
public interface ReadProblems {
  void readProblem(String path, String message);

  List<String> readProblems();

  /** Copies what could not be read onto a copy of the resource (JOSDK reconciles clones). */
  static <T> T carry(Object from, T to) {
    if (from instanceof ReadProblems f && to instanceof ReadProblems t && t.readProblems().isEmpty()) {
      for (String p : f.readProblems()) {
        int colon = p.indexOf(": ");
        t.readProblem(p.substring(0, colon), p.substring(colon + 2));
      }
    }
    return to;
  }
}
