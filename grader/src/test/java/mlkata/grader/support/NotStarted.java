package mlkata.grader.support;

import java.util.List;

/**
 * Recognises an untouched stub: the learner's method still throws the stub's
 * {@link UnsupportedOperationException}, thrown from a class in {@code mlkata.exercises}.
 */
public final class NotStarted {
  /** The prefix of every message this class reports, read by the scoreboard. */
  public static final String MARKER = "Not started:";

  private static final String EXERCISES_PACKAGE = "mlkata.exercises.";

  private NotStarted() {}

  /** True when {@code failure}, or one of its causes, is an exercise stub's "not implemented" exception. */
  public static boolean isStub(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().startsWith(MARKER)) {
        return true;
      }
      if (t instanceof UnsupportedOperationException && thrownByExercise(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * What a not-started check reports: "Not started: RocAuc.auc still throws the stub's ...", or for
   * several methods "Not started: RocAuc.auc, RocAuc.rocCurve still throw ..." (the scoreboard reads the
   * names back).
   */
  static String message(List<String> methods) {
    return MARKER + " " + String.join(", ", methods) + (methods.size() == 1 ? " still throws" : " still throw")
        + " the stub's UnsupportedOperationException";
  }

  /** The stub method that threw, such as {@code RocAuc.auc}, or "the stub" when unknown. */
  static String stubMethod(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof UnsupportedOperationException && thrownByExercise(t)) {
        StackTraceElement top = t.getStackTrace()[0];
        String cls = top.getClassName();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + top.getMethodName();
      }
    }
    return "the stub";
  }

  private static boolean thrownByExercise(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    return trace.length > 0 && trace[0].getClassName().startsWith(EXERCISES_PACKAGE);
  }
}
