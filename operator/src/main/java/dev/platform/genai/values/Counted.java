package dev.platform.genai.values;

/** A count and its noun, as a sentence says it: "1 GPU", "2 GPUs", "0 GPUs". */
public final class Counted {
  private Counted() {}

  public static String of(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
