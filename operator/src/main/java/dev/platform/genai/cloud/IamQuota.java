package dev.platform.genai.cloud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Google's IAM write quota is per calling project (600 setIamPolicy a minute): a 429 on any policy
 * pauses every write of the operator, with a pause that doubles while 429s go on (2 s to 2 min), so
 * a burst does not multiply the pressure. Nothing waits on a thread: a policy controller that finds
 * writes paused reschedules itself for when they resume.
 */
public final class IamQuota {
  static final Duration FIRST_PAUSE = Duration.ofSeconds(2);
  static final Duration LONGEST_PAUSE = Duration.ofMinutes(2);

  private final Clock clock;
  private Instant pausedUntil = Instant.MIN;
  private Duration pause = Duration.ZERO;

  public IamQuota(Clock clock) {
    this.clock = clock;
  }

  /** How long writes are still paused; zero when they may go. */
  public synchronized Duration remaining() {
    Duration left = Duration.between(clock.instant(), pausedUntil);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** A 429: every write waits; the failure to report, naming the pause. */
  synchronized CloudIamException exhausted(CloudIamException e) {
    pause =
        pause.isZero()
            ? FIRST_PAUSE
            : pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                ? LONGEST_PAUSE
                : pause.multipliedBy(2);
    pausedUntil = clock.instant().plus(pause);
    return new CloudIamException(
        CloudIamException.Kind.RATE_LIMITED,
        e.getMessage() + "; every IAM write of the" + " operator waits " + pause.toSeconds() + " s",
        e);
  }

  /** The failure of a write not attempted because writes are paused. */
  synchronized CloudIamException paused() {
    return new CloudIamException(
        CloudIamException.Kind.RATE_LIMITED,
        "Google's IAM write quota for the operator's"
            + " project is spent; every IAM write waits until "
            + pausedUntil
            + " (no call made)",
        null);
  }

  synchronized void resumed() {
    pause = Duration.ZERO;
  }
}
