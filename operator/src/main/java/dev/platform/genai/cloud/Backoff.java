package dev.platform.genai.cloud;

import java.util.concurrent.ThreadLocalRandom;

/** Waits between attempts after a concurrent policy change; tests inject one that does not sleep. */
@FunctionalInterface
public interface Backoff {
  void pause(int attempt) throws InterruptedException;

  /** 100 ms, 200 ms, 400 ms, ... with jitter, at most 3 s. */
  Backoff EXPONENTIAL = attempt -> Thread.sleep(Math.min(3000L, 100L << Math.min(attempt, 5))
      + ThreadLocalRandom.current().nextLong(50));
}
