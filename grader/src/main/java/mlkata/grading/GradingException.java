package mlkata.grading;

/** Grading cannot start: the grader is not built, no compiler, a state directory that cannot be written. */
public final class GradingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GradingException(String message) {
    super(message);
  }
}
