package mlkata.cli;

import java.time.Duration;

/** The ranges the command accepts for its numeric options; anything outside is a usage error (exit 2). */
final class Limits {
  /** Shortest time limit of a check: under 0.1 s even the JVM's first call of a method may not finish. */
  static final double MIN_TIMEOUT_SECONDS = 0.1;
  /** Longest time limit of a check: an hour is already far beyond any kata's reference (milliseconds). */
  static final double MAX_TIMEOUT_SECONDS = 3600;
  /** A drill of at least a minute (the countdown counts in minutes). */
  static final int MIN_DRILL_MINUTES = 1;
  /** A drill of at most eight hours, a working day. */
  static final int MAX_DRILL_MINUTES = 480;

  private Limits() {}

  /** The time limit of each check, from {@code --timeout SECONDS}; NaN, infinities and the out-of-range are refused. */
  static Duration timeout(double seconds) {
    if (!(seconds >= MIN_TIMEOUT_SECONDS && seconds <= MAX_TIMEOUT_SECONDS)) {
      throw new UserError("--timeout " + shown(seconds) + " is out of range: give the time limit of each check in seconds, from "
          + shown(MIN_TIMEOUT_SECONDS) + " to " + shown(MAX_TIMEOUT_SECONDS) + " (default 10)");
    }
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  /** The length of a drill, from {@code --minutes}. */
  static int drillMinutes(int minutes) {
    if (minutes < MIN_DRILL_MINUTES || minutes > MAX_DRILL_MINUTES) {
      throw new UserError("--minutes " + minutes + " is out of range: a drill lasts from " + MIN_DRILL_MINUTES + " to "
          + MAX_DRILL_MINUTES + " minutes (default 30)");
    }
    return minutes;
  }

  private static String shown(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d);
  }
}
