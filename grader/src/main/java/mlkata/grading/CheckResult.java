package mlkata.grading;

/**
 * One check's outcome, as the grading JVM reported it.
 *
 * @param name the check's name, such as {@code hand-worked examples > the problem statement example}
 * @param layer where the check stands in the report: 0 hand-worked examples, 1 goldens, 2 invalid input,
 *     3 properties, 4 reference agreement, 5 speed (the grading JVM's {@code Layer})
 * @param status {@link #PASSED}, {@link #FAILED}, {@link #NOT_STARTED}, {@link #TIMEOUT}, {@link #CRASHED},
 *     {@link #SKIPPED} or {@link #NO_RESULT}
 * @param message what went wrong, or null
 * @param output what the learner's code printed during the check (capped), or empty
 */
public record CheckResult(String name, int layer, String status, String message, String output) {
  public static final String PASSED = "passed";
  public static final String FAILED = "failed";
  public static final String NOT_STARTED = "not-started";
  public static final String TIMEOUT = "timeout";
  public static final String CRASHED = "crashed";
  public static final String SKIPPED = "skipped";
  public static final String NO_RESULT = "no-result";

  /** A check that counts against the kata: anything but passed, skipped and not started. */
  public boolean isFailure() {
    return !status.equals(PASSED) && !status.equals(SKIPPED) && !status.equals(NOT_STARTED);
  }
}
