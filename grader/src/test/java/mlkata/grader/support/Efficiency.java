package mlkata.grader.support;

import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Efficiency checks: the candidate must finish within a ratio of the reference solution's time on the
 * same input, in the same JVM. Never an absolute time: a slow machine slows both.
 *
 * <p>The reference runs twice and its faster run is the yardstick (the first run carries the JIT
 * warm-up, noise only ever slows a run down, and the ratio leaves a wide margin for an honest
 * O(n log n) answer). The candidate gets a warm-up run, which passes the check if it is already
 * within the ratio, and otherwise one measured run; a run still going after {@code ratio} times the
 * yardstick (the warm-up gets three times that) fails the check at once and is stopped.
 *
 * <p>Specs tag these checks {@code efficiency}; mutation testing leaves them out.
 */
public final class Efficiency {
  private Efficiency() {}

  /**
   * Fails unless {@code candidate} runs within {@code maxRatio} times {@code reference}.
   *
   * @param what the property, such as "AUC of 10^6 scores within 20x of the reference"
   */
  public static void assertWithinRatio(String what, Runnable reference, Runnable candidate, double maxRatio) {
    long best = Long.MAX_VALUE;
    for (int k = 0; k < 2; k++) { // the first run doubles as the warm-up: the faster one counts
      long start = System.nanoTime();
      reference.run();
      best = Math.min(best, System.nanoTime() - start);
    }
    long yardstick = Math.max(best, TimeUnit.MILLISECONDS.toNanos(1));
    long budget = (long) (maxRatio * yardstick);
    long warmUp = timed(what + " (warm-up run)", candidate, 3 * budget, yardstick, maxRatio);
    if (warmUp <= budget) {
      return; // even with its JIT warm-up the candidate is within the ratio
    }
    long took = timed(what, candidate, budget, yardstick, maxRatio);
    if (took > budget) {
      fail(message(what, took, yardstick, maxRatio));
    }
  }

  private static long timed(String what, Runnable candidate, long limitNanos, long yardstick, double maxRatio) {
    FutureTask<Long> task = new FutureTask<>(() -> {
      long start = System.nanoTime();
      candidate.run();
      return System.nanoTime() - start;
    });
    Thread runner = new Thread(task, "efficiency-check");
    runner.setDaemon(true);
    runner.start();
    try {
      return task.get(limitNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      Runaways.stop(thread -> thread == runner);
      fail(message(what, limitNanos, yardstick, maxRatio).replace("took ", "took more than "));
      return limitNanos;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Runaways.stop(thread -> thread == runner);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while timing " + what, e);
    }
  }

  private static String message(String what, long took, long yardstick, double maxRatio) {
    return String.format("%s: took %.0f ms, the reference solution %.1f ms on the same input "
            + "(allowed ratio %.0fx). Look for a loop inside a loop over the input.",
        what, took / 1e6, yardstick / 1e6, maxRatio);
  }

}
