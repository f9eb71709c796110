package mlkata.grader.support;

/**
 * Which code the specs grade: the learner's stubs ({@code mlkata.exercises}) or the reference
 * solutions ({@code mlkata.solutions}). Chosen with the system property {@code kata.target}
 * (Maven: {@code -Dkata.target=solutions}); the learner's code is the default.
 *
 * <p>Both targets are compiled against the specs (see the grader's pom), so a spec never looks a class
 * up by name: {@link #pick} only chooses between two bindings javac has already checked.
 */
public enum Target {
  EXERCISES,
  SOLUTIONS;

  /** The system property that selects the target. */
  public static final String PROPERTY = "kata.target";

  /** The target of this run. */
  public static Target current() {
    String value = System.getProperty(PROPERTY, "exercises").trim();
    switch (value) {
      case "":
      case "exercises":
        return EXERCISES;
      case "solutions":
        return SOLUTIONS;
      default:
        throw new IllegalStateException(
            "-D" + PROPERTY + " must be 'exercises' or 'solutions', not '" + value + "'");
    }
  }

  /** Returns the binding of the current target. */
  public static <T> T pick(T exercises, T solutions) {
    return current() == EXERCISES ? exercises : solutions;
  }
}
