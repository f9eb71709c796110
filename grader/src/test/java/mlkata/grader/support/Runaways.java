package mlkata.grader.support;

import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Learner code that never returns: recognising a check that ran out of time, and stopping the thread
 * it left spinning. On two cores a few such threads would slow every later check, and Java 17 can
 * still stop a thread, so the grader does.
 */
public final class Runaways {
  /** JUnit runs each check with a preemptive timeout in a thread of this name. */
  private static final String TIMEOUT_THREAD = "junit-timeout-thread";

  private Runaways() {}

  /** True when {@code failure}, or one of its causes, says a check ran out of time. */
  public static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")
          || (t.getMessage() != null && t.getMessage().contains("timed out after"))) {
        return true;
      }
    }
    return false;
  }

  /** Stops the threads of checks that ran out of time. */
  public static void stopTimedOutChecks() {
    stop(thread -> thread.getName().startsWith(TIMEOUT_THREAD));
  }

  /** Interrupts, then stops, every live thread other than the caller that {@code which} selects. */
  @SuppressWarnings({"deprecation", "removal"})
  public static void stop(Predicate<Thread> which) {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread == Thread.currentThread() || !thread.isAlive() || !which.test(thread)) {
        continue;
      }
      thread.interrupt();
      try {
        thread.stop();
      } catch (UnsupportedOperationException | SecurityException ignored) {
        // Newer JDKs refuse; these threads are daemons and end with the JVM.
      }
    }
  }
}
