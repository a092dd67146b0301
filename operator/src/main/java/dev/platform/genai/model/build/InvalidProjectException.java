package dev.platform.genai.model.build;

import java.util.List;

/** The project cannot be turned into a model; each problem names the field and what to fix. */
public class InvalidProjectException extends RuntimeException {
  private final List<String> problems;

  public InvalidProjectException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
