package mlkata.grader.support;

import java.util.ArrayList;
import java.util.List;

/**
 * The learner's own lines in an exception's stack: the frames in the kata's code, as
 * {@code at RocAuc.auc (exercises/src/main/java/mlkata/exercises/metrics/RocAuc.java:42)}, and none of
 * the grader's, JUnit's or AssertJ's.
 */
public final class LearnerFrames {
  private static final String[] PACKAGES = {"mlkata.exercises.", "mlkata.solutions."};
  private static final int MAX_FRAMES = 8;

  private LearnerFrames() {}

  /** The learner frames of {@code t} and its causes, one "at ..." line each; empty when there are none. */
  public static List<String> of(Throwable t) {
    List<String> out = new ArrayList<>();
    for (Throwable c = t; c != null && out.size() < MAX_FRAMES; c = c.getCause() == c ? null : c.getCause()) {
      for (StackTraceElement e : c.getStackTrace()) {
        if (isLearner(e.getClassName()) && out.size() < MAX_FRAMES) {
          String line = "at " + simple(e.getClassName()) + "." + e.getMethodName() + " (" + path(e) + ")";
          if (!out.contains(line)) {
            out.add(line);
          }
        }
      }
    }
    return out;
  }

  /** {@code message}, then the learner frames of {@code t} indented below it, if any. */
  public static String append(String message, Throwable t) {
    if (t instanceof AssertionError) {
      return message; // the grader's own verdict: its stack is the grader's
    }
    List<String> frames = of(t);
    if (frames.isEmpty()) {
      return message;
    }
    StringBuilder out = new StringBuilder(message == null ? "" : message.stripTrailing());
    for (String f : frames) {
      out.append("\n    ").append(f);
    }
    return out.toString();
  }

  private static boolean isLearner(String className) {
    for (String p : PACKAGES) {
      if (className.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
  }

  private static String path(StackTraceElement e) {
    String cls = e.getClassName();
    int dollar = cls.indexOf('$');
    String top = dollar < 0 ? cls : cls.substring(0, dollar);
    String module = top.startsWith("mlkata.exercises.") ? "exercises" : "solutions";
    String dir = top.substring(0, top.lastIndexOf('.')).replace('.', '/');
    String file = e.getFileName() != null ? e.getFileName() : top.substring(top.lastIndexOf('.') + 1) + ".java";
    return module + "/src/main/java/" + dir + "/" + file + (e.getLineNumber() > 0 ? ":" + e.getLineNumber() : "");
  }
}
